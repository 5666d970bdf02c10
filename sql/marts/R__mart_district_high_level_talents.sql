-- grain: one row per district per high-level talent level (the levels of seeds/talent_levels.csv
-- marked is_high_level: 国家级, 省部级, 区县级), at the district's latest roster snapshot; 0 where
-- nobody holds the level. A person has one level per roster, so the levels add up to
-- high_level_total.
-- Reads the per district snapshot aggregates (dw.agg_talent_*) the load maintains, not the
-- millions of roster facts; a data test checks they equal the facts.
create or replace view mart.district_high_level_talents as
with talent as (
    select * from dw.agg_talent_snapshot
),

totals as (
    select * from dw.int_talent_totals
    where is_latest_snapshot
),

talent_levels as (
    select * from dw.dim_talent_level
),

districts as (
    select * from dw.dim_district
),

district_names as (
    select * from dw.district_current
),

level_counts as (
    select
        d.district_code,
        t.talent_level_sk,
        cast(sum(t.people) as bigint) as talents
    from talent t
    join districts d on d.district_sk = t.district_sk
    semi join totals l on l.district_code = d.district_code and l.snapshot_date_sk = t.snapshot_date_sk
    where t.is_high_level
    group by d.district_code, t.talent_level_sk
),

final as (
    select
        t.district_code,
        n.district_name,
        n.region,
        t.snapshot_date,
        v.talent_level_code,
        v.talent_level_name,
        v.level_rank,
        coalesce(c.talents, 0) as talents,
        t.high_level_total,
        t.talent_total,
        round(coalesce(c.talents, 0) * 10000.0 / n.resident_population, 2) as talents_per_10k_residents
    from totals t
    cross join talent_levels v
    join district_names n on n.district_code = t.district_code
    left join level_counts c on c.district_code = t.district_code and c.talent_level_sk = v.talent_level_sk
    where v.is_high_level
)

select * from final
order by district_code, level_rank;

comment on view mart.district_high_level_talents is '各区县高层次人才（按层级，最新花名册）。One row per district per high-level talent level (国家级, 省部级, 区县级) at the district''s latest roster snapshot; the levels add up to high_level_total.';
comment on column mart.district_high_level_talents.district_code is '区县代码。GB/T 2260 code of the district.';
comment on column mart.district_high_level_talents.district_name is '区县名称。Current official name of the district.';
comment on column mart.district_high_level_talents.region is '所属片区。主城都市区, 渝东北 or 渝东南.';
comment on column mart.district_high_level_talents.snapshot_date is '花名册日期。Date of the district''s latest roster snapshot.';
comment on column mart.district_high_level_talents.talent_level_code is '人才层级代码。Code from seeds/talent_levels.csv (national, provincial, district).';
comment on column mart.district_high_level_talents.talent_level_name is '人才层级。国家级高层次人才, 省部级高层次人才 or 区县级高层次人才.';
comment on column mart.district_high_level_talents.level_rank is '层级序号。1 = highest level.';
comment on column mart.district_high_level_talents.talents is '人数。Distinct people on the roster at this level; 0 when none.';
comment on column mart.district_high_level_talents.high_level_total is '高层次人才合计。Distinct people at any high level on the same roster snapshot.';
comment on column mart.district_high_level_talents.talent_total is '人才资源总量。Distinct people on the same roster snapshot.';
comment on column mart.district_high_level_talents.talents_per_10k_residents is '每万常住人口人数。talents per 10,000 residents, two decimals; null where the population is unknown.';
