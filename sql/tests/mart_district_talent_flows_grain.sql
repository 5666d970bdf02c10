-- mart.district_talent_flows keeps its stated grain (one row per as-of date per district) and names only divisions of dw.dim_district.
with mart_rows as (
    select * from mart.district_talent_flows
)

select * from ops.duplicated_grain('mart_rows', ['as_of_date', 'district_code'])
union all
select * from ops.unknown_districts('mart_rows', 'district_code');
