-- The keys of the district snapshots this run loads, intermediate models every fact and aggregate
-- script reads (temp tables, for this build only).
-- reads: stg_feed, dw.dim_district
-- writes: temp tables feed_keys and replaced_snapshots (read by every script of sql/facts and
--   sql/aggregates)

-- grain: one row per (district, snapshot) pair this run loads, with the district row valid on the
-- snapshot date (or, for a code used outside its validity, its latest row — the record is still the
-- district's).
create or replace temp table feed_keys as
with feeds as (
    select * from stg_feed
),

districts as (
    select * from dw.dim_district
),

final as (
    select
        f.district_code,
        f.snapshot_date,
        cast(strftime(f.snapshot_date, '%Y%m%d') as integer) as snapshot_date_sk,
        d.district_sk
    from feeds f
    join districts d on d.district_code = f.district_code
    qualify row_number() over (
        partition by f.district_code, f.snapshot_date
        order by (f.snapshot_date between d.valid_from and coalesce(d.valid_to, date '9999-12-31')) desc,
            d.valid_from desc
    ) = 1
)

select * from final;

-- grain: one row per (district key, snapshot date) whose rows this run replaces: all keys a loaded district's
-- code has had (a district whose key changed keeps its earlier facts under the old one), on the
-- snapshot date loaded. Each fact and aggregate of a loaded snapshot is deleted through this one
-- table before it is written again, so a snapshot loaded twice is counted once.
create or replace temp table replaced_snapshots as
select distinct d.district_sk, k.snapshot_date_sk
from feed_keys k
join dw.dim_district d on d.district_code = k.district_code;
