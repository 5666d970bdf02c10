-- grain: one row per plan target (seeds/plan_targets.csv, each citing its article): the value at the
-- district's snapshot nearest the baseline date (of the source the indicator counts) beside the
-- value at its latest snapshot, what was achieved, the share of the target achieved and the share
-- of the plan period elapsed at the latest snapshot, and on track / behind / achieved; or
-- `not computable` with the reason: no feed holds the figure (the seed says which), no snapshot is
-- loaded, the nearest one lies more than a year from the baseline date, or there is only one.
-- Indicators are those of mart.district_indicators, plus platform.municipal_and_above (platforms of
-- every type at national or municipal level) and high_level.provincial_and_above (国家级 + 省部级).
create or replace view mart.district_plan_progress as
with targets as (
    select
        target_id,
        district_code,
        indicator,
        cast(baseline_date as date) as baseline_date,
        cast(target_date as date) as target_date,
        target_kind,
        qualifier,
        cast(target_value as double) as target_value,
        unit,
        cast(computable as boolean) as is_computable,
        nullif(reason, '') as reason,
        article_file,
        sentence
    from seed.plan_targets
),

indicators as (
    select * from mart.district_indicators
),

district_names as (
    select * from dw.district_current
),

values_by_snapshot as (
    select district_code, snapshot_date, indicator, value from indicators
    union all
    select district_code, snapshot_date, 'platform.municipal_and_above', sum(value)
    from indicators
    where indicator like 'platform.%.national' or indicator like 'platform.%.municipal'
    group by all
    union all
    select district_code, snapshot_date, 'high_level.provincial_and_above', sum(value)
    from indicators
    where indicator in ('high_level.national', 'high_level.provincial')
    group by all
),

snapshots as (
    -- snapshots of the source each indicator family counts
    select distinct
        district_code,
        snapshot_date,
        case when indicator like 'platform.%' then 'platform' else 'roster' end as family
    from indicators
    where indicator like 'platform.%' or indicator = 'talent_total'
),

target_family as (
    select t.*, case when t.indicator like 'platform.%' then 'platform' else 'roster' end as family
    from targets t
),

baseline as (
    select t.target_id, s.snapshot_date
    from target_family t
    join snapshots s on s.district_code = t.district_code and s.family = t.family
    qualify row_number() over (
        partition by t.target_id order by abs(s.snapshot_date - t.baseline_date), s.snapshot_date
    ) = 1
),

latest as (
    select t.target_id, max(s.snapshot_date) as snapshot_date
    from target_family t
    join snapshots s on s.district_code = t.district_code and s.family = t.family
    group by t.target_id
),

measured as (
    select
        t.*,
        case when t.is_computable then b.snapshot_date end as baseline_snapshot_date,
        abs(b.snapshot_date - t.baseline_date) as baseline_gap_days,
        case when t.is_computable then l.snapshot_date end as latest_snapshot_date,
        -- an indicator absent at a loaded snapshot counted nothing there
        case when t.is_computable and b.snapshot_date is not null then coalesce(bv.value, 0) end as baseline_value,
        case when t.is_computable and l.snapshot_date is not null then coalesce(lv.value, 0) end as latest_value
    from target_family t
    left join baseline b on b.target_id = t.target_id
    left join latest l on l.target_id = t.target_id
    left join values_by_snapshot bv
        on bv.district_code = t.district_code and bv.snapshot_date = b.snapshot_date and bv.indicator = t.indicator
    left join values_by_snapshot lv
        on lv.district_code = t.district_code and lv.snapshot_date = l.snapshot_date and lv.indicator = t.indicator
),

reasoned as (
    select
        *,
        case
            when not is_computable then reason
            when latest_snapshot_date is null then 'no ' || family || ' snapshot of this district is loaded'
            when baseline_gap_days > 366 then 'the ' || family || ' snapshot nearest the baseline date ('
                || cast(baseline_snapshot_date as varchar) || ') is more than a year from it'
            when target_kind <> 'level' and baseline_snapshot_date = latest_snapshot_date
                then 'only one ' || family || ' snapshot near the plan period: progress needs one near the baseline date and a later one'
            when target_kind = 'increase_pct' and baseline_value = 0 then 'the baseline value is 0: no growth rate'
        end as not_computable_reason
    from measured
),

