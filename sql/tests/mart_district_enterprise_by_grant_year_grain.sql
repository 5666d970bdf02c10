-- mart.district_enterprise_by_grant_year keeps its stated grain (one row per district per qualification per grant year) and names only divisions of dw.dim_district.
with mart_rows as (
    select * from mart.district_enterprise_by_grant_year
)

select * from ops.duplicated_grain('mart_rows', ['district_code', 'qualification_code', 'grant_year'])
union all
select * from ops.unknown_districts('mart_rows', 'district_code');
