-- The rows of dw.agg_talent_cube for a set of roster facts, as a table macro over the name of the
-- relation holding them: sql/aggregates/083_agg_talent_cube.sql refreshes the snapshots a load wrote with
-- it (V019 built the first rows from the same select over every fact).
-- grain: one row per district per roster snapshot per talent category (is_all: once more for every
-- person, category_sk null) per education, 职称, skill level, talent tier, gender and age band held
-- by at least one person; age is the snapshot's year minus the birth year.
create or replace macro dw.talent_cube_of(talent_facts) as table
with person_categories as (
    select t.*, unnest(list_append(t.category_sks, null::integer)) as category_sk
    from query_table(talent_facts) t
),

final as (
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
    group by all
)

select * from final;
