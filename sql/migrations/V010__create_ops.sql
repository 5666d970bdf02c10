-- grain: one row per published run.
create table ops.runs (
    run_id varchar not null,
    started_at timestamp not null,
    finished_at timestamp not null,
    status varchar not null,
    districts_loaded integer not null,
    districts_failed integer not null,
    rows_loaded bigint not null,
    rows_quarantined bigint not null
);

-- grain: one row per run per district snapshot: loaded, or failed with the reason.
create table ops.district_results (
    run_id varchar not null,
    district_code varchar not null,
    snapshot_date date not null,
    status varchar not null,
    message varchar
);

-- grain: one row per run per district snapshot per source file; read = loaded + quarantined.
create table ops.source_counts (
    run_id varchar not null,
    district_code varchar not null,
    snapshot_date date not null,
    source varchar not null,
    file varchar not null,
    encoding varchar,
    read bigint not null,
    loaded bigint not null,
    quarantined bigint not null,
    seconds double
);

-- grain: one row per rejected record; a raw resident ID number is masked.
create table ops.quarantine (
    run_id varchar not null,
    district_code varchar not null,
    snapshot_date date not null,
    source varchar not null,
    file varchar not null,
    line bigint not null,
    field varchar not null,
    rule varchar not null,
    raw_value varchar
);
