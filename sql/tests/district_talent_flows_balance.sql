-- flows balance: everyone on the previous roster stayed or left, everyone on the current one
-- stayed or arrived; each district has one row per period
select as_of_date, district_code, previous_total, current_total, stayed, arrived, "left"
from mart.district_talent_flows
where stayed + "left" <> previous_total
    or stayed + arrived <> current_total
    or net_inflow <> current_total - previous_total
    or (not has_new_roster and (arrived <> 0 or "left" <> 0))
union all
select as_of_date, district_code, count(*), null, null, null, null
from mart.district_talent_flows
group by as_of_date, district_code
having count(*) > 1;
