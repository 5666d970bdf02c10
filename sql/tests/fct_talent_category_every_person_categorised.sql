-- relationships: on the snapshots this run loaded, every person holds at least one category and
-- every category row belongs to a person on that snapshot. Anti joins straight over the category
-- rows (a person's several categories only repeat a key in the hash table); making them distinct
-- first cost a third more at city scale.
with this_run as (
    select * from ops.last_run_snapshots
),

talent as (
    select t.snapshot_date_sk, t.district_sk, t.person_sk
    from dw.fct_talent_snapshot t
    semi join this_run k on k.district_sk = t.district_sk and k.snapshot_date_sk = t.snapshot_date_sk
),

categories as (
    select c.snapshot_date_sk, c.district_sk, c.person_sk
    from dw.fct_talent_category c
    semi join this_run k on k.district_sk = c.district_sk and k.snapshot_date_sk = c.snapshot_date_sk
),

final as (
    select 'no category' as problem, t.* from talent t
    anti join categories c
        on c.district_sk = t.district_sk and c.snapshot_date_sk = t.snapshot_date_sk and c.person_sk = t.person_sk
    union all
    select 'orphan category', c.* from categories c
    anti join talent t
        on c.district_sk = t.district_sk and c.snapshot_date_sk = t.snapshot_date_sk and c.person_sk = t.person_sk
)

select * from final;
