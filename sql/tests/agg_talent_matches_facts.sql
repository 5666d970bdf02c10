-- queue: first (it reads the run's roster facts: WarehouseTests hands it out before the small tests)
-- the roster aggregates the marts read equal the facts, for the snapshots this run loaded (the only
-- ones a run rewrites, sql/load/055). The run's facts are read once, and their categories spread
-- from them: dw.fct_talent_category would spread every snapshot's before the run's were picked.
with this_run as (
    select * from ops.last_run_snapshots
),

-- not materialized: read twice, which costs less than a copy of millions of fact rows and their lists
run_facts as not materialized (
    select t.district_sk, t.snapshot_date_sk, t.is_high_level, t.is_high_skill, t.category_sks
    from dw.fct_talent_snapshot t
    semi join this_run k on k.district_sk = t.district_sk and k.snapshot_date_sk = t.snapshot_date_sk
),

facts as (
    select district_sk, snapshot_date_sk, count(*) as people,
        count(*) filter (where is_high_level) as high_level, count(*) filter (where is_high_skill) as high_skill
    from run_facts
    group by all
),

aggregates as (
    select a.district_sk, a.snapshot_date_sk, sum(a.people) as people,
        sum(a.people) filter (where a.is_high_level) as high_level,
        sum(a.people) filter (where a.is_high_skill) as high_skill
    from dw.agg_talent_snapshot a
    semi join this_run k on k.district_sk = a.district_sk and k.snapshot_date_sk = a.snapshot_date_sk
    group by all
),

category_facts as (
    select district_sk, snapshot_date_sk, category_sk, count(*) as people
    from (select district_sk, snapshot_date_sk, unnest(category_sks) as category_sk from run_facts)
    group by all
),

category_aggregates as (
    select a.district_sk, a.snapshot_date_sk, a.category_sk, a.people
    from dw.agg_talent_category a
    semi join this_run k on k.district_sk = a.district_sk and k.snapshot_date_sk = a.snapshot_date_sk
)

select 'roster' as aggregate, f.district_sk, f.snapshot_date_sk
from facts f
full outer join aggregates a using (district_sk, snapshot_date_sk)
where f.people is distinct from a.people or coalesce(f.high_level, 0) is distinct from coalesce(a.high_level, 0)
    or coalesce(f.high_skill, 0) is distinct from coalesce(a.high_skill, 0)
union all
select 'category', f.district_sk, f.snapshot_date_sk
from category_facts f
full outer join category_aggregates a using (district_sk, snapshot_date_sk, category_sk)
where f.people is distinct from a.people;
