-- People on more than one district's roster, re-derived from all roster facts: a load can make a
-- person shared (a new district lists them) or not any more (a corrected roster drops them).
-- Districts are compared by a small integer per district code (a district whose code changed in
-- 2025 is one district): min <> max over integers is the cheapest "more than one" there is, about
-- half a second over the whole city.
delete from dw.agg_multi_district_person;

insert into dw.agg_multi_district_person
with districts as (
    select district_sk, district_code, dense_rank() over (order by district_code)::integer as district_no
    from dw.dim_district
),

shared as (
    select t.person_sk
    from dw.fct_talent_snapshot t
    join districts d on d.district_sk = t.district_sk
    group by t.person_sk
    having min(d.district_no) <> max(d.district_no)
),

final as (
    select t.person_sk, d.district_code, t.snapshot_date_sk
    from dw.fct_talent_snapshot t
    semi join shared s on s.person_sk = t.person_sk
    join districts d on d.district_sk = t.district_sk
)

select * from final;
