-- grain: one row per as-of date (after the first) per origin × destination pair with at least one
-- person: origin is the district a person was on at previous_as_of_date (null: new to the city's
-- rosters), destination the district they are on at as_of_date (null: left the city's rosters).
-- Each arrival of mart.district_talent_flows counts once in `arrivals` of its destination's rows,
-- each departure once in `departures` of its origin's rows (a move between two districts is both,
-- in one row). A person on several rosters at once may appear in several rows: `people` counts
-- distinct people per row. Rosters lag; see mart.district_talent_flows for what that means.
create or replace view mart.municipal_talent_flows as
with pairs as (
    select * from dw.agg_talent_flow_pair
),

rosters as (
    select * from dw.agg_flow_roster
),

district_names as (
    select * from dw.district_current
),

periods as (
    select distinct as_of_date, previous_as_of_date from rosters where previous_as_of_date is not null
),

final as (
    select
        c.as_of_date,
        p.previous_as_of_date,
        c.origin_district_code,
        coalesce(o.district_name, '（新进入全市花名册）') as origin_district_name,
        c.destination_district_code,
        coalesce(d.district_name, '（离开全市花名册）') as destination_district_name,
        c.people,
        c.arrivals,
        c.departures
    from pairs c
    join periods p on p.as_of_date = c.as_of_date
    left join district_names o on o.district_code = c.origin_district_code
    left join district_names d on d.district_code = c.destination_district_code
)

select * from final
order by as_of_date, origin_district_code nulls first, destination_district_code nulls last;

comment on view mart.municipal_talent_flows is '全市人才流向矩阵。One row per as-of date (after the first) and origin × destination: people whose roster moved from the origin district (or from no roster) to the destination district (or to none) between the previous as-of date and this one.';
comment on column mart.municipal_talent_flows.as_of_date is '统计时点。End of the period, as in mart.district_talent_flows.';
comment on column mart.municipal_talent_flows.previous_as_of_date is '上一统计时点。Start of the period.';
comment on column mart.municipal_talent_flows.origin_district_code is '来源区县代码。District whose roster listed the person at previous_as_of_date; null for people new to the city''s rosters.';
comment on column mart.municipal_talent_flows.origin_district_name is '来源区县。Current name of the origin, or （新进入全市花名册）.';
comment on column mart.municipal_talent_flows.destination_district_code is '去向区县代码。District whose roster lists the person at as_of_date; null for people who left the city''s rosters.';
comment on column mart.municipal_talent_flows.destination_district_name is '去向区县。Current name of the destination, or （离开全市花名册）.';
comment on column mart.municipal_talent_flows.people is '人数。Distinct people in this origin × destination pair.';
comment on column mart.municipal_talent_flows.arrivals is '计入流入人数。Of them, counted as arrivals of the destination in mart.district_talent_flows (summed over origins: the destination''s arrived).';
comment on column mart.municipal_talent_flows.departures is '计入流出人数。Of them, counted as departures of the origin in mart.district_talent_flows (summed over destinations: the origin''s left).';
