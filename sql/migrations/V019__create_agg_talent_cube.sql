-- The aggregate mart.talent_cube reads, maintained by every load for the snapshots it writes (like
-- dw.agg_talent_snapshot): grouping millions of roster rows by seven attributes on every read of
-- the cube cost seconds at city scale, a serve to PostgreSQL included.
-- grain: one row per district per roster snapshot per talent category (is_all: once more for every
-- person, category_sk null) per education, 职称, skill level, talent tier, gender and age band held
-- by at least one person.
create table dw.agg_talent_cube (
    district_sk integer not null,
    snapshot_date_sk integer not null,
    is_all boolean not null,
    category_sk integer,
    education_sk integer,
    title_sk integer,
    skill_level_sk integer,
    talent_level_sk integer,
    gender varchar,
    age_band varchar,
    people bigint not null
);

insert into dw.agg_talent_cube
with person_categories as (
    select t.*, unnest(list_append(t.category_sks, null::integer)) as category_sk
    from dw.fct_talent_snapshot t
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
