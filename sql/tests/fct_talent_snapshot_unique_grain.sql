-- unique: one row per person per district per snapshot
select snapshot_date_sk, district_sk, person_sk, count(*) as n
from dw.fct_talent_snapshot group by all having count(*) > 1;
