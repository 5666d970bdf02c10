-- dw.agg_talent_cube (read by mart.talent_cube) refreshed for the snapshots this load wrote, by the
-- macro dw.talent_cube_of (sql/migrations/R__dw_talent_cube_of.sql).
-- grain: one row per district per roster snapshot per talent category (is_all: once more for every
--   person) per education, 职称, skill level, talent tier, gender and age band; DDL: V019.
-- reads: replaced_snapshots (030_feed_keys), talent_rows (040_fct_talent_snapshot), dw.dim_person
-- writes: dw.agg_talent_cube; temp table cube_run_rows (this script only)
-- Written in snapshot order, so that the delete of the next load that replaces a few snapshots
-- skips the row groups of every other snapshot kept (DuckDB's min/max per row group) instead of
-- reading the whole cube, as the fact deletes already do: facts are written in the staged files'
-- order.
delete from dw.agg_talent_cube a
where exists (
    select 1 from replaced_snapshots r
    where r.district_sk = a.district_sk and r.snapshot_date_sk = a.snapshot_date_sk
);

-- A load that wrote a small part of the facts (a night) copies its rows into a temp table first:
-- DuckDB then knows how few they are and looks their people up in dw.dim_person, where over the
-- view talent_rows it guessed them more than every person kept on a long history and hashed the
-- whole dimension instead. A large load reads the view (a copy of most facts would only cost).
set variable cube_large_load = (select count(*) from talent_rows) * 2 > (select count(*) from dw.fct_talent_snapshot);

create or replace temp table cube_run_rows as
select * from talent_rows where not getvariable('cube_large_load');

insert into dw.agg_talent_cube
select * from dw.talent_cube_of('cube_run_rows')
order by snapshot_date_sk, district_sk;

insert into dw.agg_talent_cube
select * from dw.talent_cube_of('talent_rows')
where getvariable('cube_large_load')
order by snapshot_date_sk, district_sk;
