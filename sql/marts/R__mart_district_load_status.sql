-- grain: one row per district that has ever been loaded or attempted: the date of its latest
-- snapshot per source, how old that is, and whether its last load attempt failed — in which case
-- the marts still show its last good snapshot, which is then stale.
create or replace view mart.district_load_status as
with results as (
    select * from ops.district_results
),

latest_by_source as (
    select * from dw.int_latest_snapshots
),

pivoted as (
    select
        district_code,
        max(snapshot_date_sk) filter (where source = 'roster') as roster_sk,
        max(snapshot_date_sk) filter (where source = 'enterprise') as enterprise_sk,
        max(snapshot_date_sk) filter (where source = 'platform') as platform_sk
    from latest_by_source
    group by district_code
),

last_attempt as (
    select r.district_code, r.run_id, r.status, r.message, r.snapshot_date
    from results r
    join ops.runs u using (run_id)
    qualify row_number() over (partition by r.district_code order by u.started_at desc, r.snapshot_date desc) = 1
),

district_names as (
    select * from dw.district_current
),

final as (
    select
        coalesce(p.district_code, a.district_code) as district_code,
        n.district_name,
        n.region,
        strptime(cast(p.roster_sk as varchar), '%Y%m%d')::date as latest_roster_snapshot_date,
        strptime(cast(p.enterprise_sk as varchar), '%Y%m%d')::date as latest_enterprise_snapshot_date,
        strptime(cast(p.platform_sk as varchar), '%Y%m%d')::date as latest_platform_snapshot_date,
        current_date - strptime(cast(p.roster_sk as varchar), '%Y%m%d')::date as days_since_roster_snapshot,
        a.run_id as last_attempt_run_id,
        a.status as last_attempt_status,
        a.message as last_attempt_message,
        coalesce(a.status = 'failed', false) as is_stale
    from pivoted p
    full outer join last_attempt a on a.district_code = p.district_code
    left join district_names n on n.district_code = coalesce(p.district_code, a.district_code)
)

select * from final
order by district_code;

comment on view mart.district_load_status is '各区县数据更新状态。One row per district ever loaded or attempted: its latest snapshot per source, their age, and whether its last load attempt failed (then the marts show its last good, stale snapshot).';
comment on column mart.district_load_status.district_code is '区县代码。GB/T 2260 code of the district.';
comment on column mart.district_load_status.district_name is '区县名称。Current official name of the district.';
comment on column mart.district_load_status.region is '所属片区。主城都市区, 渝东北 or 渝东南.';
comment on column mart.district_load_status.latest_roster_snapshot_date is '最新花名册日期。Date of the latest roster snapshot loaded; null if none.';
comment on column mart.district_load_status.latest_enterprise_snapshot_date is '最新企业名单日期。Date of the latest enterprise snapshot loaded; null if none.';
comment on column mart.district_load_status.latest_platform_snapshot_date is '最新平台名单日期。Date of the latest platform snapshot loaded; null if none.';
comment on column mart.district_load_status.days_since_roster_snapshot is '花名册距今天数。Days from latest_roster_snapshot_date to today (the day of the query).';
comment on column mart.district_load_status.last_attempt_run_id is '最近一次加载批次。Run id of the district''s latest load attempt.';
comment on column mart.district_load_status.last_attempt_status is '最近一次加载结果。loaded or failed.';
comment on column mart.district_load_status.last_attempt_message is '失败原因。Why the latest attempt failed; null when it loaded.';
comment on column mart.district_load_status.is_stale is '数据是否过期。True when the latest attempt failed, so the marts still show an older snapshot.';
