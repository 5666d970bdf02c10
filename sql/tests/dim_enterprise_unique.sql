-- unique: one row per credit code and per surrogate key
select uscc, count(*) as n from dw.dim_enterprise group by uscc having count(*) > 1
union all
select cast(enterprise_sk as varchar), count(*) from dw.dim_enterprise group by enterprise_sk having count(*) > 1;
