-- People on more than one district's roster, re-derived from all roster facts: a load can make a
-- person shared (a new district lists them) or not any more (a corrected roster drops them).
delete from dw.agg_multi_district_person;

insert into dw.agg_multi_district_person
with by_code as (
    select t.person_sk, d.district_code, t.snapshot_date_sk
    from dw.fct_talent_snapshot t
    join dw.dim_district d on d.district_sk = t.district_sk
),

shared as (
    select person_sk from by_code group by person_sk having count(distinct district_code) > 1
)

select b.* from by_code b semi join shared s on s.person_sk = b.person_sk;
