-- relationships: every talent fact of the snapshots this run loaded points at an existing person,
-- district and date
with this_run as (
    select * from ops.last_run_snapshots
),

facts as (
    select t.*
    from dw.fct_talent_snapshot t
    semi join this_run k on k.district_sk = t.district_sk and k.snapshot_date_sk = t.snapshot_date_sk
)

select 'person' as dim, f.person_sk as sk from facts f
anti join dw.dim_person p on p.person_sk = f.person_sk
union all
select 'district', f.district_sk from facts f
anti join dw.dim_district d on d.district_sk = f.district_sk
union all
select 'date', f.snapshot_date_sk from facts f
anti join dw.dim_date d on d.date_sk = f.snapshot_date_sk;
