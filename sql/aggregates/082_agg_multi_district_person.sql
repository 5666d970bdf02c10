-- dw.agg_multi_district_person: the people on more than one district's roster. Only people the load
-- can change are re-derived: those shared before on a roster it replaces (a corrected roster may drop
-- them), and those it may have made shared; a shared person on no roster it replaced keeps their rows
-- (their facts are unchanged), so a night does not revisit every shared person of every month kept.
-- grain: one row per person per district per roster snapshot, for people on more than one
--   district's roster; DDL: V015.
-- reads: feed_keys, replaced_snapshots (030_feed_keys), people_on_rosters_twice (020_dim_person), talent_rows
--   (040_fct_talent_snapshot), dw.fct_talent_snapshot, dw.dim_person, dw.dim_district
-- writes: dw.agg_multi_district_person
-- Which those are depends on the load's size. A night with one district takes everyone on the
-- rosters it wrote. A load of most of the city would take nearly everyone that way; it takes only
-- the people who can be on two rosters at all: named on two of this load's rosters
-- (people_on_rosters_twice, from 020_dim_person), or on one it wrote and one it did not (few: most
-- facts are this load's) — tens of thousands instead of grouping every fact by person
-- (docs/scaling.md).
-- Districts are compared by a small integer per district code (a district whose code changed in
-- 2025 is one district): min <> max over integers is the cheapest "more than one" there is.
set variable large_load = (select count(*) from talent_rows) * 2 > (select count(*) from dw.fct_talent_snapshot);

create or replace temp table named_twice as
select person_id from people_on_rosters_twice
where getvariable('large_load');

create or replace temp table people_outside_load as
select distinct t.person_sk
from dw.fct_talent_snapshot t
anti join replaced_snapshots r on r.district_sk = t.district_sk and r.snapshot_date_sk = t.snapshot_date_sk
where getvariable('large_load');

create or replace temp table touched_people as
select a.person_sk
from dw.agg_multi_district_person a
semi join feed_keys k on k.district_code = a.district_code and k.snapshot_date_sk = a.snapshot_date_sk
union
select person_sk from talent_rows where not getvariable('large_load')
union
select p.person_sk from dw.dim_person p semi join named_twice n on n.person_id = p.person_id
union
select o.person_sk from people_outside_load o semi join talent_rows t on t.person_sk = o.person_sk;

delete from dw.agg_multi_district_person a
where a.person_sk in (select person_sk from touched_people);

insert into dw.agg_multi_district_person
with districts as (
    select district_sk, district_code, dense_rank() over (order by district_code)::integer as district_no
    from dw.dim_district
),

facts as (
    select t.person_sk, t.district_sk, t.snapshot_date_sk
    from dw.fct_talent_snapshot t
    semi join touched_people p on p.person_sk = t.person_sk
),

shared as (
    select f.person_sk
    from facts f
    join districts d on d.district_sk = f.district_sk
    group by f.person_sk
    having min(d.district_no) <> max(d.district_no)
),

final as (
    select f.person_sk, d.district_code, f.snapshot_date_sk
    from facts f
    semi join shared s on s.person_sk = f.person_sk
    join districts d on d.district_sk = f.district_sk
)

select * from final;
