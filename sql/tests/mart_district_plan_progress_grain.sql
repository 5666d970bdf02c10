-- mart.district_plan_progress keeps its stated grain (one row per plan target) and names only divisions of dw.dim_district.
with mart_rows as (
    select * from mart.district_plan_progress
),

duplicated as (
    select 'duplicate grain' as problem, concat_ws('|', coalesce(cast(target_id as varchar), '(null)')) as row_key, count(*) as n
    from mart_rows
    group by all
    having count(*) > 1
),

unknown_districts as (
    select 'district_code not in dw.dim_district' as problem, m.district_code as row_key, count(*) as n
    from mart_rows m
    where m.district_code is not null
        and not exists (select 1 from dw.dim_district d where d.district_code = m.district_code)
    group by all
),

final as (
    select * from duplicated
    union all
    select * from unknown_districts
)

select * from final;
