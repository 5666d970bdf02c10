-- unique and not null: person_sk and person_id. A load adds people only from the rosters it wrote,
-- so a duplicate always involves a person on one of this run's snapshots. When this run loaded a
-- small part of the warehouse, only those people are looked up in the whole dimension; otherwise
-- the whole dimension is checked, which is cheaper then.
-- Person keys are numbered 1..N: the keys set in a bitmap of min..max (bitstring_agg) are as many as
-- the rows when they are all different, which is cheaper to tell than grouping or joining the keys;
-- only when they are not (or are too sparse for a bitmap) is the dimension grouped by key, to name
-- the keys used twice. Person ids are compared in order by their 64-bit hashes: a sort of the
-- hashes, each next to its predecessor, costs less than a sort of the UUIDs and a fraction of
-- grouping millions of them. Different hashes are different ids, so only the ids of a hash that
-- follows itself (an id there twice, or a rare collision) are then grouped, to tell and name them.
-- The run's people are taken into a variable: as a list of known length they are the small side
-- of the lookup, where a join on the facts was planned the other way round on a long history
-- (every person of the dimension hashed to look up one night's roster).
-- The whole dimension is checked when the run wrote most of the facts (cheaper then).
set variable dim_person_whole = (
    select count(*) * 2 > (select count(*) from dw.fct_talent_snapshot)
    from dw.fct_talent_snapshot t
    semi join ops.last_run_snapshots k on k.district_sk = t.district_sk and k.snapshot_date_sk = t.snapshot_date_sk
);

-- only for a scoped check: a list of millions of keys would be built and not used
set variable run_people = (
    select coalesce(list(t.person_sk), [])
    from dw.fct_talent_snapshot t
    semi join ops.last_run_snapshots k on k.district_sk = t.district_sk and k.snapshot_date_sk = t.snapshot_date_sk
    where not getvariable('dim_person_whole')
);

-- the id hashes that follow themselves in order (none when the ids are all different)
set variable person_id_hashes_twice = (
    select coalesce(list(distinct id_hash), [])
    from (
        select id_hash, lag(id_hash) over (order by id_hash) as previous_hash
        from (select hash(person_id) as id_hash from dw.dim_person where person_id is not null)
        where getvariable('dim_person_whole')
    )
    where id_hash = previous_hash
);

-- the keys' range, for the bitmap: dense when at most twice as wide as there are rows (a bitmap of
-- a few bits per person)
set variable person_sk_range = (
    select {
        'lo': coalesce(min(person_sk), 0),
        'hi': coalesce(max(person_sk), 0),
        'is_dense': coalesce(max(person_sk) - min(person_sk) + 1 <= 2 * count(*), true)
    }
    from dw.dim_person
);

with scope as (
    select getvariable('dim_person_whole') as is_whole
),

keys_set as (
    -- no rows (and no bitmap) when only this run's people are checked or the keys are too sparse
    select count(*) as n, coalesce(bit_count(bitstring_agg(person_sk,
        getvariable('person_sk_range').lo, getvariable('person_sk_range').hi)), 0) as distinct_keys
    from dw.dim_person
    where getvariable('person_sk_range').is_dense and (select is_whole from scope)
),

key_used_twice as (
    select not getvariable('person_sk_range').is_dense
        or (select n from keys_set) > (select distinct_keys from keys_set) as suspected
),

id_used_twice as (
    select person_id, count(*) as n
    from dw.dim_person
    where len(getvariable('person_id_hashes_twice')) > 0
        and list_contains(getvariable('person_id_hashes_twice'), hash(person_id))
    group by person_id
    having count(*) > 1
),

candidates as (
    select p.person_sk, p.person_id
    from dw.dim_person p
    semi join (select unnest(getvariable('run_people')) as person_sk) r on r.person_sk = p.person_sk
),

final as (
    select cast(person_id as varchar) as person_key, n
    from id_used_twice
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
