-- queue: first (it reads the run's cube rows: WarehouseTests hands it out before the small tests)
-- mart.talent_cube keeps its stated grain (one row per district per roster snapshot per category per attribute combination) and names only divisions of dw.dim_district.
-- Checked on the districts and roster dates this run loaded: a run rewrites only their cube rows
-- (sql/load/057), and the view over every snapshot grows with the history kept. The codes, given as
-- constants, reach the cube's scan through the district join; the view's dates are computed.
set variable run_districts = (
    select {
        'codes': coalesce(list(distinct d.district_code), []),
        'dates': coalesce(list(distinct strptime(cast(k.snapshot_date_sk as varchar), '%Y%m%d')::date), [])
    }
    from ops.last_run_snapshots k
    join dw.dim_district d on d.district_sk = k.district_sk
);

with mart_rows as (
    select * from mart.talent_cube
    where list_contains(getvariable('run_districts').codes, district_code)
        and list_contains(getvariable('run_districts').dates, snapshot_date)
)

select * from ops.duplicated_grain('mart_rows', ['district_code', 'snapshot_date', 'category_code', 'education_code', 'title_code', 'skill_level_code', 'talent_level_code', 'gender', 'age_band'])
union all
select * from ops.unknown_districts('mart_rows', 'district_code');
