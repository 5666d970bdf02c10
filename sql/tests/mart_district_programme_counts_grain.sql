-- mart.district_programme_counts keeps its stated grain (one row per district per programme ledger snapshot per programme per tier, plus one per programme over its tiers) and names only divisions of dw.dim_district.
with mart_rows as (
    select * from mart.district_programme_counts
)

select * from ops.duplicated_grain('mart_rows', ['district_code', 'snapshot_date', 'programme_code', 'tier_code', 'is_programme_total'])
union all
select * from ops.unknown_districts('mart_rows', 'district_code');
