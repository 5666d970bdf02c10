-- grain: one row, the run this build is for: the run file the run wrote (staged_run_files), or, for
-- a build without a run (tests, tools), the id and start the build was given (run_id, run_started_at).
create or replace temp table stg_run as
with staged as (
    select *
    from read_csv(
        getvariable('staged_run_files'),
        header = true, auto_detect = false, quote = '"', escape = '"',
        columns = {'run_id': 'VARCHAR', 'started_at': 'TIMESTAMP', 'is_demo': 'BOOLEAN', 'pseudonym_key_fingerprint': 'VARCHAR'}
    )
),

given as (
    select
        getvariable('run_id') as run_id,
        getvariable('run_started_at') as started_at,
        false as is_demo,
        cast(null as varchar) as pseudonym_key_fingerprint
),

final as (
    select * from staged
    union all
    select * from given where not exists (select 1 from staged)
)

select * from final;
