-- dw.fct_talent_snapshot, the roster fact, built here alone (the repeatable view
-- dw.fct_talent_category spreads its category lists out: sql/migrations/R__dw_fct_talent_category.sql).
-- grain: one row per person per district per roster snapshot; DDL: V007 (table), V016 (person keys
--   as UUIDs in dim_person), V017 (category_sks in the fact row).
-- reads: stg_roster, stg_run, feed_keys, replaced_snapshots, repointed, known_people, new_person_keys
--   and keys_staged (020_dim_person), dw.dim_person,
--   dw.dim_education, dw.dim_professional_title, dw.dim_skill_level, dw.dim_talent_level,
--   dw.dim_enterprise, dw.dim_talent_category
-- writes: dw.fct_talent_snapshot; temp view talent_rows (this load's roster rows, read by
--   082_agg_multi_district_person); temp table roster_profiles (this load's roster rows counted per
--   profile, read by 080_agg_talent_snapshot, 081_agg_talent_category and 083_agg_talent_cube)

-- Earlier facts of an enterprise whose versions this load changed point at the version valid on
-- their snapshot date (repointed: 025_dim_enterprise); rows replaced below are written anew anyway.
update dw.fct_talent_snapshot f set employer_enterprise_sk = r.new_sk
from repointed r
where f.employer_enterprise_sk = r.old_sk
    and strptime(cast(f.snapshot_date_sk as varchar), '%Y%m%d')::date between r.valid_from and r.valid_to;

-- Replace each loaded roster snapshot completely: a snapshot loaded twice is counted once.
delete from dw.fct_talent_snapshot t
where exists (
    select 1 from replaced_snapshots r
    where r.district_sk = t.district_sk and r.snapshot_date_sk = t.snapshot_date_sk
);

-- A roster names its people's categories in a few hundred distinct combinations ('a|b', an enum of
-- them in stg_roster): each is turned into its sorted key list once, and rows pick theirs up by a
-- join on the combination (cheaper than a lookup per code of every row). The staged codes are distinct and
-- all in the vocabulary (staging quarantines the rest); a code the dimension lacked would become a
-- null key, which fct_talent_snapshot_category_relationships reports.
create or replace temp table category_lists as
with combinations as (
    select distinct categories from stg_roster
),

categories as (
    select map(list(category_code), list(category_sk)) as category_sk_by_code from dw.dim_talent_category
),

final as (
    select
        m.categories,
        list_sort(list_transform(string_split(cast(m.categories as varchar), '|'), lambda code: c.category_sk_by_code[code])) as category_sks
    from combinations m
    cross join categories c
)

select * from final;

-- Straight into the fact table: a temp table of the rows and a copy from it cost more than one insert.
insert into dw.fct_talent_snapshot
select
    k.snapshot_date_sk,
    k.district_sk,
    -- a new warehouse's people are keyed by the claims' numbers staged on each row (020_dim_person)
    case when getvariable('keys_staged') then r.person_key else p.person_sk end as person_sk,
    ed.education_sk,
    ti.title_sk,
    sk.skill_level_sk,
    tl.talent_level_sk,
    e.enterprise_sk as employer_enterprise_sk,
    coalesce(tl.is_high_level, false) as is_high_level,
    coalesce(sk.is_high_skill, false) as is_high_skill,
    (select run_id from stg_run) as run_id,
    r.line as source_line,
    cl.category_sks
from stg_roster r
join feed_keys k on cast(k.district_code as stg_district) = r.district_code and k.snapshot_date = r.snapshot_date
-- a left join, so that a row without a person fails the insert (person_sk is not null) rather than
-- vanishing; with the claims' numbers as keys there is nothing to join
left join (
    -- a night's people with the keys 020_dim_person found or gave them (looked up in the dimension once)
    select person_id, person_sk from known_people
    union all
    select person_id, person_sk from new_person_keys
    union all
    -- a load of the city joins the dimension itself
    select person_id, person_sk from dw.dim_person where not getvariable('few_people') and not getvariable('keys_staged')
) p on p.person_id = r.person_id
-- stg_roster holds the codes as enums of the seeds' codes: the few dimension rows are cast to them (a
-- code the seed no longer has matches no row), not every roster row to a string
left join dw.dim_education ed on try_cast(ed.education_code as stg_education) = r.education_code
left join dw.dim_professional_title ti on try_cast(ti.title_code as stg_title) = r.title_code
left join dw.dim_skill_level sk on try_cast(sk.skill_level_code as stg_skill_level) = r.skill_level_code
left join dw.dim_talent_level tl on try_cast(tl.talent_level_code as stg_talent_level) = r.talent_level_code
left join dw.dim_enterprise e on e.uscc = r.employer_uscc
    and r.snapshot_date between e.valid_from and coalesce(e.valid_to, date '9999-12-31')
left join category_lists cl on cl.categories = r.categories;

-- The roster rows this load wrote, for the aggregates after it: the snapshots of feed_keys were
-- emptied above (replaced_snapshots covers them), so their rows now are exactly this load's.
create or replace temp view talent_rows as
select t.*
from dw.fct_talent_snapshot t
semi join feed_keys k on k.district_sk = t.district_sk and k.snapshot_date_sk = t.snapshot_date_sk;

-- This load's roster rows counted per profile, for the aggregates 080, 081 and 083: every column
-- they group by, the category list whole, gender and age band (083). The staged rows are the facts
-- written above for these snapshots (the same joins), and a person's staged gender and birth year
-- are read off the ID number the pseudonym is keyed on, as dw.dim_person's are; so the aggregates
-- count a few hundred thousand profiles instead of reading millions of facts, and no fact is joined
-- to the dimension of every person. The rows are counted in their staged codes first, and only the
-- profiles get their keys.
create or replace temp table roster_profiles as
with staged_profiles as (
    select
        district_code,
        snapshot_date,
        categories,
        education_code,
        title_code,
        skill_level_code,
        talent_level_code,
        gender,
        -- the age bands of dw.talent_cube_of, numbered here (a byte to group by), labelled per profile below
        case
            when birth_year is null then null
            when year(snapshot_date) - birth_year < 35 then 1
            when year(snapshot_date) - birth_year < 45 then 2
            when year(snapshot_date) - birth_year < 55 then 3
            else 4
        end::utinyint as age_band,
        count(*) as people
    from stg_roster
    group by all
),

-- the joins of the fact insert above, on the profiles
final as (
    select
        k.district_sk,
        k.snapshot_date_sk,
        cl.category_sks,
        ed.education_sk,
        ti.title_sk,
        sk.skill_level_sk,
        tl.talent_level_sk,
        coalesce(tl.is_high_level, false) as is_high_level,
        coalesce(sk.is_high_skill, false) as is_high_skill,
        cast(r.gender as varchar) as gender,
        ['35岁以下', '35-44岁', '45-54岁', '55岁及以上'][r.age_band] as age_band,
        r.people
    from staged_profiles r
    join feed_keys k on cast(k.district_code as stg_district) = r.district_code and k.snapshot_date = r.snapshot_date
    left join dw.dim_education ed on try_cast(ed.education_code as stg_education) = r.education_code
    left join dw.dim_professional_title ti on try_cast(ti.title_code as stg_title) = r.title_code
    left join dw.dim_skill_level sk on try_cast(sk.skill_level_code as stg_skill_level) = r.skill_level_code
    left join dw.dim_talent_level tl on try_cast(tl.talent_level_code as stg_talent_level) = r.talent_level_code
    left join category_lists cl on cl.categories = r.categories
)

select * from final;
