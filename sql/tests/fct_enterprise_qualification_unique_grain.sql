-- unique: one row per enterprise per qualification per district per snapshot — checked on the
-- snapshots this run loaded: a run deletes and rewrites only those (sql/load/070), and re-pointing an
-- earlier snapshot's facts at a new version of their enterprise (041) maps the one version valid on
-- that snapshot's date to one other, which cannot put an enterprise in a snapshot twice.
with this_run as (
    select * from ops.last_run_snapshots
),

run_rows as (
    select f.snapshot_date_sk, f.district_sk, f.enterprise_sk, f.qualification_sk
    from dw.fct_enterprise_qualification f
    semi join this_run k on k.district_sk = f.district_sk and k.snapshot_date_sk = f.snapshot_date_sk
),

final as (
    select snapshot_date_sk, district_sk, enterprise_sk, qualification_sk, count(*) as n
    from run_rows
    group by all
    having count(*) > 1
)

select * from final;
