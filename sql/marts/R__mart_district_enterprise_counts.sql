-- grain: one row per district, at its latest enterprise snapshot.
-- Each column counts distinct enterprises holding the qualification; specialized_sme counts every
-- enterprise holding a 专精特新 qualification of any tier, so it includes the little giants.
create or replace view mart.district_enterprise_counts as
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
        f.district_code,
        f.snapshot_date_sk,
        count(distinct f.enterprise_sk) filter (where q.is_specialized) as specialized_sme,
        count(distinct f.enterprise_sk) filter (where q.qualification_code = 'little_giant') as little_giant,
        count(distinct f.enterprise_sk) filter (where q.qualification_code = 'high_tech') as high_tech,
        count(distinct f.enterprise_sk) filter (where q.qualification_code = 'tech_sme') as tech_sme,
        count(distinct f.enterprise_sk) filter (where q.qualification_code = 'innovative_sme') as innovative_sme,
        count(distinct f.enterprise_sk) as enterprise_total
    from qualifications f
    join qualification_types q on q.qualification_sk = f.qualification_sk
    group by f.district_code, f.snapshot_date_sk
),

final as (
    select
        c.district_code,
        n.district_name,
        n.region,
        strptime(cast(c.snapshot_date_sk as varchar), '%Y%m%d')::date as snapshot_date,
        c.specialized_sme,
        c.little_giant,
        c.high_tech,
        c.tech_sme,
        c.innovative_sme,
        c.enterprise_total
    from counts c
    join district_names n on n.district_code = c.district_code
)

select * from final
order by district_code;

comment on view mart.district_enterprise_counts is '各区县资质企业数（最新企业名单）。One row per district at its latest enterprise snapshot: distinct enterprises per qualification; specialized_sme includes the little giants.';
comment on column mart.district_enterprise_counts.district_code is '区县代码。GB/T 2260 code of the district.';
comment on column mart.district_enterprise_counts.district_name is '区县名称。Current official name of the district.';
comment on column mart.district_enterprise_counts.region is '所属片区。主城都市区, 渝东北 or 渝东南.';
comment on column mart.district_enterprise_counts.snapshot_date is '企业名单日期。Date of the district''s latest enterprise snapshot.';
comment on column mart.district_enterprise_counts.specialized_sme is '专精特新企业。Distinct enterprises holding a 专精特新 qualification of any tier (市级专精特新 or 国家级小巨人), so it includes the little giants.';
comment on column mart.district_enterprise_counts.little_giant is '国家级专精特新"小巨人"企业。Distinct enterprises on the national little-giant list.';
comment on column mart.district_enterprise_counts.high_tech is '高新技术企业。Distinct enterprises holding the national high-tech qualification.';
comment on column mart.district_enterprise_counts.tech_sme is '科技型企业。Distinct enterprises holding the 科技型企业 qualification.';
comment on column mart.district_enterprise_counts.innovative_sme is '创新型中小企业。Distinct enterprises holding the 创新型中小企业 qualification (the base tier, not counted as 专精特新).';
comment on column mart.district_enterprise_counts.enterprise_total is '资质企业总数。Distinct enterprises holding any qualification in the snapshot.';
