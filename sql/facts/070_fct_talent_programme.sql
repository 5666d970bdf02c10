-- dw.fct_talent_programme, the programme ledger fact.
-- grain: one row per person per programme award per district per ledger snapshot; DDL: V021.
-- reads: stg_program, stg_run, feed_keys, replaced_snapshots, repointed, dw.dim_person, dw.dim_programme,
--   dw.dim_programme_tier, dw.dim_education, dw.dim_enterprise
-- writes: dw.fct_talent_programme

-- Earlier awards whose employer's versions this load changed point at the version valid on their
-- snapshot date (repointed: 025_dim_enterprise); rows replaced below are written anew anyway.
update dw.fct_talent_programme f set employer_enterprise_sk = r.new_sk
from repointed r
where f.employer_enterprise_sk = r.old_sk
    and strptime(cast(f.snapshot_date_sk as varchar), '%Y%m%d')::date between r.valid_from and r.valid_to;

-- Replace each loaded programme ledger snapshot completely, like the roster: a snapshot loaded twice
-- is counted once, and a snapshot delivered without a ledger has no programme rows (no data).
delete from dw.fct_talent_programme t
where exists (
    select 1 from replaced_snapshots r
    where r.district_sk = t.district_sk and r.snapshot_date_sk = t.snapshot_date_sk
);

insert into dw.fct_talent_programme
select
    k.snapshot_date_sk,
    k.district_sk,
    p.person_sk,
    g.programme_sk,
    t.tier_sk,
    ed.education_sk,
    cast(strftime(cast(r.awarded_date as date), '%Y%m%d') as integer) as awarded_date_sk,
    cast(strftime(cast(r.end_date as date), '%Y%m%d') as integer) as end_date_sk,
    e.enterprise_sk as employer_enterprise_sk,
    (select run_id from stg_run) as run_id,
    r.line as source_line
from stg_program r
join feed_keys k on k.district_code = r.district_code and k.snapshot_date = r.snapshot_date
join dw.dim_person p on p.person_id = r.person_id
join dw.dim_programme g on g.programme_code = r.programme_code
left join dw.dim_programme_tier t on t.tier_code = r.tier_code
left join dw.dim_education ed on ed.education_code = r.education_code
left join dw.dim_enterprise e on e.uscc = r.employer_uscc
    and r.snapshot_date between e.valid_from and coalesce(e.valid_to, date '9999-12-31');
