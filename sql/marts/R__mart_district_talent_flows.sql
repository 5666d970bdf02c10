-- grain: one row per as-of date (after the first) per district on the city's rosters at that date
-- or the one before: the talent flows of the period from previous_as_of_date to as_of_date. As-of
-- dates and rosters are those of mart.municipal_talent_totals (each 31 December, and the latest
-- roster date; each district at its latest roster on or before the date, dw.roster_as_of).
-- stayed + left = previous_total and stayed + arrived = current_total (data tests check both).
-- Rosters lag: a district that sent no new roster in the period shows no movement at all (its old
-- roster is carried), so a person who moved from it to a district that did send one appears as
-- "arrived from" it while still listed there (arrived_still_listed_at_origin), and a person who
-- moved to it appears as "left the city's rosters" until its next roster lists them. Arrivals and
-- departures are changes of the rosters, not dated moves: they happened between the two rosters'
-- dates, which may be earlier than the period. A person on several rosters at once counts on each
-- district's roster; their arrival is attributed to one origin, chosen explicitly (a district they
-- left before one that still lists them, then the lowest code; dw.agg_talent_flow, sql/aggregates/084_agg_talent_flow.sql).
create or replace view mart.district_talent_flows as
with rosters as (
    select * from dw.agg_flow_roster
),

flows as (
    select * from dw.agg_talent_flow
),

snapshot_totals as (
    select district_code, snapshot_date_sk, talent_total as people from dw.int_talent_totals
),

district_names as (
    select * from dw.district_current
),

periods as (
    select distinct as_of_date, previous_as_of_date from rosters where previous_as_of_date is not null
),

period_districts as (
    select
        coalesce(c.as_of_date, b.as_of_date) as as_of_date,
        coalesce(c.district_code, b.district_code) as district_code,
        strptime(cast(b.snapshot_date_sk as varchar), '%Y%m%d')::date as previous_snapshot_date,
        b.snapshot_date_sk as previous_snapshot_date_sk,
        strptime(cast(c.snapshot_date_sk as varchar), '%Y%m%d')::date as current_snapshot_date,
        c.snapshot_date_sk as current_snapshot_date_sk
    from (select r.* from periods p join rosters r on r.as_of_date = p.as_of_date) c
    full join (
        select p.as_of_date, r.district_code, r.snapshot_date_sk
        from periods p
        join rosters r on r.as_of_date = p.previous_as_of_date
    ) b on b.as_of_date = c.as_of_date and b.district_code = c.district_code
),

stayed_counts as (
    select as_of_date, district_code, cast(sum(people) as bigint) as stayed
    from flows
    where flow = 'stayed'
    group by as_of_date, district_code
),

move_counts as (
    select
        as_of_date,
        district_code,
        cast(coalesce(sum(people) filter (where flow = 'arrival' and other_district_code is not null), 0) as bigint) as arrived_from_other_districts,
        cast(coalesce(sum(people) filter (where flow = 'arrival' and other_district_code is null), 0) as bigint) as arrived_new_to_city,
        cast(coalesce(sum(people) filter (where flow = 'departure' and other_district_code is not null), 0) as bigint) as left_for_other_districts,
        cast(coalesce(sum(people) filter (where flow = 'departure' and other_district_code is null), 0) as bigint) as left_city_rosters,
        cast(coalesce(sum(people) filter (where flow = 'arrival' and is_other_still_listed), 0) as bigint) as arrived_still_listed_at_origin,
        cast(coalesce(sum(people) filter (where flow <> 'stayed' and has_several_rosters), 0) as bigint) as moves_with_several_rosters
    from flows
    group by as_of_date, district_code
),

by_other as (
    select as_of_date, district_code, flow as direction, other_district_code, cast(sum(people) as bigint) as people
    from flows
    where other_district_code is not null
    group by all
),

other_lists as (
    select
        b.as_of_date,
        b.district_code,
        string_agg(n.district_name || ' ' || b.people, '，' order by b.people desc, b.other_district_code)
            filter (where b.direction = 'arrival') as arrived_from,
        string_agg(n.district_name || ' ' || b.people, '，' order by b.people desc, b.other_district_code)
            filter (where b.direction = 'departure') as left_for
    from by_other b
    left join district_names n on n.district_code = b.other_district_code
    group by b.as_of_date, b.district_code
),

