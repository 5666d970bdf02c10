-- grain: one row per reported indicator (seeds/reported_indicators.csv, each citing its article):
-- the published figure beside the value computed at the district's snapshot nearest to the
-- figure's date. status respects the qualifier: exact must be equal, at_least must not be lower,
-- approximately must be within 5%. `not computable` says why; `no data` is a computable figure of a
-- district that has sent no snapshot of the source it needs (a programme ledger, say), never a 0. flow.net_inflow is the net inflow of
-- mart.district_talent_flows between the district's roster at that date and its roster before.
create or replace view mart.reported_vs_computed as
with reported as (
    select
        indicator_id,
        district_code,
        indicator,
        cast(as_of as date) as as_of,
        qualifier,
        cast(reported_value as bigint) as reported_value,
        unit,
        cast(computable as boolean) as is_computable,
        article_file,
        sentence,
        nullif(reason, '') as missing_reason
    from seed.reported_indicators
),

-- net inflow (flow.net_inflow) is the period ending at a district's roster that replaced an earlier
-- one: its value at that roster's date (a district's first roster has no flow)
flows as (
    select
        district_code,
        current_snapshot_date as snapshot_date,
        'flow.net_inflow' as indicator,
        net_inflow as value
    from mart.district_talent_flows
    where has_new_roster and previous_snapshot_date is not null and current_snapshot_date is not null
),

computed as (
    select district_code, snapshot_date, indicator, value from mart.district_indicators
    union all
    select * from flows
),

district_names as (
    select * from dw.district_current
),

snapshots as (
    -- snapshots of the source family the indicator comes from
    select distinct
        district_code,
        snapshot_date,
        case
            when indicator like 'platform.%' then 'platform'
            when indicator like 'program.%' then 'program'
            when indicator in ('talent_total', 'high_level_total') or indicator like 'high_level.%'
                or indicator like 'category.%' or indicator like 'flow.%' then 'roster'
            else 'enterprise'
        end as family
    from computed
),

nearest as (
    select
        r.indicator_id,
        s.snapshot_date
    from reported r
    join snapshots s
        on s.district_code = r.district_code
        and s.family = case
            when r.indicator like 'platform.%' then 'platform'
            when r.indicator like 'program.%' then 'program'
            when r.indicator in ('talent_total', 'high_level_total') or r.indicator like 'high_level.%'
                or r.indicator like 'category.%' or r.indicator like 'flow.%' then 'roster'
            else 'enterprise'
        end
    qualify row_number() over (
        partition by r.indicator_id order by abs(s.snapshot_date - r.as_of), s.snapshot_date desc
    ) = 1
),

joined as (
    select
        r.*,
        n.snapshot_date as computed_snapshot_date,
        -- a count absent at a snapshot is 0; a flow absent there has no earlier roster to start from
        case
            when r.is_computable and n.snapshot_date is not null and r.indicator like 'flow.%' then c.value
            when r.is_computable and n.snapshot_date is not null then coalesce(c.value, 0)
        end as computed_value
    from reported r
    left join nearest n on n.indicator_id = r.indicator_id
    left join computed c
        on c.district_code = r.district_code and c.snapshot_date = n.snapshot_date and c.indicator = r.indicator
),

final as (
    select
        j.district_code,
        d.district_name,
        j.indicator,
        j.as_of,
        j.qualifier,
        j.reported_value,
        j.computed_value,
        j.computed_snapshot_date,
        case
            when j.is_computable and j.computed_value is not null and j.reported_value <> 0
                then round((j.computed_value - j.reported_value) * 100.0 / j.reported_value, 2)
        end as difference_pct,
        case
            when not j.is_computable then 'not computable'
            -- computable, but the district has sent no snapshot of the source: no data, never a 0
            when j.computed_snapshot_date is null then 'no data'
            when j.computed_value is null then 'not computable'
            when j.qualifier = 'exact' and j.computed_value = j.reported_value then 'match'
            when j.qualifier = 'at_least' and j.computed_value >= j.reported_value then 'match'
            when j.qualifier = 'approximately' and abs(j.computed_value - j.reported_value) <= 0.05 * j.reported_value
                then 'match'
            else 'differs'
        end as status,
        case
            when not j.is_computable then coalesce(j.missing_reason, 'the figure counts something the records do not hold (see seeds/README.md)')
            when j.computed_value is null and j.computed_snapshot_date is not null
                then 'a flow needs the district''s roster before the one nearest this date, and none is loaded'
            when j.computed_value is null then 'no snapshot of this district has been loaded for this source'
        end as reason,
        j.unit,
        j.article_file,
        j.sentence,
        j.indicator_id
    from joined j
    left join district_names d on d.district_code = j.district_code
)

select * from final
order by district_code, indicator, as_of;

comment on view mart.reported_vs_computed is '公开数据核对。One row per figure published in the seed articles (seeds/reported_indicators.csv): the reported value beside the value computed at the district''s snapshot nearest to its date, with a status.';
comment on column mart.reported_vs_computed.district_code is '区县代码。GB/T 2260 code of the district.';
comment on column mart.reported_vs_computed.district_name is '区县名称。Current official name of the district.';
comment on column mart.reported_vs_computed.indicator is '指标名。Indicator name, as in mart.district_indicators where computable.';
comment on column mart.reported_vs_computed.as_of is '公布口径日期。Date the published figure refers to (estimated where the article gives none; see seeds/README.md).';
comment on column mart.reported_vs_computed.qualifier is '口径。exact (must be equal), at_least (must not be lower) or approximately (within 5%).';
comment on column mart.reported_vs_computed.reported_value is '公布值。The figure as published, as a plain number (23.61万 = 236100).';
comment on column mart.reported_vs_computed.computed_value is '计算值。The value computed from the records at computed_snapshot_date; null when not computable.';
comment on column mart.reported_vs_computed.computed_snapshot_date is '计算所用快照日期。The district''s snapshot (of the indicator''s source) nearest to as_of.';
comment on column mart.reported_vs_computed.difference_pct is '差异（%）。(computed_value - reported_value) / reported_value × 100, two decimals.';
comment on column mart.reported_vs_computed.status is '核对结果。match, differs, not computable, or no data (computable, but the district has sent no snapshot of the feed it needs).';
comment on column mart.reported_vs_computed.reason is '不可计算原因。Why the figure cannot be computed or has no data; null otherwise.';
comment on column mart.reported_vs_computed.unit is '单位。人, 家 or 个.';
comment on column mart.reported_vs_computed.article_file is '来源文章。File of the seed article that publishes the figure.';
comment on column mart.reported_vs_computed.sentence is '原文。The article''s sentence, word for word.';
comment on column mart.reported_vs_computed.indicator_id is '指标编号。Stable id of the reported figure: district-indicator-date.';
