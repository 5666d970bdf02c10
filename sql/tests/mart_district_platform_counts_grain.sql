-- mart.district_platform_counts keeps its stated grain (one row per district per platform type per level) and names only divisions of dw.dim_district.
with mart_rows as (
    select * from mart.district_platform_counts
)

select * from ops.duplicated_grain('mart_rows', ['district_code', 'platform_type', 'level'])
union all
select * from ops.unknown_districts('mart_rows', 'district_code');
