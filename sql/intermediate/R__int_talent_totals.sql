-- grain: one row per district code per roster snapshot: the people on the roster (talent_total, each
-- person once), the high-level and high-skill talents among them, and whether it is the code's latest
-- roster (as dw.int_latest_snapshots says). The district totals of every roster mart, summed once
-- from the aggregate the load maintains (dw.agg_talent_snapshot; a data test checks it equals the facts).
create or replace view dw.int_talent_totals as
with talent as (
    select * from dw.agg_talent_snapshot
),

districts as (
    select * from dw.dim_district
),

latest_snapshots as (
    select district_code, snapshot_date_sk from dw.int_latest_snapshots where source = 'roster'
),

totals as (
    select
        d.district_code,
        t.snapshot_date_sk,
        cast(sum(t.people) as bigint) as talent_total,
        coalesce(cast(sum(t.people) filter (where t.is_high_level) as bigint), 0) as high_level_total,
        coalesce(cast(sum(t.people) filter (where t.is_high_skill) as bigint), 0) as high_skill_total
    from talent t
    join districts d on d.district_sk = t.district_sk
    group by d.district_code, t.snapshot_date_sk
),

final as (
    select
        t.district_code,
        t.snapshot_date_sk,
        strptime(cast(t.snapshot_date_sk as varchar), '%Y%m%d')::date as snapshot_date,
        l.snapshot_date_sk is not null as is_latest_snapshot,
        t.talent_total,
        t.high_level_total,
        t.high_skill_total
    from totals t
    left join latest_snapshots l on l.district_code = t.district_code and l.snapshot_date_sk = t.snapshot_date_sk
)

select * from final;

comment on view dw.int_talent_totals is '各区县各花名册人才总量。One row per district code per roster snapshot: talent_total (distinct people), high_level_total, high_skill_total, and whether it is the code''s latest roster.';
