-- mart.district_talent_totals keeps its stated grain (one row per district) and names only divisions of dw.dim_district.
with mart_rows as (
    select * from mart.district_talent_totals
)

select * from ops.duplicated_grain('mart_rows', ['district_code'])
union all
select * from ops.unknown_districts('mart_rows', 'district_code');
