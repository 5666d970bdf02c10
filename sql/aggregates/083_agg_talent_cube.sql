-- dw.agg_talent_cube (read by mart.talent_cube) refreshed for the snapshots this load wrote.
-- grain: one row per district per roster snapshot per talent category (is_all: once more for every
--   person) per education, 职称, skill level, talent tier, gender and age band; DDL: V019.
-- reads: replaced_snapshots (030_feed_keys), roster_profiles (040_fct_talent_snapshot)
-- writes: dw.agg_talent_cube
-- Counted from this load's roster profiles (the staged rows, with the staged gender and birth year:
-- see 040), not by joining every fact to dw.dim_person. The macro dw.talent_cube_of
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

-- As dw.talent_cube_of, each profile (its category list whole) is spread by category once; profiles
-- whose staged lists sort to the same keys add up in the grouping. Written out here rather than
-- shared with the macro: the macro is the independent computation its test compares this one with.
insert into dw.agg_talent_cube
with profile_categories as (
    select p.*, unnest(list_append(p.category_sks, null::integer)) as category_sk
    from roster_profiles p
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
