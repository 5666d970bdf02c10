-- accepted values, relationships and grain of the flow aggregates the load keeps: flows are
-- stayed / arrival / departure of a known district from or to a known other district (or none);
-- one row per grain; every as-of date is one the stored rosters carry; counts are positive
with flows as (
    select * from dw.agg_talent_flow
),

codes as (
    select distinct district_code from dw.dim_district
)

select 'flow ' || flow as broken from flows where flow not in ('stayed', 'arrival', 'departure')
union all
select 'district ' || district_code from flows where district_code not in (select district_code from codes)
union all
select 'other district ' || other_district_code from flows
where other_district_code is not null and other_district_code not in (select district_code from codes)
union all
select 'stayed with another district' from flows where flow = 'stayed' and other_district_code is not null
union all
select 'not positive ' || district_code from flows where people <= 0
union all
select 'duplicate ' || district_code from flows
group by as_of_date, district_code, flow, other_district_code, is_other_still_listed, has_several_rosters
having count(*) > 1
union all
select 'as-of date ' || as_of_date from flows
where as_of_date not in (select as_of_date from dw.agg_flow_roster where previous_as_of_date is not null)
union all
select 'pair ' || coalesce(origin_district_code, '-') || '>' || coalesce(destination_district_code, '-')
from dw.agg_talent_flow_pair
group by as_of_date, origin_district_code, destination_district_code
having count(*) > 1 or min(people) <= 0
union all
select 'overlap larger than a roster ' || o.district_code
from dw.agg_roster_overlap o
join (
    select d.district_code, t.snapshot_date_sk, sum(t.people) as people
    from dw.agg_talent_snapshot t join dw.dim_district d on d.district_sk = t.district_sk
    group by all
) c on c.district_code = o.district_code and c.snapshot_date_sk = o.current_snapshot_date_sk
where o.people > c.people or o.people < 0;
