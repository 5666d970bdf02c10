-- unique: one row per enterprise per qualification per district per snapshot
select snapshot_date_sk, district_sk, enterprise_sk, qualification_sk, count(*) as n
from dw.fct_enterprise_qualification group by all having count(*) > 1;
