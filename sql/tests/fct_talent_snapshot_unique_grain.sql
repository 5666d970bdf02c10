-- queue: first (it reads the run's roster facts: WarehouseTests hands it out before the small tests)
-- unique: one row per person per district per snapshot — checked on the snapshots this run
-- loaded (the others were checked when they were loaded, and a run never touches them).
-- Each snapshot's rows are counted against a bitmap of their person keys: a snapshot whose rows
-- cover fewer keys than it has rows holds someone twice, and only such snapshots are grouped by
-- person to name them (city scale: grouping every row by person was 0.7 s, the bitmaps 0.15 s).
-- bitstring_agg takes the key range as constants, hence the variable; with keys far sparser than
-- rows (never so far: they are numbered 1..N) a bitmap would waste memory, and every snapshot of
-- the run is grouped instead.
set variable fct_talent_grain = (
    select {
        'low': coalesce(min(t.person_sk), 0),
        'high': coalesce(max(t.person_sk), 0),
        'is_dense': coalesce(max(t.person_sk) - min(t.person_sk), 0) < 64 * count(*) + 1024
    }
    from dw.fct_talent_snapshot t
    semi join ops.last_run_snapshots k on k.district_sk = t.district_sk and k.snapshot_date_sk = t.snapshot_date_sk
);

with this_run as (
    select * from ops.last_run_snapshots
),

-- not materialized: read twice, which costs less than a copy of millions of fact rows
run_rows as not materialized (
    select t.snapshot_date_sk, t.district_sk, t.person_sk
    from dw.fct_talent_snapshot t
    semi join this_run k on k.district_sk = t.district_sk and k.snapshot_date_sk = t.snapshot_date_sk
),

suspect_snapshots as (
    select snapshot_date_sk, district_sk
    from run_rows
    where getvariable('fct_talent_grain').is_dense
    group by snapshot_date_sk, district_sk
    having count(person_sk) <> bit_count(bitstring_agg(person_sk,
        getvariable('fct_talent_grain').low, getvariable('fct_talent_grain').high))
    union all
    select snapshot_date_sk, district_sk
    from this_run
    where not getvariable('fct_talent_grain').is_dense
),

final as (
    select r.snapshot_date_sk, r.district_sk, r.person_sk, count(*) as n
    from run_rows r
    semi join suspect_snapshots s on s.snapshot_date_sk = r.snapshot_date_sk and s.district_sk = r.district_sk
    group by all
    having count(*) > 1
)

select * from final;
