-- mart.talent_cube keeps its stated grain (one row per district per roster snapshot per category per attribute combination) and names only divisions of dw.dim_district.
with mart_rows as (
    select * from mart.talent_cube
)

select * from ops.duplicated_grain('mart_rows', ['district_code', 'snapshot_date', 'category_code', 'education_code', 'title_code', 'skill_level_code', 'talent_level_code', 'gender', 'age_band'])
union all
select * from ops.unknown_districts('mart_rows', 'district_code');
