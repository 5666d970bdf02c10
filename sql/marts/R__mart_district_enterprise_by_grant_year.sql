-- grain: one row per district per qualification per grant year, at the district's latest
-- enterprise snapshot: the enterprises of that snapshot holding the qualification, by the year it
-- was granted (grant_year null where the feed gave no date). Only years with at least one
-- enterprise have a row. An enterprise holding two qualifications (专精特新 and 小巨人) has a row
-- under each.
create or replace view mart.district_enterprise_by_grant_year as
with qualifications as (
    select * from dw.int_qualifications_at_latest_snapshot
),

qualification_types as (
    select * from dw.dim_qualification
),

district_names as (
    select * from dw.district_current
),

counts as (
    select
        district_code,
        snapshot_date_sk,
        qualification_sk,
        cast(granted_date_sk // 10000 as integer) as grant_year,
        count(distinct enterprise_sk) as enterprises
    from qualifications
    group by district_code, snapshot_date_sk, qualification_sk, granted_date_sk // 10000
),

final as (
    select
        c.district_code,
        n.district_name,
        n.region,
        strptime(cast(c.snapshot_date_sk as varchar), '%Y%m%d')::date as snapshot_date,
        q.qualification_code,
        q.qualification_name,
        q.qualification_family,
        q.tier,
        q.tier_rank,
        q.is_specialized,
        c.grant_year,
        c.enterprises,
        case when c.grant_year is not null then
            cast(sum(c.enterprises) over (
                partition by c.district_code, c.qualification_sk, c.grant_year is null
                order by c.grant_year
                rows between unbounded preceding and current row
            ) as bigint)
        end as cumulative_enterprises
    from counts c
    join qualification_types q on q.qualification_sk = c.qualification_sk
    join district_names n on n.district_code = c.district_code
)

select * from final
order by district_code, qualification_family, tier_rank, grant_year;

comment on view mart.district_enterprise_by_grant_year is '各区县企业资质（按认定年份，最新企业名单）。One row per district per qualification per grant year at the district''s latest enterprise snapshot: the enterprises still holding the qualification, by the year it was granted.';
comment on column mart.district_enterprise_by_grant_year.district_code is '区县代码。GB/T 2260 code of the district.';
comment on column mart.district_enterprise_by_grant_year.district_name is '区县名称。Current official name of the district.';
comment on column mart.district_enterprise_by_grant_year.region is '所属片区。主城都市区, 渝东北 or 渝东南.';
comment on column mart.district_enterprise_by_grant_year.snapshot_date is '企业名单日期。Date of the district''s latest enterprise snapshot.';
comment on column mart.district_enterprise_by_grant_year.qualification_code is '资质代码。Code from seeds/qualification_types.csv, e.g. little_giant, specialized_sme, high_tech.';
comment on column mart.district_enterprise_by_grant_year.qualification_name is '资质名称。e.g. 专精特新中小企业, 高新技术企业.';
comment on column mart.district_enterprise_by_grant_year.qualification_family is '资质体系。专精特新 or 科技企业.';
comment on column mart.district_enterprise_by_grant_year.tier is '梯度层级。国家级, 市级 or 基础.';
comment on column mart.district_enterprise_by_grant_year.tier_rank is '层级序号。Rank within the family, 1 = highest.';
comment on column mart.district_enterprise_by_grant_year.is_specialized is '是否计入专精特新。True for the qualifications counted as 专精特新 (specialized_sme, little_giant).';
comment on column mart.district_enterprise_by_grant_year.grant_year is '认定年份。Year the qualification was granted; null where the feed gave no date.';
comment on column mart.district_enterprise_by_grant_year.enterprises is '企业数。Distinct enterprises of the snapshot holding the qualification granted in grant_year.';
comment on column mart.district_enterprise_by_grant_year.cumulative_enterprises is '累计企业数。Enterprises of the snapshot granted the qualification in grant_year or earlier (those since lost are not in the snapshot); null for the unknown-year row.';
