-- every published figure is either computed from a feed or says why not: an indicator marked
-- computable must be one the warehouse computes (else it would silently count 0), and a figure that
-- is not computable must name what is missing
with reported as (
    select * from seed.reported_indicators
),

computable_names as (
    select unnest(['talent_total', 'high_level_total', 'specialized_sme', 'flow.net_inflow']) as indicator
    union all
    select 'high_level.' || talent_level_code from dw.dim_talent_level where is_high_level
    union all
    select 'category.' || category_code from dw.dim_talent_category
    union all
    select qualification_code from dw.dim_qualification
    union all
    select 'program.' || programme_code from dw.dim_programme
    union all
    select 'program.' || programme_code || '.master_and_above' from dw.dim_programme
    union all
    select 'program.' || tier_code from dw.dim_programme_tier
    union all
    select 'platform.' || t.platform_type_code || '.' || l.level
    from dw.dim_platform_type t
    cross join (select platform_level_code as level from dw.dim_platform_level union all select 'all') l
)

select r.indicator_id, r.indicator, r.computable, r.reason
from reported r
where (r.computable = 'true' and r.indicator not in (select indicator from computable_names))
    or (r.computable <> 'true' and coalesce(trim(r.reason), '') = '')
union all
select indicator_id, indicator, status, reason
from mart.reported_vs_computed
where status in ('not computable', 'no data') and reason is null;
