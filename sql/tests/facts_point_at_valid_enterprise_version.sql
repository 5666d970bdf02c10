-- queue: first (it reads the run's roster facts: WarehouseTests hands it out before the small tests)
-- relationships: every enterprise reference of a fact is the version valid on its snapshot date;
-- all enterprise facts and programme awards (they are few), and the employers on the rosters this
-- run loaded; a key whose version is gone counts too
with this_run as (
    select * from ops.last_run_snapshots
)

select 'qualification' as fact, f.snapshot_date_sk, f.enterprise_sk
from dw.fct_enterprise_qualification f
left join dw.dim_enterprise e on e.enterprise_sk = f.enterprise_sk
where e.enterprise_sk is null
    or strptime(cast(f.snapshot_date_sk as varchar), '%Y%m%d')::date
        not between e.valid_from and coalesce(e.valid_to, date '9999-12-31')
union all
select 'programme employer', f.snapshot_date_sk, f.employer_enterprise_sk
from dw.fct_talent_programme f
left join dw.dim_enterprise e on e.enterprise_sk = f.employer_enterprise_sk
where f.employer_enterprise_sk is not null
    and (e.enterprise_sk is null
        or strptime(cast(f.snapshot_date_sk as varchar), '%Y%m%d')::date
            not between e.valid_from and coalesce(e.valid_to, date '9999-12-31'))
union all
select 'employer', f.snapshot_date_sk, f.employer_enterprise_sk
from dw.fct_talent_snapshot f
semi join this_run k on k.district_sk = f.district_sk and k.snapshot_date_sk = f.snapshot_date_sk
join dw.dim_enterprise e on e.enterprise_sk = f.employer_enterprise_sk
where strptime(cast(f.snapshot_date_sk as varchar), '%Y%m%d')::date
    not between e.valid_from and coalesce(e.valid_to, date '9999-12-31');
