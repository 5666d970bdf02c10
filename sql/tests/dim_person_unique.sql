-- queue: first (it reads every person, on a new warehouse: WarehouseTests hands it out before the small tests)
-- unique and not null: person_sk and person_id. A load only adds people (dims/020_dim_person), and
-- the published warehouse's people passed this test when it was published: WarehouseTests reads
-- their count and highest key from the published file, which this run has not yet replaced
-- (dim_person_before; null for a new warehouse). While the rows under those keys are exactly as many
-- as there, a duplicate must involve a person this run added (a key above them): only those are
-- looked up in the whole dimension, a few thousand ids on a night. Otherwise (a new warehouse, a load
-- that added many people, the older keys' rows changed) the whole dimension is checked.
-- Person keys are numbered 1..N: the keys set in a bitmap of min..max (bitstring_agg) are as many as
-- the rows when they are all different, which is cheaper to tell than grouping or joining the keys;
-- only when they are not (or are too sparse for a bitmap) is the dimension grouped by key, to name
-- the keys used twice. Person ids are compared in order by their 64-bit hashes: a sort of the
-- hashes, each next to its predecessor, costs less than a sort of the UUIDs and a fraction of
-- grouping millions of them. Different hashes are different ids, so only the ids of a hash that
-- follows itself (an id there twice, or a rare collision) are then grouped, to tell and name them.
set variable dim_person_whole = (
    select getvariable('dim_person_before') is null
        or count(*) filter (where person_sk <= getvariable('dim_person_before').max_sk)
            <> getvariable('dim_person_before').people
        or count(*) filter (where person_sk > getvariable('dim_person_before').max_sk) * 8 > count(*)
    from dw.dim_person
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

-- the people this run added, when only they are checked: the newest keys, in the last row groups
-- (not a list variable: planning one of a district's new people cost more than the check)
added as (
    select person_sk, person_id
    from dw.dim_person
    where not getvariable('dim_person_whole') and person_sk > getvariable('dim_person_before').max_sk
),

final as (
    select cast(person_id as varchar) as person_key, n
    from id_used_twice
    union all
    select cast(person_sk as varchar), count(*)
    from dw.dim_person where (select is_whole from scope) and (select suspected from key_used_twice)
    group by person_sk having count(*) > 1
    union all
    -- an added person whose id the dimension has twice (under an older key or a second new one)
    select cast(p.person_id as varchar), count(*)
    from dw.dim_person p semi join added a on a.person_id = p.person_id group by p.person_id having count(*) > 1
    union all
    -- added keys are above the older ones (whose rows are as many as before): only added ones can repeat
    select cast(person_sk as varchar), count(*)
    from added group by person_sk having count(*) > 1
    union all
    select 'null person_id', count(*) from dw.dim_person where person_id is null having count(*) > 0
)

select * from final;
