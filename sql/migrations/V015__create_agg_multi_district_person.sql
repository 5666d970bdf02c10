-- grain: one row per person per district per roster snapshot, for the few people who appear on
-- more than one district's roster. The municipal totals count everyone else straight from the
-- per district aggregates and only need these rows to count a shared person once.
create table dw.agg_multi_district_person (
    person_sk bigint not null,
    district_code varchar not null,
    snapshot_date_sk integer not null
);

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
