-- unique: one row per person per district per snapshot — checked on the snapshots this run
-- loaded (the others were checked when they were loaded, and a run never touches them)
with this_run as (
    select * from ops.last_run_snapshots
)

select t.snapshot_date_sk, t.district_sk, t.person_sk, count(*) as n
from dw.fct_talent_snapshot t
semi join this_run k on k.district_sk = t.district_sk and k.snapshot_date_sk = t.snapshot_date_sk
group by all
having count(*) > 1;
