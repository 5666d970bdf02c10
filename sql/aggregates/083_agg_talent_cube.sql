-- dw.agg_talent_cube (read by mart.talent_cube) refreshed for the snapshots this load wrote.
-- grain: one row per district per roster snapshot per talent category (is_all: once more for every
--   person) per education, 职称, skill level, talent tier, gender and age band; DDL: V019.
-- reads: replaced_snapshots, feed_keys (030_feed_keys), stg_roster, category_lists
--   (040_fct_talent_snapshot), dw.dim_education, dw.dim_professional_title, dw.dim_skill_level,
--   dw.dim_talent_level
-- writes: dw.agg_talent_cube; temp table cube_profiles (this script only)
-- Counted from this load's staged roster rows: they are the facts 040 wrote for these snapshots
-- (the same joins to feed_keys and the code dimensions), and a person's staged gender and birth year
-- are read off the ID number the pseudonym is keyed on, as dw.dim_person's are. So no fact row is
-- joined to the dimension of every person. The macro dw.talent_cube_of
-- (sql/migrations/R__dw_talent_cube_of.sql) computes the same rows from the facts and dw.dim_person.
-- Written in snapshot order, so that the delete of the next load that replaces a few snapshots
-- skips the row groups of every other snapshot kept (DuckDB's min/max per row group) instead of
-- reading the whole cube, as the fact deletes already do: facts are written in the staged files'
-- order.
delete from dw.agg_talent_cube a
where exists (
    select 1 from replaced_snapshots r
    where r.district_sk = a.district_sk and r.snapshot_date_sk = a.snapshot_date_sk
);

-- The rows are counted per profile in their staged codes first (a few hundred thousand profiles of
-- millions of rows), and only the profiles get their keys.
create or replace temp table cube_profiles as
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
        case
            when birth_year is null then null
            when year(snapshot_date) - birth_year < 35 then '35岁以下'
            when year(snapshot_date) - birth_year < 45 then '35-44岁'
            when year(snapshot_date) - birth_year < 55 then '45-54岁'
            else '55岁及以上'
        end as age_band,
        count(*) as people
    from stg_roster
    group by all
),

-- the joins of 040_fct_talent_snapshot, on the profiles
final as (
    select
        k.district_sk,
        k.snapshot_date_sk,
        cl.category_sks,
        ed.education_sk,
        ti.title_sk,
        sk.skill_level_sk,
        tl.talent_level_sk,
        cast(r.gender as varchar) as gender,
        r.age_band,
        r.people
    from staged_profiles r
    join feed_keys k on k.district_code = r.district_code and k.snapshot_date = r.snapshot_date
    left join dw.dim_education ed on try_cast(ed.education_code as stg_education) = r.education_code
    left join dw.dim_professional_title ti on try_cast(ti.title_code as stg_title) = r.title_code
    left join dw.dim_skill_level sk on try_cast(sk.skill_level_code as stg_skill_level) = r.skill_level_code
    left join dw.dim_talent_level tl on try_cast(tl.talent_level_code as stg_talent_level) = r.talent_level_code
    left join category_lists cl on cl.categories = r.categories
)

select * from final;

-- As dw.talent_cube_of, each profile (its category list whole) is spread by category once; profiles
-- whose staged lists sort to the same keys add up in the grouping.
insert into dw.agg_talent_cube
with profile_categories as (
    select p.*, unnest(list_append(p.category_sks, null::integer)) as category_sk
    from cube_profiles p
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

select * from final
order by snapshot_date_sk, district_sk;
