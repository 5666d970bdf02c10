-- dw.agg_talent_snapshot refreshed for the snapshots this load wrote (facts are one row per person,
-- so counting rows counts people), from this load's roster rows counted per profile.
-- grain: one row per district per roster snapshot per talent level, is_high_level and
--   is_high_skill; DDL: V014.
-- reads: replaced_snapshots (030_feed_keys), roster_profiles (040_fct_talent_snapshot)
-- writes: dw.agg_talent_snapshot
delete from dw.agg_talent_snapshot a
where exists (
    select 1 from replaced_snapshots r
    where r.district_sk = a.district_sk and r.snapshot_date_sk = a.snapshot_date_sk
);

insert into dw.agg_talent_snapshot
select district_sk, snapshot_date_sk, talent_level_sk, is_high_level, is_high_skill, sum(people)::bigint
from roster_profiles
group by all;
