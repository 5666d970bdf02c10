-- dw.agg_talent_category refreshed for the snapshots this load wrote: people per talent category
-- (categories overlap, so they add up to more than the talent total).
-- grain: one row per district per roster snapshot per talent category; DDL: V014.
-- reads: replaced_snapshots (030_feed_keys), talent_rows (040_fct_talent_snapshot)
-- writes: dw.agg_talent_category
delete from dw.agg_talent_category a
where exists (
    select 1 from replaced_snapshots r
    where r.district_sk = a.district_sk and r.snapshot_date_sk = a.snapshot_date_sk
);

insert into dw.agg_talent_category
select district_sk, snapshot_date_sk, category_sk, count(*)
from (select district_sk, snapshot_date_sk, unnest(category_sks) as category_sk from talent_rows)
group by all;
