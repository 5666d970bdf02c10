-- mart.district_indicators keeps its stated grain (one row per district per snapshot date per indicator) and names only divisions of dw.dim_district.
with mart_rows as (
    select * from mart.district_indicators
)

select * from ops.duplicated_grain('mart_rows', ['district_code', 'snapshot_date', 'indicator'])
union all
select * from ops.unknown_districts('mart_rows', 'district_code');
