-- grain: one row per quarantined record of a district snapshot this build loads, any source: the
-- staged quarantine files (staged_quarantine_files, quarantine/source=/district_code=/snapshot_date=).
create or replace temp table stg_quarantine as
with quarantined as (
    select *
    from read_csv(
        getvariable('staged_quarantine_files'),
        header = true, delim = ',', quote = '"', escape = '"', auto_detect = false,
        columns = {'line': 'BIGINT', 'field': 'VARCHAR', 'rule': 'VARCHAR', 'raw_value': 'VARCHAR'},
        hive_partitioning = true, hive_types = {'source': 'VARCHAR', 'district_code': 'VARCHAR', 'snapshot_date': 'DATE'}
    )
),

final as (
    select source, district_code, snapshot_date, line, field, rule, raw_value
    from quarantined
)

select * from final;
