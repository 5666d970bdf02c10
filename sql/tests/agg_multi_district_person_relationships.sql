-- queue: first (it reads the run's roster facts: WarehouseTests hands it out before the small tests)
-- relationships and accepted values: every row of the shared-people aggregate is a roster fact,
-- and every person in it is on more than one district's roster. Rows are compared with the facts of
-- the snapshots this run loaded only: a run deletes and rewrites no other snapshot's facts
-- (sql/load/050), so a row of another snapshot that was a fact still is. Every person is checked
-- (the aggregate is small): a run that drops someone from one roster must drop all their rows.
-- (That no shared person is missing is checked by the functional tests; re-deriving it here would
-- cost as much as building it.)
with this_run as (
    select k.district_sk, k.snapshot_date_sk, d.district_code
    from ops.last_run_snapshots k
    join dw.dim_district d on d.district_sk = k.district_sk
),

shared as (
    select * from dw.agg_multi_district_person
),

run_shared as (
    select s.*
    from shared s
    semi join this_run k on k.district_code = s.district_code and k.snapshot_date_sk = s.snapshot_date_sk
),

run_facts as (
    select t.person_sk, d.district_code, t.snapshot_date_sk
    from dw.fct_talent_snapshot t
    semi join this_run k on k.district_sk = t.district_sk and k.snapshot_date_sk = t.snapshot_date_sk
    semi join run_shared s on s.person_sk = t.person_sk
    join dw.dim_district d on d.district_sk = t.district_sk
),

final as (
    select 'not a roster fact' as problem, s.person_sk, s.district_code, s.snapshot_date_sk
    from run_shared s
    anti join run_facts f
        on f.person_sk = s.person_sk and f.district_code = s.district_code and f.snapshot_date_sk = s.snapshot_date_sk
    union all
    select 'on one district only', person_sk, min(district_code), min(snapshot_date_sk)
    from shared
    group by person_sk
    having min(district_code) = max(district_code)
)

select * from final;
