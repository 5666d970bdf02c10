-- mart.municipal_talent_flows keeps its stated grain (one row per as-of date per origin x destination) and names only divisions of dw.dim_district.
with mart_rows as (
    select * from mart.municipal_talent_flows
)

select * from ops.duplicated_grain('mart_rows', ['as_of_date', 'origin_district_code', 'destination_district_code'])
union all
select * from ops.unknown_districts('mart_rows', 'origin_district_code')
union all
select * from ops.unknown_districts('mart_rows', 'destination_district_code');
