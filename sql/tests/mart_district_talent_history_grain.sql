-- mart.district_talent_history keeps its stated grain (one row per district per roster snapshot) and names only divisions of dw.dim_district.
with mart_rows as (
    select * from mart.district_talent_history
)

select * from ops.duplicated_grain('mart_rows', ['district_code', 'snapshot_date'])
union all
select * from ops.unknown_districts('mart_rows', 'district_code');
