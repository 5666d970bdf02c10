-- grain: one row per source file of a district snapshot this build loads: what staging read from
-- it (records read, accepted, quarantined, encoding, seconds), from the staged meta files
-- (staged_meta_files, meta/source=/district_code=/snapshot_date=).
create or replace temp table stg_meta as
with sources as (
    select *
    from read_csv(
        getvariable('staged_meta_files'),
        header = true, delim = ',', quote = '"', escape = '"', auto_detect = false,
        columns = {'file': 'VARCHAR', 'encoding': 'VARCHAR', 'read': 'BIGINT', 'accepted': 'BIGINT',
            'quarantined': 'BIGINT', 'seconds': 'DOUBLE', 'rules': 'VARCHAR'},
        hive_partitioning = true, hive_types = {'source': 'VARCHAR', 'district_code': 'VARCHAR', 'snapshot_date': 'DATE'}
    )
),

final as (
    select source, district_code, snapshot_date, file, encoding, read, accepted, quarantined, seconds
    from sources
)

select * from final;
