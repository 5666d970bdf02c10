-- grain: one row per district, at its latest roster snapshot.
-- talent_total counts distinct people (人才资源总量); talents_per_10k_residents is null where the
-- district's resident population is unknown.
create or replace view mart.district_talent_totals as
with talent as (
    select * from dw.fct_talent_snapshot
),

districts as (
    select * from dw.dim_district
),

snapshots as (
    select
        d.district_code,
        t.snapshot_date_sk,
        count(distinct t.person_sk) as talent_total,
        count(distinct t.person_sk) filter (where t.is_high_level) as high_level_total,
        count(distinct t.person_sk) filter (where t.is_high_skill) as high_skill_total
    from talent t
    join districts d on d.district_sk = t.district_sk
    group by d.district_code, t.snapshot_date_sk
),

latest as (
    select * from snapshots
    qualify row_number() over (partition by district_code order by snapshot_date_sk desc) = 1
),

district_names as (
    select * from districts
    qualify row_number() over (partition by district_code order by valid_from desc) = 1
),

final as (
    select
        l.district_code,
        n.district_name,
        n.region,
        strptime(cast(l.snapshot_date_sk as varchar), '%Y%m%d')::date as snapshot_date,
        l.talent_total,
        l.high_level_total,
        l.high_skill_total,
        n.resident_population,
        n.population_year,
        round(l.talent_total * 10000.0 / n.resident_population, 1) as talents_per_10k_residents
    from latest l
    join district_names n on n.district_code = l.district_code
)

select * from final
order by district_code;
