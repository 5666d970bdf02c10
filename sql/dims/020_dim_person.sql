-- dw.dim_person: new people get a surrogate key after the largest one in use; known people keep
-- theirs (pseudonyms are stable across loads).
-- grain: one row per person (pseudonym person_id); DDL: V005, V016.
-- reads: stg_roster, stg_program, dw.dim_person
-- writes: dw.dim_person; temp tables rows_named_again and people_named_again (this script only),
--   variable staged_numbers (this script only),
--   people_on_rosters_twice (read by 082_agg_multi_district_person), known_people and new_person_keys
--   (a night's people with their keys, read by 040_fct_talent_snapshot); variable keys_staged (040)
-- In steps over temp tables: as one statement the numbering window ran over the grouping and anti
-- join unmaterialized (slower at city scale; docs/scaling-decisions.md).
-- The run's people. Staging claims each person for the first roster row of the run naming them
-- (stage.LoadPeople) and stages every later one as is_named_again: the rows not named again are
-- the people, found by a filter instead of grouping millions of pseudonyms. A person named again
-- whose first naming this build does not load (its district failed, or two people's 64-bit claims
-- collided) is a person of their own. Without claims (a resumed run's rosters were staged by two
-- processes), or with most rows named again, the rows are grouped. is_named_twice (more than one row of this load names the person)
-- tells 082_agg_multi_district_person who can be on two rosters (cheaper there than here).
-- Filtering pays while people named again are few: a load of many months of the same rosters names
-- most people again, and grouping their rows is what it would save.
set variable has_people = exists (select 1 from dw.dim_person);

-- A new warehouse (no people yet) takes the numbers of the claims as its people's keys: staging
-- numbers each claim 1, 2, 3 ... and a row naming the person again carries its claim's number
-- (person_key), so nothing is numbered here and 040 reads each row's key off the row instead of
-- looking its person up among millions. Only while the numbers hold: the rows not named again
-- numbered 1..n, each number once (a district whose staging failed leaves a gap), and each row named
-- again the same person as the row its number claimed (two people sharing a 64-bit fingerprint are
-- not). Otherwise the people are numbered below as without claims' numbers.
create or replace temp table rows_named_again as
select person_key, person_id, gender, birth_year
from stg_roster
where is_named_again and getvariable('has_people_claims') and not getvariable('has_people');

set variable staged_numbers = (
    select {'people': count(*), 'numbered': count(person_key), 'lo': min(person_key), 'hi': max(person_key)}
    from stg_roster
    where is_named_again is not true and getvariable('has_people_claims') and not getvariable('has_people')
);

set variable keys_staged = coalesce(getvariable('has_people_claims') and not getvariable('has_people')
    and getvariable('staged_numbers').people > 0
    and getvariable('staged_numbers').numbered = getvariable('staged_numbers').people
    and getvariable('staged_numbers').lo = 1
    and getvariable('staged_numbers').hi = getvariable('staged_numbers').people
    -- each number once: a bitmap of 1..n has a bit set for every row (read only when the range fits)
    and (
        select bit_count(bitstring_agg(person_key, 1, greatest(coalesce(getvariable('staged_numbers').hi, 1), 1)))
        from stg_roster
        where is_named_again is not true and getvariable('staged_numbers').lo = 1
            and getvariable('staged_numbers').hi = getvariable('staged_numbers').people
    ) = getvariable('staged_numbers').people
    -- the rows not named again probe the few named again, by number first
    and (
        select count(*)
        from stg_roster f
        join rows_named_again a on a.person_key = f.person_key and a.person_id = f.person_id
            and a.gender is not distinct from f.gender and a.birth_year is not distinct from f.birth_year
        where f.is_named_again is not true
    ) = (select count(*) from rows_named_again), false);

set variable filters_people = getvariable('has_people_claims') and not getvariable('keys_staged')
    and (select count(*) filter (where is_named_again) * 4 <= count(*) from stg_roster);

create or replace temp table people_named_again as
select distinct person_id, gender, birth_year
from stg_roster
where is_named_again and getvariable('filters_people');

create or replace temp table staged_people as
-- claimed: one row per person named first; gender and birth year are read off the same ID number the
-- pseudonym is keyed on, so a person named again differs in neither, and if they ever did the
-- person would get two rows and dim_person_unique would stop the publish
select r.person_id, r.gender, r.birth_year, a.person_id is not null as is_named_twice
from stg_roster r
left join people_named_again a on a.person_id = r.person_id and a.gender = r.gender and a.birth_year is not distinct from r.birth_year
where getvariable('filters_people') and r.is_named_again is not true
union all
select a.person_id, a.gender, a.birth_year, true
from people_named_again a
anti join (
    select r.person_id, r.gender, r.birth_year
    from stg_roster r
    semi join people_named_again a on a.person_id = r.person_id
    where r.is_named_again is not true
) f on f.person_id = a.person_id and f.gender = a.gender and f.birth_year is not distinct from a.birth_year
union all
-- unclaimed: a roster stages each person once; a person on two districts' rosters is one row here.
-- Grouping by the three does what a group by person with any_value did, without those aggregate states.
select person_id, gender, birth_year, count(*) > 1 as is_named_twice
from stg_roster
where not getvariable('filters_people') and not getvariable('keys_staged')
group by person_id, gender, birth_year
union all
-- People named only by a programme ledger get a key too: a programme holder need not be on a roster.
-- in stg_roster's types (the same M/F and years): the table is held to the build's commit
select p.person_id, any_value(p.gender)::stg_gender, any_value(p.birth_year)::smallint, false
from stg_program p
anti join stg_roster r on r.person_id = p.person_id
group by p.person_id;

-- Known people are found from the smaller side. A load of the city anti-joins against the
-- dimension (its hash table is the dimension: empty on a first load). A night with one district
-- would hash the 7.7 M-person dimension for its 219,000 people; it hashes its own people instead and
-- looks the dimension's up in them.
set variable few_people = (select count(*) from staged_people) * 8 < (select count(*) from dw.dim_person);

-- the claims' numbers as keys (with them staged_people holds only the people named by programmes alone)
insert into dw.dim_person (person_sk, person_id, gender, birth_year)
select person_key, person_id, gender, birth_year
from stg_roster
where getvariable('keys_staged') and is_named_again is not true;

-- A new warehouse numbers the staged people as it scans them: DuckDB numbers the rows of a table scan
-- as it reads them, where after a join (here the anti join against the empty dimension) it gathers
-- them all into a window first.
insert into dw.dim_person (person_sk, person_id, gender, birth_year)
select (select coalesce(max(person_sk), 0) from dw.dim_person) + row_number() over () as person_sk,
    person_id, gender, birth_year
from staged_people
where not getvariable('has_people');

-- A load of the city into a warehouse with people numbers its new people straight from the anti join:
-- a temp table of them (6.7 M rows) would be held in memory until the build commits. A night keeps
-- them in a temp table first (numbering straight from that lookup was slower there).
insert into dw.dim_person (person_sk, person_id, gender, birth_year)
with new_people as (
    select s.person_id, s.gender, s.birth_year
    from staged_people s
    anti join dw.dim_person p on p.person_id = s.person_id
    where getvariable('has_people') and not getvariable('few_people')
),

numbered as (
    select
        (select coalesce(max(person_sk), 0) from dw.dim_person) + row_number() over () as person_sk,
        person_id,
        gender,
        birth_year
    from new_people
)

select * from numbered;

-- A night keeps the keys it finds and numbers (known_people, new_person_keys): 040_fct_talent_snapshot
-- gives its fact rows their people from them, instead of looking every roster row up in the whole
-- dimension a second time. Both are empty on a load of the city, which joins the dimension itself.
create or replace temp table known_people as
select p.person_id, p.person_sk
from dw.dim_person p
semi join staged_people k on k.person_id = p.person_id
where getvariable('few_people');

create or replace temp table new_people as
select s.person_id, s.gender, s.birth_year
from staged_people s
anti join known_people known on known.person_id = s.person_id
where getvariable('few_people');

create or replace temp table new_person_keys as
select
    (select coalesce(max(person_sk), 0) from dw.dim_person) + row_number() over () as person_sk,
    person_id,
    gender,
    birth_year
from new_people;

insert into dw.dim_person (person_sk, person_id, gender, birth_year)
select person_sk, person_id, gender, birth_year from new_person_keys;

-- The people this load's rosters name more than once, for 082_agg_multi_district_person (at city scale
-- ~40,000 of ~7 M).
create or replace temp table people_on_rosters_twice as
select person_id from staged_people where is_named_twice
union all
select distinct person_id from rows_named_again where getvariable('keys_staged');
