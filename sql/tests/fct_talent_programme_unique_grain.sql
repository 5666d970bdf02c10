-- unique: one row per person per programme per district per programme snapshot
select snapshot_date_sk, district_sk, person_sk, programme_sk, count(*) as n
from dw.fct_talent_programme group by all having count(*) > 1;
