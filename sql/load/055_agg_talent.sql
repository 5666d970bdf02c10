-- Refresh the roster aggregates of the snapshots this load wrote (facts are one row per person,
-- so counting rows counts people).
delete from dw.agg_talent_snapshot a
where exists (
    select 1 from replaced_snapshots r
    where r.district_sk = a.district_sk and r.snapshot_date_sk = a.snapshot_date_sk
);

delete from dw.agg_talent_category a
where exists (
    select 1 from replaced_snapshots r
    where r.district_sk = a.district_sk and r.snapshot_date_sk = a.snapshot_date_sk
);

insert into dw.agg_talent_snapshot
select district_sk, snapshot_date_sk, talent_level_sk, is_high_level, is_high_skill, count(*)
from talent_rows
group by all;

insert into dw.agg_talent_category
select t.district_sk, t.snapshot_date_sk, t.category_sk, count(*)
from dw.fct_talent_category t
semi join feed_keys k on k.district_sk = t.district_sk and k.snapshot_date_sk = t.snapshot_date_sk
group by all;
