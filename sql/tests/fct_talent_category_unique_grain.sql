-- unique: one row per person per category per district per snapshot (the marts count rows as
-- people) — checked on the snapshots this run loaded
with this_run as (
    select d.district_sk, cast(strftime(r.snapshot_date, '%Y%m%d') as integer) as snapshot_date_sk
    from ops.district_results r
    join dw.dim_district d on d.district_code = r.district_code
    where r.run_id = (select max(run_id) from ops.runs) and r.status = 'loaded'
)

select c.snapshot_date_sk, c.district_sk, c.person_sk, c.category_sk, count(*) as n
from dw.fct_talent_category c
semi join this_run k on k.district_sk = c.district_sk and k.snapshot_date_sk = c.snapshot_date_sk
group by all
having count(*) > 1;
