-- mart.talent_cube adds up to the roster facts for the snapshots this run loaded: its rows of
-- category 'all' to the people per talent tier, its other rows to the people per category (the
-- aggregates these are compared with are themselves tested against the facts).
with this_run as (
    select * from ops.last_run_snapshots
),

snapshots as (
    select
        k.district_sk,
        k.snapshot_date_sk,
        d.district_code,
        strptime(cast(k.snapshot_date_sk as varchar), '%Y%m%d')::date as snapshot_date
    from this_run k
    join dw.dim_district d on d.district_sk = k.district_sk
),

cube as (
    select c.*
    from mart.talent_cube c
    semi join snapshots s on s.district_code = c.district_code and s.snapshot_date = c.snapshot_date
),

cube_by_level as (
    select district_code, snapshot_date, coalesce(talent_level_code, '(none)') as talent_level_code, sum(people) as people
    from cube
    where category_code = 'all'
    group by all
),

facts_by_level as (
    select s.district_code, s.snapshot_date, coalesce(l.talent_level_code, '(none)') as talent_level_code, sum(a.people) as people
    from dw.agg_talent_snapshot a
    join snapshots s on s.district_sk = a.district_sk and s.snapshot_date_sk = a.snapshot_date_sk
    left join dw.dim_talent_level l on l.talent_level_sk = a.talent_level_sk
    group by all
),

cube_by_category as (
    select district_code, snapshot_date, category_code, sum(people) as people
    from cube
    where category_code <> 'all'
    group by all
),

facts_by_category as (
    select s.district_code, s.snapshot_date, k.category_code, sum(a.people) as people
    from dw.agg_talent_category a
    join snapshots s on s.district_sk = a.district_sk and s.snapshot_date_sk = a.snapshot_date_sk
    join dw.dim_talent_category k on k.category_sk = a.category_sk
    group by all
),

final as (
    select 'people by talent tier' as problem, district_code, snapshot_date, talent_level_code as member
    from cube_by_level c
    full outer join facts_by_level f using (district_code, snapshot_date, talent_level_code)
    where c.people is distinct from f.people
    union all
    select 'people by category', district_code, snapshot_date, category_code
    from cube_by_category c
    full outer join facts_by_category f using (district_code, snapshot_date, category_code)
    where c.people is distinct from f.people
)

select * from final;
