-- unique: one row per credit code and validity start, and per surrogate key
select uscc || ' ' || cast(valid_from as varchar), count(*) as n from dw.dim_enterprise group by uscc, valid_from having count(*) > 1
union all
select cast(enterprise_sk as varchar), count(*) from dw.dim_enterprise group by enterprise_sk having count(*) > 1;
