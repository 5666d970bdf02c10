-- grain: one row per reported indicator (seeds/reported_indicators.csv, each citing its article):
-- the published figure beside the value computed at the district's snapshot nearest to the
-- figure's date. status respects the qualifier: exact must be equal, at_least must not be lower,
-- approximately must be within 5%. `not computable` says why.
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
        sentence
    from seed.reported_indicators
),

computed as (
    select * from mart.district_indicators
),

district_names as (
    select * from dw.dim_district
    qualify row_number() over (partition by district_code order by valid_from desc) = 1
),

snapshots as (
    -- snapshots of the source family the indicator comes from
    select distinct
        district_code,
        snapshot_date,
        case
            when indicator like 'platform.%' then 'platform'
            when indicator in ('talent_total', 'high_level_total') or indicator like 'high_level.%'
                or indicator like 'category.%' then 'roster'
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
            when r.indicator in ('talent_total', 'high_level_total') or r.indicator like 'high_level.%'
                or r.indicator like 'category.%' then 'roster'
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
        case when r.is_computable and n.snapshot_date is not null then coalesce(c.value, 0) end as computed_value
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
            when j.computed_value is null then 'not computable'
            when j.qualifier = 'exact' and j.computed_value = j.reported_value then 'match'
            when j.qualifier = 'at_least' and j.computed_value >= j.reported_value then 'match'
            when j.qualifier = 'approximately' and abs(j.computed_value - j.reported_value) <= 0.05 * j.reported_value
                then 'match'
            else 'differs'
        end as status,
        case
            when not j.is_computable then 'the figure counts something the records do not hold (see seeds/README.md)'
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
