-- nothing lost: for every source of this run, read = loaded + quarantined, and the quarantine table
-- holds exactly the quarantined records. An earlier run's rows are as its tests found them: a load
-- only appends its own to ops.source_counts and ops.quarantine (sql/ops/090), which grow by every run.
with run as (
    select max(run_id) as run_id from ops.runs
)

select c.run_id, c.district_code, c.source, c.read, c.loaded, c.quarantined, q.n as quarantine_rows
from ops.source_counts c
left join (
    select run_id, district_code, snapshot_date, source, count(*) as n from ops.quarantine
    where run_id = (select run_id from run) group by all
) q using (run_id, district_code, snapshot_date, source)
where c.run_id = (select run_id from run)
    and (c.read <> c.loaded + c.quarantined or c.quarantined <> coalesce(q.n, 0));
