-- mart.district_enterprise_by_tier keeps its stated grain (one row per district per qualification) and names only divisions of dw.dim_district.
with mart_rows as (
    select * from mart.district_enterprise_by_tier
)

select * from ops.duplicated_grain('mart_rows', ['district_code', 'qualification_code'])
union all
select * from ops.unknown_districts('mart_rows', 'district_code');
