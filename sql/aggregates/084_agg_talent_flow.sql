-- The talent flow aggregates: flows between consecutive as-of dates (dw.roster_as_of), rebuilt by
-- every load from two small inputs, so mart.district_talent_flows and mart.municipal_talent_flows
-- read a few hundred rows (grains in V020 and at each temp table below):
-- reads: replaced_snapshots (030_feed_keys), dw.roster_as_of, dw.dim_district, dw.fct_talent_snapshot,
--   dw.agg_talent_snapshot, dw.agg_multi_district_person (082_agg_multi_district_person)
-- writes: dw.agg_flow_roster, dw.agg_roster_overlap, dw.agg_talent_flow, dw.agg_talent_flow_pair
--   (DDL: V020); temp tables flow_* used within this script only
-- - how many people two consecutive rosters of one district share (dw.agg_roster_overlap): the only
--   person-level step, done once per pair of snapshots and again only when a load rewrites one of
--   them — a reload of the same snapshot writes the same rows;
-- - the people on several districts' rosters (dw.agg_multi_district_person, refreshed by 082): only
--   they can have come from or gone to another district's roster; every other arrival is new to the
--   city's rosters and every other departure left them.
create or replace temp table flow_rosters as
select as_of_date, previous_as_of_date, district_code, snapshot_date_sk
from dw.roster_as_of;

delete from dw.agg_flow_roster;

insert into dw.agg_flow_roster
select * from flow_rosters;

-- A small integer per district code, cheaper than the code in the person-level steps below.
create or replace temp table flow_district_numbers as
select district_code, dense_rank() over (order by district_code)::integer as district_no
from (select distinct district_code from dw.dim_district);

