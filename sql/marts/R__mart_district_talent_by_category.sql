-- grain: one row per district per talent category (all ten of seeds/talent_categories.csv), at the
-- district's latest roster snapshot. A category nobody on the roster holds shows 0, so the grid is
-- complete for every district with a roster; a district without a roster snapshot has no rows.
-- A person may hold several categories, so a district's shares add up to more than 100%.
-- Reads the per district snapshot aggregates (dw.agg_talent_*) the load maintains, not the
-- millions of roster facts; a data test checks they equal the facts.
create or replace view mart.district_talent_by_category as
with talent_categories as (
    select * from dw.agg_talent_category
),

totals as (
    select * from dw.int_talent_totals
    where is_latest_snapshot
),

categories as (
    select * from dw.dim_talent_category
),

districts as (
    select * from dw.dim_district
),

district_names as (
    select * from dw.district_current
),

category_counts as (
    select
        d.district_code,
        c.category_sk,
        cast(sum(c.people) as bigint) as talents
    from talent_categories c
    join districts d on d.district_sk = c.district_sk
    semi join totals l on l.district_code = d.district_code and l.snapshot_date_sk = c.snapshot_date_sk
    group by d.district_code, c.category_sk
),

grid as (
    select
        t.district_code,
        n.district_name,
        n.region,
        t.snapshot_date,
        k.category_code,
        k.category_name,
        k.category_group,
        coalesce(cc.talents, 0) as talents,
        t.talent_total,
        n.resident_population
    from totals t
    cross join categories k
    join district_names n on n.district_code = t.district_code
    left join category_counts cc on cc.district_code = t.district_code and cc.category_sk = k.category_sk
),

final as (
    select
        district_code,
        district_name,
        region,
        snapshot_date,
        category_code,
        category_name,
        category_group,
        talents,
        talent_total,
        round(talents * 100.0 / talent_total, 2) as share_of_district_total_pct,
        round(talents * 10000.0 / resident_population, 1) as talents_per_10k_residents,
        rank() over (partition by region, category_code order by talents desc) as rank_in_region
    from grid
)

select * from final
order by district_code, category_group, category_code;

comment on view mart.district_talent_by_category is '各区县分类人才（最新花名册）。One row per district per talent category (the six of 人才资源总量 and the four 重点领域 of the 6+4 plan) at the district''s latest roster snapshot; categories overlap, so shares add up to more than 100%.';
comment on column mart.district_talent_by_category.district_code is '区县代码。GB/T 2260 code of the district.';
comment on column mart.district_talent_by_category.district_name is '区县名称。Current official name of the district.';
comment on column mart.district_talent_by_category.region is '所属片区。主城都市区, 渝东北 or 渝东南 (2020 statistical grouping).';
comment on column mart.district_talent_by_category.snapshot_date is '花名册日期。Date of the district''s latest roster snapshot; districts'' dates differ.';
comment on column mart.district_talent_by_category.category_code is '人才类别代码。Code from seeds/talent_categories.csv.';
comment on column mart.district_talent_by_category.category_name is '人才类别。Chinese name of the category, e.g. 专业技术人才, 科技人才.';
comment on column mart.district_talent_by_category.category_group is '类别分组。人才资源总量 (the six categories of the talent total) or 重点领域 (科技, 教育, 医疗卫生, 商贸物流).';
comment on column mart.district_talent_by_category.talents is '人数。Distinct people on the roster holding the category; 0 when none.';
comment on column mart.district_talent_by_category.talent_total is '人才资源总量。Distinct people on the same roster snapshot (as in mart.district_talent_totals).';
comment on column mart.district_talent_by_category.share_of_district_total_pct is '占本区县人才总量比例（%）。talents / talent_total × 100, two decimals.';
comment on column mart.district_talent_by_category.talents_per_10k_residents is '每万常住人口人数。talents per 10,000 residents (seeded population); null where the population is unknown.';
comment on column mart.district_talent_by_category.rank_in_region is '片区内排名。Rank by talents among the districts of the region in this view (1 = most; ties share a rank); snapshot dates may differ between districts.';
