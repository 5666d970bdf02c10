-- grain: one row per file of each loaded district snapshot, as last loaded: what the landing zone
-- held (name, size, modification time, SHA-256). A run skips a snapshot whose files are all
-- unchanged and reloads (replaces) one whose content changed.
create table ops.snapshot_files (
    district_code varchar not null,
    snapshot_date date not null,
    file_name varchar not null,
    size_bytes bigint not null,
    modified_at timestamp not null,
    sha256 varchar not null,
    run_id varchar not null
);
