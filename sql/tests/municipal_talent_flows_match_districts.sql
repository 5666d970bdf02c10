-- the origin × destination matrix adds up to each district's arrivals (by origin) and departures
-- (by destination), and its pairs are unique per period
with flows as (
    select * from mart.district_talent_flows
),

matrix as (
    select * from mart.municipal_talent_flows
),

arrivals as (
    select as_of_date, destination_district_code as district_code,
        sum(arrivals) filter (where origin_district_code is not null) as from_other,
        sum(arrivals) filter (where origin_district_code is null) as new_to_city
    from matrix where destination_district_code is not null group by all
),

departures as (
    select as_of_date, origin_district_code as district_code,
        sum(departures) filter (where destination_district_code is not null) as to_other,
        sum(departures) filter (where destination_district_code is null) as left_city
    from matrix where origin_district_code is not null group by all
)

select f.as_of_date, f.district_code
from flows f
left join arrivals a using (as_of_date, district_code)
left join departures d using (as_of_date, district_code)
where f.arrived_from_other_districts <> coalesce(a.from_other, 0)
    or f.arrived_new_to_city <> coalesce(a.new_to_city, 0)
    or f.left_for_other_districts <> coalesce(d.to_other, 0)
    or f.left_city_rosters <> coalesce(d.left_city, 0)
union all
select as_of_date, coalesce(origin_district_code, '-') || '>' || coalesce(destination_district_code, '-')
from matrix
group by as_of_date, origin_district_code, destination_district_code
having count(*) > 1;
