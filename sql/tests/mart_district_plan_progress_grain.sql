-- mart.district_plan_progress keeps its stated grain (one row per plan target) and names only divisions of dw.dim_district.
with mart_rows as (
    select * from mart.district_plan_progress
)

select * from ops.duplicated_grain('mart_rows', ['target_id'])
union all
select * from ops.unknown_districts('mart_rows', 'district_code');
