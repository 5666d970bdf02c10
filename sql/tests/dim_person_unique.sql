-- unique and not null: person_sk and person_id. A load adds people only from the rosters it wrote,
-- so a duplicate always involves a person on one of this run's snapshots. When this run loaded a
-- small part of the warehouse, only those people are looked up in the whole dimension; otherwise
-- the whole dimension is grouped, which is cheaper then.
-- Person keys are numbered 1..N: if the N rows cover N different values of 1..max, they are all
-- different, which a join against that range tells faster than grouping the keys; only when they do
-- not is the dimension grouped by key, to name the keys used twice.
-- The run's people are taken into a variable first: as a list of known length they are the small
-- side of the lookup, where a join on the facts was planned the other way round on a long history
-- (every person of the dimension hashed to look up one night's roster).
set variable run_people = (
    with this_run as (
        select * from ops.last_run_snapshots
    ),

    run_rows as (
        select t.person_sk
        from dw.fct_talent_snapshot t
        semi join this_run k on k.district_sk = t.district_sk and k.snapshot_date_sk = t.snapshot_date_sk
    )

    -- null: the run wrote most of the facts, and the whole dimension is grouped
    select case when count(*) * 2 > (select count(*) from dw.fct_talent_snapshot) then null
        else coalesce(list(person_sk), []) end
    from run_rows
);

with scope as (
    select getvariable('run_people') is null as is_whole
),

person_keys as (
    select count(*) as n, coalesce(max(person_sk), 0) as highest from dw.dim_person
),

keys_in_range as (
    -- an empty range when only this run's people are checked: the count is not needed then
    select count(*) as n
    from range(1, case when (select is_whole from scope) then (select highest from person_keys) + 1 else 1 end) r(person_sk)
    semi join dw.dim_person p on p.person_sk = r.person_sk
),

key_used_twice as (
    select (select n from person_keys) > (select n from keys_in_range) as suspected
),

candidates as (
    select p.person_sk, p.person_id
    from dw.dim_person p
    semi join (select unnest(coalesce(getvariable('run_people'), [])) as person_sk) r on r.person_sk = p.person_sk
),

final as (
    select cast(person_id as varchar) as person_key, count(*) as n
    from dw.dim_person where (select is_whole from scope) group by person_id having count(*) > 1
    union all
    select cast(person_sk as varchar), count(*)
    from dw.dim_person where (select is_whole from scope) and (select suspected from key_used_twice)
    group by person_sk having count(*) > 1
    union all
    select cast(p.person_id as varchar), count(*)
    from dw.dim_person p semi join candidates c on c.person_id = p.person_id group by p.person_id having count(*) > 1
    union all
    select cast(p.person_sk as varchar), count(*)
    from dw.dim_person p semi join candidates c on c.person_sk = p.person_sk group by p.person_sk having count(*) > 1
    union all
    select 'null person_id', count(*) from dw.dim_person where person_id is null having count(*) > 0
)

select * from final;
