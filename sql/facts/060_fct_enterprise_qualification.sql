-- dw.fct_enterprise_qualification: each loaded enterprise list snapshot replaced completely.
-- grain: one row per enterprise per qualification per district per snapshot; DDL: V009.
-- reads: stg_enterprise, stg_run, feed_keys, replaced_snapshots, repointed, dw.dim_enterprise,
--   dw.dim_qualification
-- writes: dw.fct_enterprise_qualification

-- Earlier facts of an enterprise whose versions this load changed point at the version valid on
-- their snapshot date (repointed: 025_dim_enterprise); rows replaced below are written anew anyway.
update dw.fct_enterprise_qualification f set enterprise_sk = r.new_sk
from repointed r
where f.enterprise_sk = r.old_sk
    and strptime(cast(f.snapshot_date_sk as varchar), '%Y%m%d')::date between r.valid_from and r.valid_to;

delete from dw.fct_enterprise_qualification t
where exists (
    select 1 from replaced_snapshots r
    where r.district_sk = t.district_sk and r.snapshot_date_sk = t.snapshot_date_sk
);

insert into dw.fct_enterprise_qualification
select
    k.snapshot_date_sk,
    k.district_sk,
    e.enterprise_sk,
    q.qualification_sk,
    cast(strftime(cast(r.granted_date as date), '%Y%m%d') as integer),
    (select run_id from stg_run),
    r.line
from stg_enterprise r
join feed_keys k on k.district_code = r.district_code and k.snapshot_date = r.snapshot_date
join dw.dim_enterprise e on e.uscc = r.uscc
    and r.snapshot_date between e.valid_from and coalesce(e.valid_to, date '9999-12-31')
join dw.dim_qualification q on q.qualification_code = r.qualification_code;
