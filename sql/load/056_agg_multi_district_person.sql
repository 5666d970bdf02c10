-- People on more than one district's roster. A load can make a person shared (a new district lists
-- them) or not any more (a corrected roster drops them); only people on a roster this load wrote,
-- and people shared before, can change. A night with one district re-derives those (70 ms at city
-- scale); a load of most of the city re-derives everyone in one pass, cheaper than filtering.
-- Districts are compared by a small integer per district code (a district whose code changed in
-- 2025 is one district): min <> max over integers is the cheapest "more than one" there is.
set variable full_rebuild = (select count(*) from talent_rows) * 2 > (select count(*) from dw.fct_talent_snapshot);

create or replace temp table touched_people as
select person_sk from talent_rows where not getvariable('full_rebuild')
union
select person_sk from dw.agg_multi_district_person where not getvariable('full_rebuild');

delete from dw.agg_multi_district_person a
where getvariable('full_rebuild') or a.person_sk in (select person_sk from touched_people);

insert into dw.agg_multi_district_person
with districts as (
    select district_sk, district_code, dense_rank() over (order by district_code)::integer as district_no
    from dw.dim_district
),

facts as (
    select t.person_sk, t.district_sk, t.snapshot_date_sk
    from dw.fct_talent_snapshot t
    where getvariable('full_rebuild') or t.person_sk in (select person_sk from touched_people)
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
