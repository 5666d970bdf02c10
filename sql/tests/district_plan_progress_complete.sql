-- every plan target has one row, and either a computed progress or a reason it has none
-- (the view computed once: both checks read it)
with progress as materialized (
    select * from mart.district_plan_progress
),

targets as (
    select * from seed.plan_targets
),

final as (
    select t.target_id, count(p.target_id) as n
    from targets t
    left join progress p on p.target_id = t.target_id
    group by t.target_id
    having count(p.target_id) <> 1
    union all
    select target_id, null
    from progress
    where (status = 'not computable') <> (reason is not null)
        or (status <> 'not computable' and (achieved is null or share_elapsed is null))
)

select * from final;
