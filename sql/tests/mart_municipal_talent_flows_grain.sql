-- mart.municipal_talent_flows keeps its stated grain (one row per as-of date per origin x destination) and names only divisions of dw.dim_district.
with mart_rows as (
    select * from mart.municipal_talent_flows
),

duplicated as (
    select 'duplicate grain' as problem, concat_ws('|', coalesce(cast(as_of_date as varchar), '(null)'), coalesce(cast(origin_district_code as varchar), '(null)'), coalesce(cast(destination_district_code as varchar), '(null)')) as row_key, count(*) as n
    from mart_rows
    group by all
    having count(*) > 1
),

unknown_origin_districts as (
    select 'origin_district_code not in dw.dim_district' as problem, m.origin_district_code as row_key, count(*) as n
    from mart_rows m
    where m.origin_district_code is not null
        and not exists (select 1 from dw.dim_district d where d.district_code = m.origin_district_code)
    group by all
),

unknown_destination_districts as (
    select 'destination_district_code not in dw.dim_district' as problem, m.destination_district_code as row_key, count(*) as n
    from mart_rows m
    where m.destination_district_code is not null
        and not exists (select 1 from dw.dim_district d where d.district_code = m.destination_district_code)
    group by all
),

final as (
    select * from duplicated
    union all
    select * from unknown_origin_districts
    union all
    select * from unknown_destination_districts
)

select * from final;
