-- mart.municipal_talent_totals keeps its stated grain (one row per as-of date).
with mart_rows as (
    select * from mart.municipal_talent_totals
)

select * from ops.duplicated_grain('mart_rows', ['as_of_date']);
