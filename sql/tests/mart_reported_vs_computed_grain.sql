-- mart.reported_vs_computed keeps its stated grain (one row per reported indicator).
with mart_rows as (
    select * from mart.reported_vs_computed
)

select * from ops.duplicated_grain('mart_rows', ['indicator_id']);
