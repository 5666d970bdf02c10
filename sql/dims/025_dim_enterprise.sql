-- dw.dim_enterprise, type 2. Versions are derived from dw.enterprise_observation (every enterprise in
-- every district snapshot), so a snapshot loaded late, or replaced by a corrected one, re-derives
-- the versions of the enterprises whose observations it changes. Codes known only as an employer or
-- platform host get one placeholder version until a feed names them.
-- grain: one row per enterprise (uscc) per version (valid_from .. valid_to); DDL: V006, V011, V012.
-- reads: stg_feed, stg_enterprise, stg_roster, stg_platform, dw.enterprise_observation, dw.dim_enterprise
-- writes: dw.enterprise_observation, dw.dim_enterprise; temp table repointed (old → new version
--   keys, read by 040_fct_talent_snapshot, 050_fct_platform_snapshot,
--   060_fct_enterprise_qualification and 070_fct_talent_programme, which re-point their earlier
--   facts at the version valid on their snapshot date)

-- Only the enterprises whose observations this load changes can change versions: those observed in
-- a snapshot it replaces, and those its enterprise feeds list. Every other enterprise keeps the
-- versions its observations gave it, however much history is kept.
create or replace temp table changed_uscc as
select uscc from dw.enterprise_observation o
where exists (select 1 from stg_feed f where f.district_code = o.district_code and f.snapshot_date = o.snapshot_date)
union
select uscc from stg_enterprise;

-- the codes this load names anywhere, each needing a version (a placeholder if nothing else)
create or replace temp table affected_uscc as
select uscc from changed_uscc
union
select employer_uscc from stg_roster where employer_uscc is not null
union
select host_uscc from stg_platform where host_uscc is not null;

delete from dw.enterprise_observation o
where exists (select 1 from stg_feed f where f.district_code = o.district_code and f.snapshot_date = o.snapshot_date);

insert into dw.enterprise_observation
select
    uscc,
    district_code,
    snapshot_date,
    max(enterprise_name),
    max(cast(registered_capital as decimal(18, 2)))
from stg_enterprise
group by uscc, district_code, snapshot_date;

create or replace temp table enterprise_versions as
with observations as (
    select * from dw.enterprise_observation
    where uscc in (select uscc from changed_uscc)
    -- one observation per enterprise and date, should two districts list it the same day
    qualify row_number() over (partition by uscc, snapshot_date order by district_code) = 1
),

changes as (
    select
        *,
        case
            when lag(enterprise_name) over by_date is distinct from enterprise_name
                or lag(registered_capital_yuan) over by_date is distinct from registered_capital_yuan
                or lag(district_code) over by_date is distinct from district_code
                then 1
            else 0
        end as is_change
    from observations
    window by_date as (partition by uscc order by snapshot_date)
),

numbered as (
    select *, sum(is_change) over (partition by uscc order by snapshot_date rows unbounded preceding) as version_no
    from changes
),

versions as (
    select
        uscc,
        version_no,
        min(snapshot_date) as first_seen,
        any_value(enterprise_name) as enterprise_name,
        any_value(registered_capital_yuan) as registered_capital_yuan,
        any_value(district_code) as district_code
    from numbered
    group by uscc, version_no
),

final as (
    select
        uscc,
        enterprise_name,
        registered_capital_yuan,
        district_code,
        -- the first version also covers the time before the enterprise was first listed
        case when version_no = 1 then date '1900-01-01' else first_seen end as valid_from,
        cast(lead(first_seen) over (partition by uscc order by version_no) - interval 1 day as date) as valid_to
    from versions
)

select * from final;

create or replace temp table previous_versions as
select enterprise_sk, uscc, valid_from, valid_to from dw.dim_enterprise where uscc in (select uscc from enterprise_versions);

delete from dw.dim_enterprise d
where d.uscc in (select uscc from enterprise_versions)
    and not exists (
        select 1 from enterprise_versions v
        where v.uscc = d.uscc and v.valid_from = d.valid_from and v.enterprise_name = d.enterprise_name
            and v.registered_capital_yuan is not distinct from d.registered_capital_yuan
            and v.district_code is not distinct from d.district_code
    );

update dw.dim_enterprise d set valid_to = v.valid_to, is_current = v.valid_to is null
from enterprise_versions v
where v.uscc = d.uscc and v.valid_from = d.valid_from and v.enterprise_name = d.enterprise_name
    and v.registered_capital_yuan is not distinct from d.registered_capital_yuan
    and v.district_code is not distinct from d.district_code;

insert into dw.dim_enterprise (enterprise_sk, uscc, enterprise_name, registration_area_code, registered_capital_yuan,
    district_code, valid_from, valid_to, is_current)
select nextval('dw.seq_enterprise_sk'), v.uscc, v.enterprise_name, substr(v.uscc, 3, 6), v.registered_capital_yuan,
    v.district_code, v.valid_from, v.valid_to, v.valid_to is null
from enterprise_versions v
where not exists (
    select 1 from dw.dim_enterprise d
    where v.uscc = d.uscc and v.valid_from = d.valid_from and v.enterprise_name = d.enterprise_name
        and v.registered_capital_yuan is not distinct from d.registered_capital_yuan
        and v.district_code is not distinct from d.district_code
);

insert into dw.dim_enterprise (enterprise_sk, uscc, enterprise_name, registration_area_code, registered_capital_yuan,
    district_code, valid_from, valid_to, is_current)
select nextval('dw.seq_enterprise_sk'), a.uscc, '(未知名称)', substr(a.uscc, 3, 6), null, null, date '1900-01-01', null, true
from affected_uscc a
where not exists (select 1 from dw.dim_enterprise d where d.uscc = a.uscc);

-- Facts loaded earlier point at the version valid on their snapshot date; those of a version this
-- load removed or whose validity it changed may now belong to another (the fact scripts re-point
-- them). A version kept with its validity keeps its facts: versions of one code never overlap.
create or replace temp table repointed as
with changed_versions as (
    select p.enterprise_sk, p.uscc
    from previous_versions p
    where not exists (
        select 1 from dw.dim_enterprise e
        where e.enterprise_sk = p.enterprise_sk and e.valid_from = p.valid_from
            and e.valid_to is not distinct from p.valid_to
    )
),

final as (
    select c.enterprise_sk as old_sk, e.enterprise_sk as new_sk, e.valid_from, coalesce(e.valid_to, date '9999-12-31') as valid_to
    from changed_versions c
    join dw.dim_enterprise e on e.uscc = c.uscc
    where c.enterprise_sk <> e.enterprise_sk
)

select * from final;
