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
select district_sk, snapshot_date_sk, category_sk, count(*)
from (select district_sk, snapshot_date_sk, unnest(category_sks) as category_sk from talent_rows)
group by all;
