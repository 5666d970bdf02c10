-- grain: one row per district snapshot that the latest published run loaded, with the district row
-- its facts point at. Data tests of large facts check only these: a run touches nothing else.
create or replace view ops.last_run_snapshots as
with results as (
    select * from ops.district_results
),

districts as (
    select * from dw.dim_district
),

final as (
    select
        d.district_sk,
        cast(strftime(r.snapshot_date, '%Y%m%d') as integer) as snapshot_date_sk
    from results r
    join districts d on d.district_code = r.district_code
    where r.run_id = (select max(run_id) from ops.runs) and r.status = 'loaded'
)

select * from final;
