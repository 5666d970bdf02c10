-- mart.reported_vs_computed keeps its stated grain (one row per reported indicator).
with mart_rows as (
    select * from mart.reported_vs_computed
),

duplicated as (
    select 'duplicate grain' as problem, concat_ws('|', coalesce(cast(indicator_id as varchar), '(null)')) as row_key, count(*) as n
    from mart_rows
    group by all
    having count(*) > 1
),

final as (
    select * from duplicated
)

select * from final;
