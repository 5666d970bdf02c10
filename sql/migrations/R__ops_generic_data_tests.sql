-- Generic data tests, as dbt's `unique` and `relationships`: table macros over the name of a relation
-- (a table, a view, or a CTE of the calling test) that select the offending rows. The grain tests of
-- sql/tests/mart_*_grain.sql call them; a column they name that the relation lacks fails the test
-- (a binder error) instead of checking less.

-- grain: one row per value of the grain columns held by more than one row, the value as a|b|c
-- (in the relation's column order, '(null)' for null).
create or replace macro ops.duplicated_grain(relation, grain_columns) as table
with grain_values as (
    select coalesce(cast(columns(grain_columns) as varchar), '(null)') from query_table(relation)
),

final as (
    select 'duplicate grain' as problem, concat_ws('|', *columns(*)) as row_key, count(*) as n
    from grain_values
    group by all
    having count(*) > 1
)

select * from final;

-- grain: one row per district code in the column that no row of dw.dim_district has (null is no
-- district and passes).
create or replace macro ops.unknown_districts(relation, district_column) as table
with codes as (
    select columns([district_column]) as district_code from query_table(relation)
),

final as (
    select district_column || ' not in dw.dim_district' as problem, c.district_code as row_key, count(*) as n
    from codes c
    where c.district_code is not null
        and not exists (select 1 from dw.dim_district d where d.district_code = c.district_code)
    group by all
)

select * from final;
