-- Every person on a roster holds at least one talent category (人才资源总量 counts people by
-- category). Category rows without a person cannot exist: they are the fact row's own list.
with this_run as (
    select * from ops.last_run_snapshots
),

final as (
    select 'no category' as problem, t.snapshot_date_sk, t.district_sk, t.person_sk
    from dw.fct_talent_snapshot t
    semi join this_run k on k.district_sk = t.district_sk and k.snapshot_date_sk = t.snapshot_date_sk
    where t.category_sks is null or len(t.category_sks) = 0
)

select * from final;
