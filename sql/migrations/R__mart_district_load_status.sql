-- grain: one row per district that has ever been loaded or attempted: the date of its latest
-- snapshot per source, how old that is, and whether its last load attempt failed — in which case
-- the marts still show its last good snapshot, which is then stale.
create or replace view mart.district_load_status as
with results as (
    select * from ops.district_results
),

talent as (
    select district_sk, max(snapshot_date_sk) as snapshot_date_sk from dw.fct_talent_snapshot group by all
),

enterprises as (
    select district_sk, max(snapshot_date_sk) as snapshot_date_sk from dw.fct_enterprise_qualification group by all
),

platforms as (
    select district_sk, max(snapshot_date_sk) as snapshot_date_sk from dw.fct_platform_snapshot group by all
),

districts as (
    select * from dw.dim_district
),

latest_by_source as (
    select d.district_code, 'roster' as source, max(t.snapshot_date_sk) as snapshot_date_sk
    from talent t join districts d using (district_sk) group by all
    union all
    select d.district_code, 'enterprise', max(e.snapshot_date_sk)
    from enterprises e join districts d using (district_sk) group by all
    union all
    select d.district_code, 'platform', max(p.snapshot_date_sk)
    from platforms p join districts d using (district_sk) group by all
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
    select * from districts
    qualify row_number() over (partition by district_code order by valid_from desc) = 1
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
