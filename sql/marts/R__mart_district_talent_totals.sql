-- grain: one row per district, at its latest roster snapshot.
-- talent_total counts distinct people (人才资源总量); talents_per_10k_residents is null where the
-- district's resident population is unknown. The ranks compare the districts of a region at their
-- latest roster snapshots, whose dates differ.
-- Reads the per district snapshot aggregates (dw.agg_talent_*) the load maintains, not the
-- millions of roster facts; a data test checks they equal the facts.
create or replace view mart.district_talent_totals as
with totals as (
    select * from dw.int_talent_totals
    where is_latest_snapshot
),

district_names as (
    select * from dw.district_current
),

final as (
    select
        t.district_code,
        n.district_name,
        n.region,
        t.snapshot_date,
        t.talent_total,
        t.high_level_total,
        t.high_skill_total,
        n.resident_population,
        n.population_year,
        round(t.talent_total * 10000.0 / n.resident_population, 1) as talents_per_10k_residents,
        rank() over (partition by n.region order by t.talent_total desc) as rank_in_region,
        case when n.resident_population is not null then
            rank() over (
                partition by n.region, n.resident_population is null
                order by round(t.talent_total * 10000.0 / n.resident_population, 1) desc
            )
        end as rank_in_region_per_10k,
        count(*) over (partition by n.region) as districts_ranked_in_region
    from totals t
    join district_names n on n.district_code = t.district_code
)

select * from final
order by district_code;

comment on view mart.district_talent_totals is '各区县人才资源总量（最新花名册）。One row per district at its latest roster snapshot: distinct people (人才资源总量), high-level and high-skill talents, talents per 10,000 residents and rank within the region.';
comment on column mart.district_talent_totals.district_code is '区县代码。GB/T 2260 code of the district.';
comment on column mart.district_talent_totals.district_name is '区县名称。Current official name of the district.';
comment on column mart.district_talent_totals.region is '所属片区。主城都市区, 渝东北 or 渝东南 (2020 statistical grouping).';
comment on column mart.district_talent_totals.snapshot_date is '花名册日期。Date of the district''s latest roster snapshot; districts'' dates differ.';
comment on column mart.district_talent_totals.talent_total is '人才资源总量。Distinct people on the roster; a person holding several categories counts once.';
comment on column mart.district_talent_totals.high_level_total is '高层次人才。Distinct people at a high talent level (国家级, 省部级 or 区县级).';
comment on column mart.district_talent_totals.high_skill_total is '高技能人才。Distinct people at skill level 高级工 or above.';
comment on column mart.district_talent_totals.resident_population is '常住人口。Resident population from seeds/districts.csv; null where no published figure was found.';
comment on column mart.district_talent_totals.population_year is '人口年份。Year of resident_population (year end).';
comment on column mart.district_talent_totals.talents_per_10k_residents is '每万常住人口人才数。talent_total per 10,000 residents, one decimal; null where the population is unknown. Population and roster years may differ.';
comment on column mart.district_talent_totals.rank_in_region is '片区内总量排名。Rank by talent_total among the districts of the region in this view (1 = most; ties share a rank).';
comment on column mart.district_talent_totals.rank_in_region_per_10k is '片区内每万人排名。Rank by talents_per_10k_residents among the region''s districts with a known population; null where the population is unknown.';
comment on column mart.district_talent_totals.districts_ranked_in_region is '片区内参与排名区县数。Districts of the region in this view (with a roster loaded): the denominator of rank_in_region.';
