-- grain: one row per district snapshot the run did not load because its files are unchanged since
-- they were loaded, with the run's message.
create or replace temp table stg_skipped as
with feeds as (
    select * from stg_feed_all
),

final as (
    select district_code, snapshot_date, message from feeds where status = 'skipped'
)

select * from final;
