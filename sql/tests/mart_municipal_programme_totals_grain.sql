-- mart.municipal_programme_totals keeps its stated grain (one row per programme).
with mart_rows as (
    select * from mart.municipal_programme_totals
)

select * from ops.duplicated_grain('mart_rows', ['programme_code']);
