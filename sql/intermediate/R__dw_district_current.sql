-- grain: one row per district code: its latest row of dw.dim_district (name, region, population as
-- the district is known now). The names every mart shows beside a district's figures, defined once;
-- a district whose code changed in 2025 keeps its figures under each code it loaded under.
create or replace view dw.district_current as
with districts as (
    select * from dw.dim_district
),

final as (
    select * from districts
    qualify row_number() over (partition by district_code order by valid_from desc) = 1
)

select * from final;

comment on view dw.district_current is '每个区县代码一行：该代码最新的区县名称、片区与人口。One row per district code: its latest dw.dim_district row, the names the marts show.';
