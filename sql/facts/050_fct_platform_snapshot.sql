-- dw.fct_platform_snapshot: each loaded platform list snapshot replaced completely.
-- grain: one row per platform per district per snapshot; DDL: V008.
-- reads: stg_platform, stg_run, feed_keys, replaced_snapshots, repointed, dw.dim_platform_type,
--   dw.dim_platform_level, dw.dim_enterprise
-- writes: dw.fct_platform_snapshot

-- Earlier facts of an enterprise whose versions this load changed point at the version valid on
-- their snapshot date (repointed: 025_dim_enterprise); rows replaced below are written anew anyway.
update dw.fct_platform_snapshot f set host_enterprise_sk = r.new_sk
from repointed r
where f.host_enterprise_sk = r.old_sk
    and strptime(cast(f.snapshot_date_sk as varchar), '%Y%m%d')::date between r.valid_from and r.valid_to;

delete from dw.fct_platform_snapshot t
where exists (
    select 1 from replaced_snapshots r
    where r.district_sk = t.district_sk and r.snapshot_date_sk = t.snapshot_date_sk
);

insert into dw.fct_platform_snapshot
select
    k.snapshot_date_sk,
    k.district_sk,
    -- md5 in hex with its digits turned into letters: a hex id can hold a run of 18 digits, which
    -- would read as (and trip the test for) a resident ID number
    translate(md5(r.district_code || '|' || r.platform_name), '0123456789', 'ghijklmnop') as platform_id,
    r.platform_name,
    pt.platform_type_sk,
    pl.platform_level_sk,
    e.enterprise_sk,
    cast(strftime(cast(r.approved_date as date), '%Y%m%d') as integer),
    (select run_id from stg_run),
    r.line
from stg_platform r
join feed_keys k on k.district_code = r.district_code and k.snapshot_date = r.snapshot_date
join dw.dim_platform_type pt on pt.platform_type_code = r.platform_type_code
join dw.dim_platform_level pl on pl.platform_level_code = r.platform_level_code
left join dw.dim_enterprise e on e.uscc = r.host_uscc
    and r.snapshot_date between e.valid_from and coalesce(e.valid_to, date '9999-12-31');
