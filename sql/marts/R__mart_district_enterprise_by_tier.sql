-- grain: one row per district per qualification (6 of seeds/qualification_types.csv), at the
-- district's latest enterprise snapshot: the enterprises whose highest qualification within the
-- family (专精特新 or 科技企业; tier_rank 1 = highest) is this one. Each enterprise counts once per
-- family, so a family's rows add up to the enterprises holding any of its qualifications — unlike
-- mart.district_enterprise_counts, whose specialized_sme includes the little giants. 0 where none.
create or replace view mart.district_enterprise_by_tier as
with qualifications as (
    select * from dw.int_qualifications_at_latest_snapshot
),

qualification_types as (
    select * from dw.dim_qualification
),

latest_snapshots as (
    select district_code, snapshot_date_sk from dw.int_latest_snapshots where source = 'enterprise'
),

district_names as (
    select * from dw.district_current
),

highest as (
    select
        f.district_code,
        q.qualification_family,
        f.enterprise_sk,
        q.qualification_sk
    from qualifications f
    join qualification_types q on q.qualification_sk = f.qualification_sk
    qualify row_number() over (
        partition by f.district_code, q.qualification_family, f.enterprise_sk order by q.tier_rank, q.qualification_code
    ) = 1
),

counts as (
    select
        district_code,
        qualification_sk,
        count(*) as enterprises
    from highest
    group by district_code, qualification_sk
),

family_totals as (
    select
        district_code,
        qualification_family,
        count(*) as family_total
    from highest
    group by district_code, qualification_family
),

final as (
    select
        l.district_code,
        n.district_name,
        n.region,
        strptime(cast(l.snapshot_date_sk as varchar), '%Y%m%d')::date as snapshot_date,
        q.qualification_family,
        q.qualification_code,
        q.qualification_name,
        q.tier,
        q.tier_rank,
        coalesce(c.enterprises, 0) as enterprises,
        coalesce(t.family_total, 0) as family_total,
        round(coalesce(c.enterprises, 0) * 100.0 / nullif(t.family_total, 0), 2) as share_of_family_pct
    from latest_snapshots l
    cross join qualification_types q
    join district_names n on n.district_code = l.district_code
    left join counts c on c.district_code = l.district_code and c.qualification_sk = q.qualification_sk
    left join family_totals t on t.district_code = l.district_code and t.qualification_family = q.qualification_family
)

select * from final
order by district_code, qualification_family, tier_rank;

comment on view mart.district_enterprise_by_tier is '各区县企业梯度（按最高层级，最新企业名单）。One row per district per qualification at the district''s latest enterprise snapshot, counting each enterprise once per family under its highest qualification; a family''s rows add up to family_total.';
comment on column mart.district_enterprise_by_tier.district_code is '区县代码。GB/T 2260 code of the district.';
comment on column mart.district_enterprise_by_tier.district_name is '区县名称。Current official name of the district.';
comment on column mart.district_enterprise_by_tier.region is '所属片区。主城都市区, 渝东北 or 渝东南.';
comment on column mart.district_enterprise_by_tier.snapshot_date is '企业名单日期。Date of the district''s latest enterprise snapshot.';
comment on column mart.district_enterprise_by_tier.qualification_family is '资质体系。专精特新 or 科技企业.';
comment on column mart.district_enterprise_by_tier.qualification_code is '资质代码。Code from seeds/qualification_types.csv.';
comment on column mart.district_enterprise_by_tier.qualification_name is '资质名称。e.g. 专精特新"小巨人"企业, 专精特新中小企业.';
comment on column mart.district_enterprise_by_tier.tier is '梯度层级。国家级, 市级 or 基础.';
comment on column mart.district_enterprise_by_tier.tier_rank is '层级序号。Rank within the family, 1 = highest.';
comment on column mart.district_enterprise_by_tier.enterprises is '企业数（按最高层级）。Enterprises whose highest qualification in the family is this one; 0 when none.';
comment on column mart.district_enterprise_by_tier.family_total is '该体系企业数。Distinct enterprises holding any qualification of the family.';
comment on column mart.district_enterprise_by_tier.share_of_family_pct is '占该体系比例（%）。enterprises / family_total × 100, two decimals; null when the family has no enterprise.';
