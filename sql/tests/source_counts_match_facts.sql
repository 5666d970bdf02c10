-- queue: first (it reads the run's facts: WarehouseTests hands it out before the small tests)
-- loaded counts of this run equal the fact rows it wrote, and no row of an earlier run is left in a
-- snapshot it replaced. Checked on the run's snapshots: a load writes facts only there (every fact
-- script inserts the rows of feed_keys), and an earlier run's counts and facts are as that run's
-- tests found them — a night does not count every fact of every month kept.
with this_run as (
    select * from ops.last_run_snapshots
),

run as (
    select max(run_id) as run_id from ops.runs
),

loaded as (
    select run_id, source, sum(loaded) as loaded from ops.source_counts
    where run_id = (select run_id from run) group by all
),

facts as (
    select f.run_id, 'roster' as source, count(*) as n
    from dw.fct_talent_snapshot f
    semi join this_run k on k.district_sk = f.district_sk and k.snapshot_date_sk = f.snapshot_date_sk
    group by all
    union all
    select f.run_id, 'platform', count(*)
    from dw.fct_platform_snapshot f
    semi join this_run k on k.district_sk = f.district_sk and k.snapshot_date_sk = f.snapshot_date_sk
    group by all
    union all
    select f.run_id, 'enterprise', count(*)
    from dw.fct_enterprise_qualification f
    semi join this_run k on k.district_sk = f.district_sk and k.snapshot_date_sk = f.snapshot_date_sk
    group by all
    union all
    select f.run_id, 'program', count(*)
    from dw.fct_talent_programme f
    semi join this_run k on k.district_sk = f.district_sk and k.snapshot_date_sk = f.snapshot_date_sk
    group by all
)

select l.run_id, l.source, l.loaded, f.n as fact_rows
from loaded l
left join facts f using (run_id, source)
where l.loaded <> coalesce(f.n, 0)
union all
select f.run_id, f.source, null, f.n
from facts f
where f.run_id <> (select run_id from run);
