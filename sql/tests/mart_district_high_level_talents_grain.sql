-- mart.district_high_level_talents keeps its stated grain (one row per district per high-level talent level) and names only divisions of dw.dim_district.
with mart_rows as (
    select * from mart.district_high_level_talents
)

select * from ops.duplicated_grain('mart_rows', ['district_code', 'talent_level_code'])
union all
select * from ops.unknown_districts('mart_rows', 'district_code');
