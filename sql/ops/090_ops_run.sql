-- What this run did, queryable: per source counts (read = loaded + quarantined), every rejected
-- record, per district outcome, and the run itself (DDL: V010, V011, V013, V018).
-- grain: ops.runs one row per run; ops.district_results one per district snapshot per run;
--   ops.source_counts one per source file per run; ops.quarantine one per rejected record per run.
-- reads: stg_run, stg_feed, stg_failure, stg_skipped, stg_snapshot_files, stg_quarantine, stg_meta,
--   stg_roster, stg_enterprise
-- writes: ops.quarantine, ops.source_counts, ops.warnings, ops.district_results, ops.snapshot_files,
--   ops.pseudonym_key, ops.runs
insert into ops.quarantine
select (select run_id from stg_run), q.district_code, q.snapshot_date, q.source, m.file, q.line, q.field, q.rule, q.raw_value
from stg_quarantine q
join stg_meta m on m.source = q.source and m.district_code = q.district_code and m.snapshot_date = q.snapshot_date;

insert into ops.source_counts
select
    (select run_id from stg_run),
    m.district_code,
    m.snapshot_date,
    m.source,
    m.file,
    m.encoding,
    m.read,
    m.accepted,
    m.quarantined,
    m.seconds
from stg_meta m;

-- a roster employer whose credit code is not in the same district snapshot's enterprise feed
-- Each roster's employers are counted first, and only they are looked up in the enterprise feed
-- (tens of thousands of employers, not millions of roster rows).
insert into ops.warnings
with employers as (
    select cast(district_code as varchar) as district_code, snapshot_date, employer_uscc, count(*) as people
    from stg_roster
    where employer_uscc is not null
    group by all
)

select
    (select run_id from stg_run),
    r.district_code,
    r.snapshot_date,
    'roster',
    'employer_not_in_enterprise_feed',
    sum(r.people),
    min(r.employer_uscc)
from employers r
anti join stg_enterprise e on e.district_code = r.district_code and e.snapshot_date = r.snapshot_date
    and e.uscc = r.employer_uscc
group by r.district_code, r.snapshot_date;

insert into ops.district_results
select (select run_id from stg_run), district_code, snapshot_date, 'loaded', null from stg_feed
union all
select (select run_id from stg_run), district_code, snapshot_date, 'failed', message from stg_failure
union all
select (select run_id from stg_run), district_code, snapshot_date, 'skipped', message from stg_skipped;

-- the files each loaded snapshot came from, so the next run can skip it while they are unchanged
delete from ops.snapshot_files f
where exists (select 1 from stg_feed s where s.district_code = f.district_code and s.snapshot_date = f.snapshot_date);

insert into ops.snapshot_files
select f.district_code, f.snapshot_date, f.file_name, f.size_bytes, f.modified_at, f.sha256, (select run_id from stg_run)
from stg_snapshot_files f
where exists (select 1 from stg_feed s where s.district_code = f.district_code and s.snapshot_date = f.snapshot_date);

-- the key behind the pseudonyms, recorded by the first run that makes any (a run with another key refuses)
insert into ops.pseudonym_key
select r.pseudonym_key_fingerprint, current_timestamp::timestamp, r.run_id
from stg_run r
where r.pseudonym_key_fingerprint is not null
    and not exists (select 1 from ops.pseudonym_key);

insert into ops.runs (
    run_id, started_at, finished_at, status, districts_loaded, districts_failed, rows_loaded, rows_quarantined, is_demo
)
select
    r.run_id,
    r.started_at,
    current_timestamp::timestamp,
    case when (select count(*) from stg_failure) = 0 then 'published' else 'partial' end,
    (select count(*) from stg_feed),
    (select count(*) from stg_failure),
    coalesce((select sum(loaded) from ops.source_counts c where c.run_id = r.run_id), 0),
    coalesce((select sum(quarantined) from ops.source_counts c where c.run_id = r.run_id), 0),
    r.is_demo
from stg_run r;
