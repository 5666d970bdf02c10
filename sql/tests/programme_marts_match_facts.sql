-- grain and accepted values of the programme marts: one row per district, snapshot, programme and
-- tier (and one total per programme); a tier belongs to its programme; the total row is the sum of
-- its tier rows; the municipal distinct count is at most the district sum, at least the largest
-- district count, and equals the distinct holders on the latest ledgers
with counts as (
    select * from mart.district_programme_counts
),

duplicate_rows as (
    select 'duplicate ' || district_code || ' ' || programme_code || ' ' || coalesce(tier_code, '-') as broken
    from counts
    group by district_code, snapshot_date, programme_code, is_programme_total, tier_code
    having count(*) > 1
),

foreign_tiers as (
    select 'tier ' || tier_code || ' under ' || programme_code
    from counts
    where tier_code is not null and not starts_with(tier_code, programme_code || '.')
),

unbalanced_totals as (
    select 'total ' || district_code || ' ' || programme_code
    from counts
    group by district_code, snapshot_date, programme_code
    having sum(people) filter (where is_programme_total) <> sum(people) filter (where not is_programme_total)
),

bad_levels as (
    select 'programme_level ' || programme_level from counts where programme_level not in ('municipal', 'district')
),

municipal as (
    select * from mart.municipal_programme_totals
),

latest_counts as (
    select programme_code, max(people) as largest
    from counts
    where is_latest_snapshot and is_programme_total
    group by programme_code
),

bad_municipal as (
    select 'municipal ' || m.programme_code
    from municipal m
    left join latest_counts l on l.programme_code = m.programme_code
    where m.distinct_people > m.district_sum or m.distinct_people < coalesce(l.largest, 0)
)

select * from duplicate_rows
union all select * from foreign_tiers
union all select * from unbalanced_totals
union all select * from bad_levels
union all select * from bad_municipal;
