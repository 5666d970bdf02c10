-- grain: one row per district, at its latest enterprise snapshot.
-- Each column counts distinct enterprises holding the qualification; specialized_sme counts every
-- enterprise holding a 专精特新 qualification of any tier, so it includes the little giants.
create or replace view mart.district_enterprise_counts as
with qualifications as (
    select * from dw.fct_enterprise_qualification
),

qualification_types as (
    select * from dw.dim_qualification
),

districts as (
    select * from dw.dim_district
),

snapshots as (
    select
        d.district_code,
        f.snapshot_date_sk,
        count(distinct f.enterprise_sk) filter (where q.is_specialized) as specialized_sme,
        count(distinct f.enterprise_sk) filter (where q.qualification_code = 'little_giant') as little_giant,
        count(distinct f.enterprise_sk) filter (where q.qualification_code = 'high_tech') as high_tech,
        count(distinct f.enterprise_sk) filter (where q.qualification_code = 'tech_sme') as tech_sme,
        count(distinct f.enterprise_sk) filter (where q.qualification_code = 'innovative_sme') as innovative_sme,
        count(distinct f.enterprise_sk) as enterprise_total
    from qualifications f
    join qualification_types q on q.qualification_sk = f.qualification_sk
    join districts d on d.district_sk = f.district_sk
    group by d.district_code, f.snapshot_date_sk
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
        l.specialized_sme,
        l.little_giant,
        l.high_tech,
        l.tech_sme,
        l.innovative_sme,
        l.enterprise_total
    from latest l
    join district_names n on n.district_code = l.district_code
)

select * from final
order by district_code;
