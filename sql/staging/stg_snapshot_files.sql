-- grain: one row per file of a planned district snapshot, with its fingerprint: the run's
-- fingerprints file (staged_fingerprint_files; none for a build without a run).
create or replace temp table stg_snapshot_files as
select *
from read_csv(
    getvariable('staged_fingerprint_files'),
    -- the run's own dialect, stated (RFC 4180, ISO timestamps): no sniffing, which an empty list's file would fail
    header = true, auto_detect = false, quote = '"', escape = '"',
    columns = {'district_code': 'VARCHAR', 'snapshot_date': 'DATE', 'file_name': 'VARCHAR', 'size_bytes': 'BIGINT',
        'modified_at': 'TIMESTAMP', 'sha256': 'VARCHAR'}
);
