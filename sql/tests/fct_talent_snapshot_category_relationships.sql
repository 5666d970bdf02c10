-- queue: first (it reads the run's roster facts: WarehouseTests hands it out before the small tests)
-- Every category key in a roster row is a talent category of the dimension (a code the dimension
-- lacks would have become a null key).
with this_run as (
    select * from ops.last_run_snapshots
),

categories as (
    select t.snapshot_date_sk, t.district_sk, t.person_sk, unnest(t.category_sks) as category_sk
    from dw.fct_talent_snapshot t
    semi join this_run k on k.district_sk = t.district_sk and k.snapshot_date_sk = t.snapshot_date_sk
),

final as (
    select c.*
    from categories c
    anti join dw.dim_talent_category d on d.category_sk = c.category_sk
)

select * from final;
