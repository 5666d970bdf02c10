-- Refresh the cube aggregate (dw.agg_talent_cube, read by mart.talent_cube) for the snapshots this
-- load wrote: each roster row once per category it holds and once more under 'all' (category_sk
-- null); age is the snapshot's year minus the birth year.
delete from dw.agg_talent_cube a
where exists (
    select 1 from replaced_snapshots r
    where r.district_sk = a.district_sk and r.snapshot_date_sk = a.snapshot_date_sk
);

insert into dw.agg_talent_cube
with person_categories as (
    select t.*, unnest(list_append(t.category_sks, null::integer)) as category_sk
    from talent_rows t
)

select
    c.district_sk,
    c.snapshot_date_sk,
    c.category_sk is null as is_all,
    c.category_sk,
    c.education_sk,
    c.title_sk,
    c.skill_level_sk,
    c.talent_level_sk,
    p.gender,
    case
        when p.birth_year is null then null
        when c.snapshot_date_sk // 10000 - p.birth_year < 35 then '35岁以下'
        when c.snapshot_date_sk // 10000 - p.birth_year < 45 then '35-44岁'
        when c.snapshot_date_sk // 10000 - p.birth_year < 55 then '45-54岁'
        else '55岁及以上'
    end as age_band,
    count(*) as people
from person_categories c
join dw.dim_person p on p.person_sk = c.person_sk
group by all;
