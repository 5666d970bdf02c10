-- unique: one dim_district row per code and validity start; unique surrogate keys
select district_code, valid_from, count(*) as n from dw.dim_district group by all having count(*) > 1
union all
select cast(district_sk as varchar), null, count(*) from dw.dim_district group by district_sk having count(*) > 1;
