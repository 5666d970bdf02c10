-- queue: first (it reads the run's roster facts: WarehouseTests hands it out before the small tests)
-- One row per person per talent category per district per roster snapshot: a roster row holds each
-- category once. Categories live in the fact row as a list kept sorted, so "each once" is "strictly
-- increasing" — a check along each list instead of grouping ten million category rows.
with this_run as (
    select * from ops.last_run_snapshots
),

talent as (
    select t.snapshot_date_sk, t.district_sk, t.person_sk, t.category_sks
    from dw.fct_talent_snapshot t
    semi join this_run k on k.district_sk = t.district_sk and k.snapshot_date_sk = t.snapshot_date_sk
    where len(t.category_sks) > 1
),

final as (
    select snapshot_date_sk, district_sk, person_sk, category_sks
    from talent
    where list_bool_or(list_transform(range(1, len(category_sks)),
        lambda i: category_sks[i] is null or category_sks[i + 1] is null or category_sks[i] >= category_sks[i + 1]))
)

select * from final;
