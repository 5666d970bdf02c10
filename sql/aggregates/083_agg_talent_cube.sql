-- dw.agg_talent_cube (read by mart.talent_cube) refreshed for the snapshots this load wrote, by the
-- macro dw.talent_cube_of (sql/migrations/R__dw_talent_cube_of.sql).
-- grain: one row per district per roster snapshot per talent category (is_all: once more for every
--   person) per education, 职称, skill level, talent tier, gender and age band; DDL: V019.
-- reads: replaced_snapshots (030_feed_keys), talent_rows (040_fct_talent_snapshot), dw.dim_person
-- writes: dw.agg_talent_cube
-- Written in snapshot order, so that the delete of the next load that replaces a few snapshots
-- skips the row groups of every other snapshot kept (DuckDB's min/max per row group) instead of
-- reading the whole cube, as the fact deletes already do: facts are written in the staged files'
-- order.
delete from dw.agg_talent_cube a
where exists (
    select 1 from replaced_snapshots r
    where r.district_sk = a.district_sk and r.snapshot_date_sk = a.snapshot_date_sk
);

insert into dw.agg_talent_cube
select * from dw.talent_cube_of('talent_rows')
order by snapshot_date_sk, district_sk;
