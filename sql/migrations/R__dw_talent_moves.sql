-- grain: one row per as-of date per district per person on that district's roster at the previous
-- or the current as-of date, for districts whose roster changed between the two (a district that
-- sent no new roster in the period has the same people at both dates: no row, nothing moved).
-- in_previous / in_current say on which of the two rosters the person is.
create or replace view dw.roster_changes as
with rosters as (
    select * from dw.roster_as_of
),

talent as (
    select * from dw.fct_talent_snapshot
),

districts as (
    select * from dw.dim_district
),

periods as (
    select distinct as_of_date, previous_as_of_date from rosters where previous_as_of_date is not null
),

current_rosters as (
    select p.as_of_date, r.district_code, r.snapshot_date_sk
    from periods p
    join rosters r on r.as_of_date = p.as_of_date
),

previous_rosters as (
    select p.as_of_date, r.district_code, r.snapshot_date_sk
    from periods p
    join rosters r on r.as_of_date = p.previous_as_of_date
),

changed as (
    select
        coalesce(c.as_of_date, b.as_of_date) as as_of_date,
        coalesce(c.district_code, b.district_code) as district_code,
        b.snapshot_date_sk as previous_snapshot_date_sk,
        c.snapshot_date_sk as current_snapshot_date_sk
    from current_rosters c
    full join previous_rosters b on b.as_of_date = c.as_of_date and b.district_code = c.district_code
    where b.snapshot_date_sk is distinct from c.snapshot_date_sk
),

-- the two rosters of each changed district, one row per person and side
sides as (
    select g.as_of_date, g.district_code, t.person_sk, true as is_previous
    from changed g
    join districts d on d.district_code = g.district_code
    join talent t on t.district_sk = d.district_sk and t.snapshot_date_sk = g.previous_snapshot_date_sk
    union all
    select g.as_of_date, g.district_code, t.person_sk, false as is_previous
    from changed g
    join districts d on d.district_code = g.district_code
    join talent t on t.district_sk = d.district_sk and t.snapshot_date_sk = g.current_snapshot_date_sk
),

final as (
    select
        as_of_date,
        district_code,
        person_sk,
        bool_or(is_previous) as in_previous,
        bool_or(not is_previous) as in_current
    from sides
    group by as_of_date, district_code, person_sk
)

select * from final;

comment on view dw.roster_changes is '花名册变动（人员级）。One row per as-of date, district and person on the district''s roster at the previous or the current as-of date, for districts whose roster changed in the period.';

-- grain: one row per as-of date per district per person who arrived on or left that district's
-- roster between the previous and the current as-of date (dw.roster_as_of). other_district_code
-- is where an arrival came from (a district whose roster listed the person at the previous date)
-- or where a departure went (a district whose roster lists them at the current date); null means
-- new to the city's rosters / left the city's rosters. A person on several rosters at once gets one
-- other district, chosen explicitly: a district they left (arrivals) or joined (departures) before
-- one that lists them at both dates, then the lowest code; other_districts counts the candidates.
create or replace view dw.talent_moves as
with changes as (
    select * from dw.roster_changes
),

rosters as (
    select * from dw.roster_as_of
),

talent as (
    select * from dw.fct_talent_snapshot
),

districts as (
    select * from dw.dim_district
),

movers as (
    select * from changes where in_previous <> in_current
),

mover_people as (
    select distinct m.as_of_date, r.previous_as_of_date, m.person_sk
    from movers m
    join (select distinct as_of_date, previous_as_of_date from rosters) r on r.as_of_date = m.as_of_date
),

-- every roster a mover is on at either date of the period, all districts
mover_facts as (
    select t.person_sk, d.district_code, t.snapshot_date_sk
    from talent t
    semi join mover_people p on p.person_sk = t.person_sk
    join districts d on d.district_sk = t.district_sk
),

listed as (
    select
        p.as_of_date,
        p.person_sk,
        f.district_code,
        bool_or(r.as_of_date = p.previous_as_of_date) as at_previous,
        bool_or(r.as_of_date = p.as_of_date) as at_current
    from mover_people p
    join mover_facts f on f.person_sk = p.person_sk
    join rosters r
        on r.district_code = f.district_code
        and r.snapshot_date_sk = f.snapshot_date_sk
        and r.as_of_date in (p.as_of_date, p.previous_as_of_date)
    group by p.as_of_date, p.person_sk, f.district_code
),

candidates as (
    select
        m.as_of_date,
        m.district_code,
        m.person_sk,
        m.in_current as is_arrival,
        l.district_code as other_district_code,
        -- arrivals come from a district listing them before; departures go to one listing them now
        case when m.in_current then l.at_previous else l.at_current end as is_candidate,
        -- preferred: a district they left (arrival) or joined (departure) in the same period
        case when m.in_current then not l.at_current else not l.at_previous end as is_moved
    from movers m
    left join listed l
        on l.as_of_date = m.as_of_date and l.person_sk = m.person_sk and l.district_code <> m.district_code
),

final as (
    select
        as_of_date,
        district_code,
        person_sk,
        case when is_arrival then 'arrival' else 'departure' end as direction,
        case when coalesce(is_candidate, false) then other_district_code end as other_district_code,
        case when coalesce(is_candidate, false) then not is_moved else false end as is_other_still_listed,
        cast(count(*) filter (where is_candidate) over (partition by as_of_date, district_code, person_sk) as integer)
            as other_districts
    from candidates
    qualify row_number() over (
        partition by as_of_date, district_code, person_sk
        order by coalesce(is_candidate, false) desc, is_moved desc, other_district_code
    ) = 1
)

select * from final;

comment on view dw.talent_moves is '人才流动（人员级）。One row per as-of date, district and person who arrived on or left its roster in the period, with the district they came from or went to (null: new to / left the city''s rosters).';
