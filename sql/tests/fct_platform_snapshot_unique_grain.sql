-- unique: one row per platform per district per snapshot
select snapshot_date_sk, district_sk, platform_id, count(*) as n
from dw.fct_platform_snapshot group by all having count(*) > 1;
