-- Per district snapshot aggregates of the roster facts, maintained by every load for the snapshots
-- it writes: the marts read these instead of millions of fact rows (under 100 ms at city scale).
-- grain: one row per district per roster snapshot per talent tier per high-level and high-skill flag.
create table dw.agg_talent_snapshot (
    district_sk integer not null,
    snapshot_date_sk integer not null,
    talent_level_sk integer,
    is_high_level boolean not null,
    is_high_skill boolean not null,
    people bigint not null
);

-- grain: one row per district per roster snapshot per talent category.
create table dw.agg_talent_category (
    district_sk integer not null,
    snapshot_date_sk integer not null,
    category_sk integer not null,
    people bigint not null
);

insert into dw.agg_talent_snapshot
select district_sk, snapshot_date_sk, talent_level_sk, is_high_level, is_high_skill, count(*)
from dw.fct_talent_snapshot
group by all;

insert into dw.agg_talent_category
select district_sk, snapshot_date_sk, category_sk, count(*)
from dw.fct_talent_category
group by all;