-- grain: one row per period per district whose roster at the end is not the one at the start (or
-- which has a roster at one end only): only their people can have arrived or left.
create or replace temp table flow_changed as
with rosters as (
    select * from flow_rosters
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

final as (
    select
        coalesce(c.as_of_date, b.as_of_date) as as_of_date,
        n.district_code,
        n.district_no,
        b.snapshot_date_sk as previous_snapshot_date_sk,
        c.snapshot_date_sk as current_snapshot_date_sk
    from current_rosters c
    full join previous_rosters b on b.as_of_date = c.as_of_date and b.district_code = c.district_code
    join flow_district_numbers n on n.district_code = coalesce(c.district_code, b.district_code)
    where b.snapshot_date_sk is distinct from c.snapshot_date_sk
)

select * from final;

-- Overlaps of snapshots this load rewrote are stale; those of pairs no period uses any more go.
delete from dw.agg_roster_overlap o
where exists (
        select 1
        from replaced_snapshots r
        join dw.dim_district d on d.district_sk = r.district_sk
        where d.district_code = o.district_code
            and r.snapshot_date_sk in (o.previous_snapshot_date_sk, o.current_snapshot_date_sk)
    )
    or not exists (
        select 1
        from flow_changed c
        where c.district_code = o.district_code
            and c.previous_snapshot_date_sk = o.previous_snapshot_date_sk
            and c.current_snapshot_date_sk = o.current_snapshot_date_sk
    );

create or replace temp table flow_missing_overlaps as
select distinct c.district_code, c.previous_snapshot_date_sk, c.current_snapshot_date_sk
from flow_changed c
where c.previous_snapshot_date_sk is not null
    and c.current_snapshot_date_sk is not null
    and not exists (
        select 1
        from dw.agg_roster_overlap o
        where o.district_code = c.district_code
            and o.previous_snapshot_date_sk = c.previous_snapshot_date_sk
            and o.current_snapshot_date_sk = c.current_snapshot_date_sk
    );

-- A roster lists a person once, so the people on both rosters are the rows that pair up by person.
insert into dw.agg_roster_overlap
with pairs as (
    select m.*, row_number() over ()::integer as pair_no
    from flow_missing_overlaps m
),

previous_facts as (
    select p.pair_no, t.person_sk
    from pairs p
    join dw.dim_district d on d.district_code = p.district_code
    join dw.fct_talent_snapshot t on t.district_sk = d.district_sk and t.snapshot_date_sk = p.previous_snapshot_date_sk
),

current_facts as (
    select p.pair_no, t.person_sk
    from pairs p
    join dw.dim_district d on d.district_code = p.district_code
    join dw.fct_talent_snapshot t on t.district_sk = d.district_sk and t.snapshot_date_sk = p.current_snapshot_date_sk
),

both_rosters as (
    select c.pair_no, count(*) as people
    from current_facts c
    join previous_facts b on b.pair_no = c.pair_no and b.person_sk = c.person_sk
    group by c.pair_no
),

final as (
    select p.district_code, p.previous_snapshot_date_sk, p.current_snapshot_date_sk, coalesce(b.people, 0) as people
    from pairs p
    left join both_rosters b on b.pair_no = p.pair_no
)

select * from final;

-- grain: one row per period per person on several districts' rosters per district listing them at
-- either end of the period.
create or replace temp table flow_listed as
with rosters as (
    select * from flow_rosters
),

ends as (
    select p.as_of_date, r.district_code, r.snapshot_date_sk, r.as_of_date = p.previous_as_of_date as is_previous
    from (select distinct as_of_date, previous_as_of_date from rosters where previous_as_of_date is not null) p
    join rosters r on r.as_of_date = p.as_of_date or r.as_of_date = p.previous_as_of_date
),

shared as (
    select * from dw.agg_multi_district_person
),

final as (
    select
        e.as_of_date,
        s.person_sk,
        n.district_no,
        bool_or(e.is_previous) as at_previous,
        bool_or(not e.is_previous) as at_current
    from shared s
    join ends e on e.district_code = s.district_code and e.snapshot_date_sk = s.snapshot_date_sk
    join flow_district_numbers n on n.district_code = s.district_code
    group by e.as_of_date, s.person_sk, n.district_no
)

select * from final;

-- grain: one row per arrival or departure of a person whom another district lists at either end of
-- the period, with one other district chosen explicitly for people on several rosters at once: a
-- district they left (arrivals) or joined (departures) in the period before one listing them at
-- both dates, then the lowest code; other_districts counts the candidates. An arrival comes from a
-- district listing them at the start, a departure goes to one listing them at the end; with no such
-- district, other_district_no is null (new to / left the city's rosters).
create or replace temp table flow_shared_moves as
with moves as (
    select as_of_date, person_sk, district_no, at_current as is_arrival
    from flow_listed
    where at_previous <> at_current
),

candidates as (
    select
        m.as_of_date,
        m.district_no,
        m.person_sk,
        m.is_arrival,
        l.district_no as other_district_no,
        case when m.is_arrival then l.at_previous else l.at_current end as is_candidate,
        case when m.is_arrival then not l.at_current else not l.at_previous end as is_moved
    from moves m
    join flow_listed l
        on l.as_of_date = m.as_of_date and l.person_sk = m.person_sk and l.district_no <> m.district_no
),

final as (
    select
        as_of_date,
        district_no,
        person_sk,
        is_arrival,
        case when is_candidate then other_district_no end as other_district_no,
        is_candidate and not is_moved as is_other_still_listed,
        count(*) filter (where is_candidate) over (partition by as_of_date, district_no, person_sk) as other_districts
    from candidates
    qualify row_number() over (
        partition by as_of_date, district_no, person_sk
        order by is_candidate desc, is_moved desc, other_district_no
    ) = 1
)

select * from final;

-- grain: one row per period per changed district per direction: the arrivals and departures of
-- people no other district lists at either end, counted from totals without visiting them: arrivals
-- are the current roster less those on both, departures the previous roster less those on both.
create or replace temp table flow_unshared as
with changed as (
    select * from flow_changed
),

totals as (
    select d.district_code, t.snapshot_date_sk, sum(t.people) as people
    from dw.agg_talent_snapshot t
    join dw.dim_district d on d.district_sk = t.district_sk
    group by all
),

shared as (
    select as_of_date, district_no, is_arrival, count(*) as people
    from flow_shared_moves
    group by all
),

directions as (
    select
        c.as_of_date,
        c.district_no,
        d.is_arrival,
        coalesce(case when d.is_arrival then ct.people else bt.people end, 0) - coalesce(o.people, 0) as people
    from changed c
    cross join (values (true), (false)) d(is_arrival)
    left join totals ct on ct.district_code = c.district_code and ct.snapshot_date_sk = c.current_snapshot_date_sk
    left join totals bt on bt.district_code = c.district_code and bt.snapshot_date_sk = c.previous_snapshot_date_sk
    left join dw.agg_roster_overlap o
        on o.district_code = c.district_code
        and o.previous_snapshot_date_sk = c.previous_snapshot_date_sk
        and o.current_snapshot_date_sk = c.current_snapshot_date_sk
),

final as (
    select d.as_of_date, d.district_no, d.is_arrival, d.people - coalesce(s.people, 0) as people
    from directions d
    left join shared s on s.as_of_date = d.as_of_date and s.district_no = d.district_no and s.is_arrival = d.is_arrival
    where d.people > coalesce(s.people, 0)
)

select * from final;

delete from dw.agg_talent_flow;

insert into dw.agg_talent_flow
with changed as (
    select * from flow_changed
),

numbers as (
    select * from flow_district_numbers
),

roster_overlaps as (
    select * from dw.agg_roster_overlap
),

stayed as (
    select
        c.as_of_date,
        c.district_code,
        'stayed' as flow,
        cast(null as varchar) as other_district_code,
        false as is_other_still_listed,
        false as has_several_rosters,
        o.people
    from changed c
    join roster_overlaps o
        on o.district_code = c.district_code
        and o.previous_snapshot_date_sk = c.previous_snapshot_date_sk
        and o.current_snapshot_date_sk = c.current_snapshot_date_sk
),

moves as (
    select
        as_of_date,
        district_no,
        is_arrival,
        other_district_no,
        is_other_still_listed,
        other_districts > 1 as has_several_rosters,
        count(*) as people
    from flow_shared_moves
    group by all
    union all
    select as_of_date, district_no, is_arrival, null, false, false, people
    from flow_unshared
),

named_moves as (
    select
        m.as_of_date,
        n.district_code,
        case when m.is_arrival then 'arrival' else 'departure' end as flow,
        o.district_code as other_district_code,
        m.is_other_still_listed,
        m.has_several_rosters,
        cast(sum(m.people) as bigint) as people
    from moves m
    join numbers n on n.district_no = m.district_no
    left join numbers o on o.district_no = m.other_district_no
    group by all
),

final as (
    select * from stayed where people > 0
    union all
    select * from named_moves
)

select * from final;

delete from dw.agg_talent_flow_pair;

-- A move between two districts is an arrival of one and a departure of the other: one person per
-- origin × destination pair, counted once however many of the two sides recorded it. Only people
-- on several rosters can pair two districts; every other move pairs a district with no roster.
insert into dw.agg_talent_flow_pair
with numbers as (
    select * from flow_district_numbers
),

shared_pairs as (
    select
        as_of_date,
        person_sk,
        case when is_arrival then other_district_no else district_no end as origin_district_no,
        case when is_arrival then district_no else other_district_no end as destination_district_no,
        bool_or(is_arrival) as is_arrival,
        bool_or(not is_arrival) as is_departure
    from flow_shared_moves
    group by all
),

pairs as (
    select
        as_of_date,
        origin_district_no,
        destination_district_no,
        count(*) as people,
        count(*) filter (where is_arrival) as arrivals,
        count(*) filter (where is_departure) as departures
    from shared_pairs
    group by all
    union all
    select
        as_of_date,
        case when is_arrival then null else district_no end,
        case when is_arrival then district_no end,
        people,
        case when is_arrival then people else 0 end,
        case when is_arrival then 0 else people end
    from flow_unshared
),

final as (
    select
        p.as_of_date,
        o.district_code as origin_district_code,
        d.district_code as destination_district_code,
        cast(sum(p.people) as bigint) as people,
        cast(sum(p.arrivals) as bigint) as arrivals,
        cast(sum(p.departures) as bigint) as departures
    from pairs p
    left join numbers o on o.district_no = p.origin_district_no
    left join numbers d on d.district_no = p.destination_district_no
    group by all
)

select * from final;
