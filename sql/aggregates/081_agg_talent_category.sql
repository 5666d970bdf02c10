-- dw.agg_talent_category refreshed for the snapshots this load wrote: people per talent category
-- (categories overlap, so they add up to more than the talent total).
-- grain: one row per district per roster snapshot per talent category; DDL: V014.
-- reads: replaced_snapshots (030_feed_keys), roster_profiles (040_fct_talent_snapshot)
-- writes: dw.agg_talent_category
delete from dw.agg_talent_category a
where exists (
    select 1 from replaced_snapshots r
    where r.district_sk = a.district_sk and r.snapshot_date_sk = a.snapshot_date_sk
);

-- from this load's roster rows counted per profile (its category list whole)
insert into dw.agg_talent_category
select district_sk, snapshot_date_sk, category_sk, sum(people)::bigint
from (select district_sk, snapshot_date_sk, unnest(category_sks) as category_sk, people from roster_profiles)
group by all;
