-- grain: one row per district snapshot this build loads: staged by the run, and its staged records
-- readable back (the build names those that are not in unreadable_snapshots; stg_failure lists them).
create or replace temp table stg_feed as
with feeds as (
    select * from stg_feed_all
),

final as (
    select district_code, snapshot_date
    from feeds f
    where status = 'staged'
        and len(list_filter(getvariable('unreadable_snapshots'),
            lambda u: u.district_code = f.district_code and u.snapshot_date = f.snapshot_date)) = 0
)

select * from final;
