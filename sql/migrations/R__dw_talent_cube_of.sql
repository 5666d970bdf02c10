-- The rows of dw.agg_talent_cube for a set of roster facts, as a table macro over the name of the
-- relation holding them: sql/aggregates/083_agg_talent_cube.sql refreshes the snapshots a load wrote with
-- it (V019 built the first rows from the same select over every fact).
-- grain: one row per district per roster snapshot per talent category (is_all: once more for every
-- person, category_sk null) per education, 职称, skill level, talent tier, gender and age band held
-- by at least one person; age is the snapshot's year minus the birth year.
create or replace macro dw.talent_cube_of(talent_facts) as table
-- Each fact row is joined to its person and counted per profile (every column of the cube, the
-- category list whole) before the list is spread: the join and the spreading then work on one row per
-- fact and per profile, not on one row per fact and category.
with facts as (
    select
        t.district_sk,
        t.snapshot_date_sk,
        t.category_sks,
        t.education_sk,
        t.title_sk,
        t.skill_level_sk,
        t.talent_level_sk,
        p.gender,
        case
            when p.birth_year is null then null
            when t.snapshot_date_sk // 10000 - p.birth_year < 35 then '35岁以下'
            when t.snapshot_date_sk // 10000 - p.birth_year < 45 then '35-44岁'
            when t.snapshot_date_sk // 10000 - p.birth_year < 55 then '45-54岁'
            else '55岁及以上'
        end as age_band
    from query_table(talent_facts) t
    join dw.dim_person p on p.person_sk = t.person_sk
),

profiles as (
    select *, count(*) as people
    from facts
    group by all
),

profile_categories as (
    select p.*, unnest(list_append(p.category_sks, null::integer)) as category_sk
    from profiles p
),

final as (
    select
        district_sk,
        snapshot_date_sk,
        category_sk is null as is_all,
        category_sk,
        education_sk,
        title_sk,
        skill_level_sk,
        talent_level_sk,
        gender,
        age_band,
        sum(people)::bigint as people
    from profile_categories
    group by all
)

select * from final;
