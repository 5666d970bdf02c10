-- grain: one row per district snapshot that fails in this run, with its message: failed while the
-- run staged it, or staged but its records unreadable by the build (unreadable_snapshots).
create or replace temp table stg_failure as
with feeds as (
    select * from stg_feed_all
),

unreadable as (
    select unnest(getvariable('unreadable_snapshots'), recursive := true)
),

final as (
    select district_code, snapshot_date, message from feeds where status = 'failed'
    union all
    select district_code, snapshot_date, message from unreadable
)

select * from final;
