-- mart.municipal_programme_totals keeps its stated grain (one row per programme).
with mart_rows as (
    select * from mart.municipal_programme_totals
),

duplicated as (
    select 'duplicate grain' as problem, concat_ws('|', coalesce(cast(programme_code as varchar), '(null)')) as row_key, count(*) as n
    from mart_rows
    group by all
    having count(*) > 1
),

final as (
    select * from duplicated
)

select * from final;
