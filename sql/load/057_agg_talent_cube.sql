-- Refresh the cube aggregate (dw.agg_talent_cube, read by mart.talent_cube) for the snapshots this
-- load wrote, by the macro dw.talent_cube_of (sql/migrations/R__dw_talent_cube_of.sql).
-- reads: replaced_snapshots, talent_rows (050); writes: dw.agg_talent_cube
delete from dw.agg_talent_cube a
where exists (
    select 1 from replaced_snapshots r
    where r.district_sk = a.district_sk and r.snapshot_date_sk = a.snapshot_date_sk
);

insert into dw.agg_talent_cube
select * from dw.talent_cube_of('talent_rows');
