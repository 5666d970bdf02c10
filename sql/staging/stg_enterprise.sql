-- grain: one row per accepted enterprise qualification record of a district snapshot this build loads: the
-- staged files (staged_enterprise_files, <kind>/district_code=/snapshot_date= folders) read in the
-- columns and types of SourceKind's staged columns (staged_enterprise_columns).
create or replace temp table stg_enterprise as
select *
from read_csv(
    getvariable('staged_enterprise_files'),
    -- the staging writer's own dialect, stated: no sniffing of 38 files
    header = true, delim = ',', quote = '"', escape = '"', auto_detect = false,
    columns = getvariable('staged_enterprise_columns'),
    hive_partitioning = true, hive_types = {'district_code': 'VARCHAR', 'snapshot_date': 'DATE'}
);