computed as (
    select
        *,
        case when not_computable_reason is null then
            case target_kind
                when 'increase' then cast(latest_value - baseline_value as double)
                when 'increase_pct' then round((latest_value - baseline_value) * 100.0 / baseline_value, 2)
                else cast(latest_value as double)
            end
        end as achieved,
        case when not_computable_reason is null then
            least(greatest((latest_snapshot_date - baseline_date) * 1.0 / (target_date - baseline_date), 0), 1)
        end as share_elapsed
    from reasoned
),

final as (
    select
        c.target_id,
        c.district_code,
        d.district_name,
        c.indicator,
        c.baseline_date,
        c.target_date,
        c.target_kind,
        c.qualifier,
        c.target_value,
        c.unit,
        c.baseline_snapshot_date,
        c.baseline_value,
        c.latest_snapshot_date,
        c.latest_value,
        c.achieved,
        case when c.achieved is not null and c.target_value <> 0 then round(c.achieved / c.target_value, 4) end as share_achieved,
        round(c.share_elapsed, 4) as share_elapsed,
        case
            when c.not_computable_reason is not null then 'not computable'
            when c.qualifier = 'approximately' and abs(c.achieved - c.target_value) <= 0.05 * c.target_value then 'achieved'
            when c.qualifier <> 'approximately' and c.achieved >= c.target_value then 'achieved'
            when c.target_kind = 'level' then 'behind'
            when c.achieved / c.target_value >= c.share_elapsed then 'on track'
            else 'behind'
        end as status,
        c.not_computable_reason as reason,
        c.article_file,
        c.sentence
    from computed c
    left join district_names d on d.district_code = c.district_code
)

select * from final
order by district_code, target_id;

comment on view mart.district_plan_progress is '规划目标进展。One row per plan target of seeds/plan_targets.csv: baseline value (snapshot nearest the baseline date) and latest value, achieved, share of the target achieved against share of the period elapsed, and on track / behind / achieved, or not computable with why.';
comment on column mart.district_plan_progress.target_id is '目标编号。Stable id of the target: district-indicator-target date.';
comment on column mart.district_plan_progress.district_code is '区县代码。GB/T 2260 code of the district.';
comment on column mart.district_plan_progress.district_name is '区县名称。Current official name of the district.';
comment on column mart.district_plan_progress.indicator is '指标名。As in mart.district_indicators, or platform.municipal_and_above, high_level.provincial_and_above, or a name of a figure no feed holds.';
comment on column mart.district_plan_progress.baseline_date is '基期。Date the plan measures from (“十三五”末 = 2020-12-31).';
comment on column mart.district_plan_progress.target_date is '目标期。Date the target is due (“十四五”末 = 2025-12-31).';
comment on column mart.district_plan_progress.target_kind is '目标类型。increase (growth in units), increase_pct (growth in % of the baseline) or level (a value to reach).';
comment on column mart.district_plan_progress.qualifier is '口径。exact, at_least (以上) or approximately (左右, within 5%).';
comment on column mart.district_plan_progress.target_value is '目标值。The target as published, as a plain number (0.48万 = 4800; 22.4 for 22.4%).';
comment on column mart.district_plan_progress.unit is '单位。人, 个 or %.';
comment on column mart.district_plan_progress.baseline_snapshot_date is '基期所用快照。The district''s snapshot (of the indicator''s source) nearest the baseline date.';
comment on column mart.district_plan_progress.baseline_value is '基期值。Value at baseline_snapshot_date.';
comment on column mart.district_plan_progress.latest_snapshot_date is '最新快照。The district''s latest snapshot of the indicator''s source.';
comment on column mart.district_plan_progress.latest_value is '最新值。Value at latest_snapshot_date.';
comment on column mart.district_plan_progress.achieved is '已完成。latest - baseline (increase), their growth in % (increase_pct) or latest (level); null when not computable.';
comment on column mart.district_plan_progress.share_achieved is '目标完成率。achieved / target_value.';
comment on column mart.district_plan_progress.share_elapsed is '时间进度。Share of the plan period (baseline date to target date) elapsed at latest_snapshot_date, 0 to 1.';
comment on column mart.district_plan_progress.status is '进展。achieved, on track (share_achieved ≥ share_elapsed), behind, or not computable.';
comment on column mart.district_plan_progress.reason is '不可计算原因。Why the target cannot be followed: the missing feed, or the missing snapshot.';
comment on column mart.district_plan_progress.article_file is '来源文章。File of the seed article that publishes the target.';
comment on column mart.district_plan_progress.sentence is '原文。The article''s sentence, word for word.';
