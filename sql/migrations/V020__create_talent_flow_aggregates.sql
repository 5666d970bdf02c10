-- Talent flows need person-level work that took 10-30 s per read of a flow view at city scale. Every
-- load now maintains these tables (sql/load/058_agg_talent_flows.sql) and the flow marts read them.
-- The only person-level step left is the overlap of two rosters of one district, done once per pair
-- of snapshots; where a mover came from or went to needs only the few people on several districts'
-- rosters (dw.agg_multi_district_person).

-- grain: one row per district per pair of its roster snapshots that are consecutive at some as-of
-- date: the people on both. Kept until a load rewrites either snapshot or the pair is no longer used.
create table dw.agg_roster_overlap (
    district_code varchar not null,
    previous_snapshot_date_sk integer not null,
    current_snapshot_date_sk integer not null,
    people bigint not null
);

-- grain: one row per as-of date per district: the roster (dw.roster_as_of) the stored flows of that
-- date were computed from, so the flow marts need not recompute which roster each date carries.
create table dw.agg_flow_roster (
    as_of_date date not null,
    previous_as_of_date date,
    district_code varchar not null,
    snapshot_date_sk integer not null
);

-- grain: one row per as-of date (after the first) per district whose roster changed in the period
-- per flow ('stayed', 'arrival', 'departure') per other district (where an arrival came from or a
-- departure went; null: new to / left the city's rosters) per is_other_still_listed per
-- has_several_rosters. A district whose roster did not change in the period has no rows.
create table dw.agg_talent_flow (
    as_of_date date not null,
    district_code varchar not null,
    flow varchar not null,
    other_district_code varchar,
    is_other_still_listed boolean not null,
    has_several_rosters boolean not null,
    people bigint not null
);

-- grain: one row per as-of date (after the first) per origin district (null: new to the city's
-- rosters) per destination district (null: left the city's rosters) with at least one person.
create table dw.agg_talent_flow_pair (
    as_of_date date not null,
    origin_district_code varchar,
    destination_district_code varchar,
    people bigint not null,
    arrivals bigint not null,
    departures bigint not null
);
