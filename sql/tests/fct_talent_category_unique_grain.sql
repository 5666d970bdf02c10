-- unique: one row per person per category per district per snapshot (the marts count rows as
-- people) — checked on the snapshots this run loaded
with this_run as (
    select * from ops.last_run_snapshots
)

select c.snapshot_date_sk, c.district_sk, c.person_sk, c.category_sk, count(*) as n
from dw.fct_talent_category c
semi join this_run k on k.district_sk = c.district_sk and k.snapshot_date_sk = c.snapshot_date_sk
group by all
having count(*) > 1;
