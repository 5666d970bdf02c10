-- grain: one row per as-of date: every 31 December from the year of the first roster snapshot on,
-- and the latest roster snapshot date (the current picture, is_latest). Year ends keep the series
-- regular and its cost bounded (each row counts every roster once), and match how totals are
-- published (截至某年底). Each row is the municipal picture on that date: every district enters with
-- its latest roster snapshot on or before as_of_date (carried forward), except a district whose code
-- was abolished before as_of_date (江北区 and 渝北区 after 2025-11-05), which is not carried past its
-- end. sum_of_district_totals adds the district totals (a person on two rosters counts twice);
-- distinct_talents counts each person once.
-- Districts' snapshot dates differ, so a row generally mixes points in time: where
-- oldest_snapshot_date < as_of_date, distinct_talents is "people on the latest rosters known on
-- that date", not a census on that date (someone who moved between districts between their
-- snapshots counts once here but in both district totals). A row is a point-in-time total only
-- where districts_snapshot_on_as_of_date = districts_included.
create or replace view mart.municipal_talent_totals as
with snapshot_totals as (
    select * from dw.int_talent_totals
),

shared_people as (
    select * from dw.agg_multi_district_person
),

-- each district's roster on each as-of date
carried as (
    select * from dw.roster_as_of
),

district_sums as (
    select c.as_of_date, sum(t.talent_total) as sum_of_district_totals
    from carried c
    join snapshot_totals t on t.district_code = c.district_code and t.snapshot_date_sk = c.snapshot_date_sk
    group by c.as_of_date
),

-- only people on several districts' rosters need person-level work: everyone else counts once
shared_counts as (
    select
        c.as_of_date,
        p.person_sk,
        count(distinct c.district_code) as districts
    from carried c
    join shared_people p on p.district_code = c.district_code and p.snapshot_date_sk = c.snapshot_date_sk
    group by c.as_of_date, p.person_sk
),

people_totals as (
    select
        s.as_of_date,
        s.sum_of_district_totals,
        s.sum_of_district_totals - coalesce(sum(x.districts - 1), 0) as distinct_talents,
        count(x.person_sk) filter (where x.districts > 1) as talents_on_several_rosters
    from district_sums s
    left join shared_counts x on x.as_of_date = s.as_of_date
    group by s.as_of_date, s.sum_of_district_totals
),

coverage as (
    select
        as_of_date,
        count(*) as districts_included,
        count(*) filter (where snapshot_date = as_of_date) as districts_snapshot_on_as_of_date,
        min(snapshot_date) as oldest_snapshot_date
    from carried
    group by as_of_date
),

final as (
    select
        c.as_of_date,
        c.as_of_date = max(c.as_of_date) over () as is_latest,
        c.districts_included,
        c.districts_snapshot_on_as_of_date,
        c.oldest_snapshot_date,
        c.as_of_date - c.oldest_snapshot_date as snapshot_spread_days,
        cast(p.sum_of_district_totals as bigint) as sum_of_district_totals,
        cast(p.distinct_talents as bigint) as distinct_talents,
        cast(p.sum_of_district_totals - p.distinct_talents as bigint) as counted_in_several_districts,
        p.talents_on_several_rosters
    from coverage c
    join people_totals p on p.as_of_date = c.as_of_date
)

select * from final
order by as_of_date;

comment on view mart.municipal_talent_totals is '全市人才资源总量（区县合计与去重人数）。One row per as-of date (every 31 December since the first roster, and the latest roster date): the sum of district totals beside distinct people across districts, each district entering with its latest roster on or before that date; the dates mix unless districts_snapshot_on_as_of_date = districts_included.';
comment on column mart.municipal_talent_totals.as_of_date is '统计时点。31 December of each year since the first roster snapshot, or the latest roster snapshot date; districts without a snapshot that day enter with their latest earlier one.';
comment on column mart.municipal_talent_totals.is_latest is '是否最新。True for the latest as-of date: every district at its latest roster, as in mart.district_talent_totals.';
comment on column mart.municipal_talent_totals.districts_included is '纳入区县数。Districts with a roster snapshot on or before as_of_date (an abolished code is not carried past its end).';
comment on column mart.municipal_talent_totals.districts_snapshot_on_as_of_date is '当日有花名册的区县数。Districts whose snapshot is dated exactly as_of_date; equal to districts_included only for a point-in-time total.';
comment on column mart.municipal_talent_totals.oldest_snapshot_date is '最早花名册日期。The oldest district snapshot carried into this row.';
comment on column mart.municipal_talent_totals.snapshot_spread_days is '时点跨度（天）。as_of_date - oldest_snapshot_date: how far apart the combined rosters are; 0 for a point-in-time total.';
comment on column mart.municipal_talent_totals.sum_of_district_totals is '区县人才总量之和。Sum of the districts'' talent totals: a person on two districts'' rosters counts twice.';
comment on column mart.municipal_talent_totals.distinct_talents is '全市去重人才数。Distinct people across the included rosters: a person on several districts'' rosters counts once.';
comment on column mart.municipal_talent_totals.counted_in_several_districts is '重复计数。sum_of_district_totals - distinct_talents: the extra counts of people on more than one roster.';
comment on column mart.municipal_talent_totals.talents_on_several_rosters is '跨区县人才数。Distinct people on two or more of the included districts'' rosters.';
