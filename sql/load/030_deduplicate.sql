-- Duplicates within a snapshot: the first record (lowest line) is kept, later copies are
-- quarantined as `duplicate`. The roster is found by one hash aggregate and marked by a hash join
-- against the few duplicated keys — no sort of millions of rows, no copy of the roster.
create or replace temp table roster_duplicate_keys as
select district_code, snapshot_date, person_id, min(line) as first_line
from stg_roster
group by all
having count(*) > 1;

create or replace temp view roster_ranked as
select
    s.*,
    case when d.first_line is not null and s.line <> d.first_line then 2 else 1 end as copy_no
from stg_roster s
left join roster_duplicate_keys d using (district_code, snapshot_date, person_id);

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
