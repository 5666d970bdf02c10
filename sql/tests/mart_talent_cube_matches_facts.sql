-- mart.talent_cube adds up to the roster facts for the snapshots this run loaded: the cube aggregate
-- it labels (dw.agg_talent_cube, one mart row per aggregate row) counts, in its rows of category
-- 'all', the people per talent tier, and in its other rows the people per category (the aggregates
-- compared with are themselves tested against the facts). The aggregate is read, not the view: the
-- run's snapshots are picked by their keys before anything is joined, where the view's dates are
-- computed (docs/scaling-decisions.md: the view over every snapshot grew with history).
with this_run as (
    select * from ops.last_run_snapshots
),

cube as (
    select c.district_sk, c.snapshot_date_sk, c.is_all, c.category_sk, c.talent_level_sk, c.people
    from dw.agg_talent_cube c
    semi join this_run k on k.district_sk = c.district_sk and k.snapshot_date_sk = c.snapshot_date_sk
),

-- people without a tier have no talent_level_sk: -1 stands for it, as nulls never join
cube_by_level as (
    select district_sk, snapshot_date_sk, coalesce(talent_level_sk, -1) as talent_level_sk, sum(people) as people
    from cube
    where is_all
    group by all
),

facts_by_level as (
    select a.district_sk, a.snapshot_date_sk, coalesce(a.talent_level_sk, -1) as talent_level_sk, sum(a.people) as people
    from dw.agg_talent_snapshot a
    semi join this_run k on k.district_sk = a.district_sk and k.snapshot_date_sk = a.snapshot_date_sk
    group by all
),

cube_by_category as (
    select district_sk, snapshot_date_sk, category_sk, sum(people) as people
    from cube
    where not is_all
    group by all
),

facts_by_category as (
    select a.district_sk, a.snapshot_date_sk, a.category_sk, sum(a.people) as people
    from dw.agg_talent_category a
    semi join this_run k on k.district_sk = a.district_sk and k.snapshot_date_sk = a.snapshot_date_sk
    group by all
),

final as (
    select 'people by talent tier' as problem, district_sk, snapshot_date_sk, talent_level_sk as member_sk
    from cube_by_level c
    full outer join facts_by_level f using (district_sk, snapshot_date_sk, talent_level_sk)
    where c.people is distinct from f.people
    union all
    select 'people by category', district_sk, snapshot_date_sk, category_sk
    from cube_by_category c
    full outer join facts_by_category f using (district_sk, snapshot_date_sk, category_sk)
    where c.people is distinct from f.people
)

select * from final;
