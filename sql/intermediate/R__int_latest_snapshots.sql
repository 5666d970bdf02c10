-- grain: one row per district code per source (roster, enterprise, platform) that has a snapshot in
-- the warehouse: the date of its latest one. The marts that show a district "at its latest
-- snapshot" read it here instead of each working it out again; a district whose code changed in
-- 2025 has its latest snapshot under each code it loaded under.
create or replace view dw.int_latest_snapshots as
with talent as (
    select * from dw.agg_talent_snapshot
),

enterprises as (
    select * from dw.fct_enterprise_qualification
),

platforms as (
    select * from dw.fct_platform_snapshot
),

districts as (
    select * from dw.dim_district
),

final as (
    select d.district_code, 'roster' as source, max(t.snapshot_date_sk) as snapshot_date_sk
    from talent t join districts d on d.district_sk = t.district_sk group by all
    union all
    select d.district_code, 'enterprise' as source, max(e.snapshot_date_sk) as snapshot_date_sk
    from enterprises e join districts d on d.district_sk = e.district_sk group by all
    union all
    select d.district_code, 'platform' as source, max(p.snapshot_date_sk) as snapshot_date_sk
    from platforms p join districts d on d.district_sk = p.district_sk group by all
)

select * from final;

comment on view dw.int_latest_snapshots is '各区县各数据源最新快照。One row per district code and source (roster, enterprise, platform): the date_sk of its latest snapshot.';
