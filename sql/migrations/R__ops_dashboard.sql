-- What an operations dashboard reads, also served to PostgreSQL (schema ops there): the run log
-- tables described here, and counts in place of the record-level tables. ops.quarantine and
-- ops.warnings hold masked IDs, raw values and example credit codes; these views carry counts only.

-- grain: one row per run per district snapshot per source per file per field per quarantine rule.
create or replace view ops.quarantine_by_rule as
with quarantine as (
    select * from ops.quarantine
),

final as (
    select
        run_id,
        district_code,
        snapshot_date,
        source,
        file,
        field,
        rule,
        count(*) as records
    from quarantine
    group by all
)

select * from final;

-- grain: one row per run per district snapshot per source per warning rule (no example value).
create or replace view ops.warning_counts as
with warnings as (
    select * from ops.warnings
),

final as (
    select
        run_id,
        district_code,
        snapshot_date,
        source,
        rule,
        records
    from warnings
)

select * from final;

comment on table ops.runs is '加载批次。One row per published run: when, outcome (published, partial), districts loaded and failed, rows loaded and quarantined.';
comment on column ops.runs.run_id is '批次号。run-<yyyyMMddTHHmmssSSS> of the run.';
comment on column ops.runs.started_at is '开始时间。Local time the run started.';
comment on column ops.runs.finished_at is '结束时间。Local time the warehouse was built.';
comment on column ops.runs.status is '结果。published (every district loaded) or partial (some failed and kept their last good snapshot).';
comment on column ops.runs.districts_loaded is '成功区县快照数。District snapshots this run loaded.';
comment on column ops.runs.districts_failed is '失败区县快照数。District snapshots this run failed to load.';
comment on column ops.runs.rows_loaded is '加载记录数。Records loaded by this run, all sources.';
comment on column ops.runs.rows_quarantined is '隔离记录数。Records quarantined by this run, all sources.';
comment on column ops.runs.is_demo is '演示数据。True when the run loaded extracts written by the demo generator (generate or a first start).';

comment on table ops.district_results is '区县加载结果。One row per run per district snapshot: loaded, failed (with the reason) or skipped (unchanged).';
comment on column ops.district_results.run_id is '批次号。The run.';
comment on column ops.district_results.district_code is '区县代码。GB/T 2260 code of the district.';
comment on column ops.district_results.snapshot_date is '快照日期。Date of the district snapshot.';
comment on column ops.district_results.status is '结果。loaded, failed or skipped.';
comment on column ops.district_results.message is '原因。Why it failed or was skipped; null when loaded.';

comment on table ops.source_counts is '数据源记录数。One row per run per district snapshot per source file: read = loaded + quarantined.';
comment on column ops.source_counts.run_id is '批次号。The run.';
comment on column ops.source_counts.district_code is '区县代码。GB/T 2260 code of the district.';
comment on column ops.source_counts.snapshot_date is '快照日期。Date of the district snapshot.';
comment on column ops.source_counts.source is '数据源。roster, platform or enterprise.';
comment on column ops.source_counts.file is '文件。The file (or URL) read.';
comment on column ops.source_counts.encoding is '编码。Character encoding the file was read with.';
comment on column ops.source_counts.read is '读取数。Records read.';
comment on column ops.source_counts.loaded is '加载数。Records loaded.';
comment on column ops.source_counts.quarantined is '隔离数。Records quarantined.';
comment on column ops.source_counts.seconds is '耗时（秒）。Staging time of the source.';

comment on view ops.quarantine_by_rule is '隔离记录按规则统计。One row per run, district snapshot, source, file, field and rule: how many records were quarantined (no record-level values).';
comment on column ops.quarantine_by_rule.run_id is '批次号。The run.';
comment on column ops.quarantine_by_rule.district_code is '区县代码。GB/T 2260 code of the district.';
comment on column ops.quarantine_by_rule.snapshot_date is '快照日期。Date of the district snapshot.';
comment on column ops.quarantine_by_rule.source is '数据源。roster, platform or enterprise.';
comment on column ops.quarantine_by_rule.file is '文件。The file (or URL) read.';
comment on column ops.quarantine_by_rule.field is '字段。The field that broke the rule.';
comment on column ops.quarantine_by_rule.rule is '规则。Stable rule name (id_checksum, duplicate, ...).';
comment on column ops.quarantine_by_rule.records is '记录数。Records quarantined under the rule.';

comment on view ops.warning_counts is '警告统计。One row per run, district snapshot, source and warning rule: records loaded but worth asking the district about.';
comment on column ops.warning_counts.run_id is '批次号。The run.';
comment on column ops.warning_counts.district_code is '区县代码。GB/T 2260 code of the district.';
comment on column ops.warning_counts.snapshot_date is '快照日期。Date of the district snapshot.';
comment on column ops.warning_counts.source is '数据源。roster, platform or enterprise.';
comment on column ops.warning_counts.rule is '规则。Warning rule, e.g. employer_not_in_enterprise_feed.';
comment on column ops.warning_counts.records is '记录数。Records with the warning.';
