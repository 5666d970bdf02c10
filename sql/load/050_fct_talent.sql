-- Replace each loaded roster snapshot completely: a snapshot loaded twice is counted once.
delete from dw.fct_talent_snapshot t
where exists (
    select 1 from replaced_snapshots r
    where r.district_sk = t.district_sk and r.snapshot_date_sk = t.snapshot_date_sk
);

create or replace temp table talent_rows as
select
    k.snapshot_date_sk,
    k.district_sk,
    p.person_sk,
    -- the staged codes are distinct and all in the vocabulary (staging quarantines the rest); a code
    -- the dimension lacks would become a null key, which fct_talent_snapshot_category_relationships
    -- reports
    list_sort(list_transform(string_split(r.categories, '|'), lambda code: c.category_sk_by_code[code])) as category_sks,
    ed.education_sk,
    ti.title_sk,
    sk.skill_level_sk,
    tl.talent_level_sk,
    e.enterprise_sk as employer_enterprise_sk,
    coalesce(tl.is_high_level, false) as is_high_level,
    coalesce(sk.is_high_skill, false) as is_high_skill,
    r.line
from stg_roster r
join feed_keys k on k.district_code = r.district_code and k.snapshot_date = r.snapshot_date
join dw.dim_person p on p.person_id = r.person_id
left join dw.dim_education ed on ed.education_code = r.education_code
left join dw.dim_professional_title ti on ti.title_code = r.title_code
left join dw.dim_skill_level sk on sk.skill_level_code = r.skill_level_code
left join dw.dim_talent_level tl on tl.talent_level_code = r.talent_level_code
left join dw.dim_enterprise e on e.uscc = r.employer_uscc
    and r.snapshot_date between e.valid_from and coalesce(e.valid_to, date '9999-12-31')
cross join (
    select map(list(category_code), list(category_sk)) as category_sk_by_code from dw.dim_talent_category
) c;

insert into dw.fct_talent_snapshot
select snapshot_date_sk, district_sk, person_sk, education_sk, title_sk, skill_level_sk, talent_level_sk,
    employer_enterprise_sk, is_high_level, is_high_skill, (select run_id from stg_run), line, category_sks
from talent_rows;