final as (
    select
        p.as_of_date,
        pr.previous_as_of_date,
        p.district_code,
        n.district_name,
        p.previous_snapshot_date,
        p.current_snapshot_date,
        p.previous_snapshot_date_sk is distinct from p.current_snapshot_date_sk as has_new_roster,
        coalesce(bt.people, 0) as previous_total,
        coalesce(ct.people, 0) as current_total,
        cast(case
            when p.previous_snapshot_date_sk is not distinct from p.current_snapshot_date_sk then coalesce(ct.people, 0)
            else coalesce(s.stayed, 0)
        end as bigint) as stayed,
        coalesce(m.arrived_from_other_districts, 0) as arrived_from_other_districts,
        coalesce(m.arrived_new_to_city, 0) as arrived_new_to_city,
        coalesce(m.arrived_from_other_districts, 0) + coalesce(m.arrived_new_to_city, 0) as arrived,
        coalesce(m.left_for_other_districts, 0) as left_for_other_districts,
        coalesce(m.left_city_rosters, 0) as left_city_rosters,
        coalesce(m.left_for_other_districts, 0) + coalesce(m.left_city_rosters, 0) as "left",
        coalesce(m.arrived_from_other_districts, 0) + coalesce(m.arrived_new_to_city, 0)
            - coalesce(m.left_for_other_districts, 0) - coalesce(m.left_city_rosters, 0) as net_inflow,
        o.arrived_from,
        o.left_for,
        coalesce(m.arrived_still_listed_at_origin, 0) as arrived_still_listed_at_origin,
        coalesce(m.moves_with_several_rosters, 0) as moves_with_several_rosters
    from period_districts p
    join periods pr on pr.as_of_date = p.as_of_date
    left join district_names n on n.district_code = p.district_code
    left join snapshot_totals bt on bt.district_code = p.district_code and bt.snapshot_date_sk = p.previous_snapshot_date_sk
    left join snapshot_totals ct on ct.district_code = p.district_code and ct.snapshot_date_sk = p.current_snapshot_date_sk
    left join stayed_counts s on s.as_of_date = p.as_of_date and s.district_code = p.district_code
    left join move_counts m on m.as_of_date = p.as_of_date and m.district_code = p.district_code
    left join other_lists o on o.as_of_date = p.as_of_date and o.district_code = p.district_code
)

select * from final
order by as_of_date, district_code;

comment on view mart.district_talent_flows is '区县人才流动。One row per as-of date (after the first) and district: who stayed on, arrived on or left the district''s roster between the previous as-of date and this one (each district at its latest roster on or before each date). Arrived/left are roster changes: a district without a new roster in the period shows none, and a move to it shows as leaving the city''s rosters until it sends one.';
comment on column mart.district_talent_flows.as_of_date is '统计时点。End of the period: a 31 December or the latest roster date, as in mart.municipal_talent_totals.';
comment on column mart.district_talent_flows.previous_as_of_date is '上一统计时点。Start of the period: the as-of date before as_of_date.';
comment on column mart.district_talent_flows.district_code is '区县代码。GB/T 2260 code of the district.';
comment on column mart.district_talent_flows.district_name is '区县名称。Current official name of the district.';
comment on column mart.district_talent_flows.previous_snapshot_date is '期初花名册日期。The district''s roster carried into previous_as_of_date; null when it had none yet.';
comment on column mart.district_talent_flows.current_snapshot_date is '期末花名册日期。The district''s roster carried into as_of_date; null when its code was abolished in the period.';
comment on column mart.district_talent_flows.has_new_roster is '期内有新花名册。False when the same roster is carried at both dates: then nothing can have moved on it.';
comment on column mart.district_talent_flows.previous_total is '期初人才总量。People on the district''s roster at previous_as_of_date.';
comment on column mart.district_talent_flows.current_total is '期末人才总量。People on the district''s roster at as_of_date.';
comment on column mart.district_talent_flows.stayed is '留存。People on the district''s roster at both dates.';
comment on column mart.district_talent_flows.arrived_from_other_districts is '自外区县流入。People new on the roster who were on another district''s roster at previous_as_of_date (the origin is in arrived_from).';
comment on column mart.district_talent_flows.arrived_new_to_city is '新进入全市花名册。People new on the roster who were on no district''s roster at previous_as_of_date.';
comment on column mart.district_talent_flows.arrived is '流入合计。arrived_from_other_districts + arrived_new_to_city = current_total - stayed.';
comment on column mart.district_talent_flows.left_for_other_districts is '流向外区县。People no longer on the roster who are on another district''s roster at as_of_date (the destination is in left_for).';
comment on column mart.district_talent_flows.left_city_rosters is '离开全市花名册。People no longer on the roster who are on no district''s roster at as_of_date (moved away, retired, or moved to a district whose roster lags).';
comment on column mart.district_talent_flows."left" is '流出合计。left_for_other_districts + left_city_rosters = previous_total - stayed.';
comment on column mart.district_talent_flows.net_inflow is '人才净流入。arrived - left = current_total - previous_total.';
comment on column mart.district_talent_flows.arrived_from is '流入来源。Origin districts of arrived_from_other_districts with their counts, largest first.';
comment on column mart.district_talent_flows.left_for is '流出去向。Destination districts of left_for_other_districts with their counts, largest first.';
comment on column mart.district_talent_flows.arrived_still_listed_at_origin is '来源地仍在册。Arrivals from another district whose origin roster still lists them at as_of_date (the origin''s roster lags, or they are on both).';
comment on column mart.district_talent_flows.moves_with_several_rosters is '多地在册的流动。Arrivals and departures of people with more than one candidate origin or destination (on several rosters at once); each is attributed to one (sql/aggregates/084_agg_talent_flow.sql says how).';
