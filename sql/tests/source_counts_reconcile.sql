-- nothing lost: for every source of every run, read = loaded + quarantined, and the quarantine
-- table holds exactly the quarantined records
select c.run_id, c.district_code, c.source, c.read, c.loaded, c.quarantined, q.n as quarantine_rows
from ops.source_counts c
left join (
    select run_id, district_code, snapshot_date, source, count(*) as n from ops.quarantine group by all
) q using (run_id, district_code, snapshot_date, source)
where c.read <> c.loaded + c.quarantined or c.quarantined <> coalesce(q.n, 0);
