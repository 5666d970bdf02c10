-- Duplicates within a snapshot: the first record (lowest line) is kept, later copies are
-- quarantined as `duplicate`. Set-based, so it costs one sort however large the roster.
create or replace temp table roster_ranked as
select *, row_number() over (partition by district_code, snapshot_date, person_id order by line) as copy_no
from stg_roster;

create or replace temp table platform_ranked as
select *, row_number() over (partition by district_code, snapshot_date, platform_name order by line) as copy_no
from stg_platform;

create or replace temp table enterprise_ranked as
select *, row_number() over (partition by district_code, snapshot_date, uscc, qualification_code order by line) as copy_no
from stg_enterprise;

insert into stg_quarantine (source, district_code, snapshot_date, line, field, rule, raw_value)
select 'roster', district_code, snapshot_date, line, 'id_number', 'duplicate', id_masked
from roster_ranked where copy_no > 1
union all
select 'platform', district_code, snapshot_date, line, 'platform_name', 'duplicate', platform_name
from platform_ranked where copy_no > 1
union all
select 'enterprise', district_code, snapshot_date, line, 'uscc', 'duplicate', uscc || ' ' || qualification_code
from enterprise_ranked where copy_no > 1;
