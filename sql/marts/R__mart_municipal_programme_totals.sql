-- grain: one row per programme held by anyone on the district ledgers: each district at its latest
-- programme ledger. district_sum adds the districts' counts; distinct_people counts a person on
-- two districts' ledgers once (the municipal total). Districts that sent no ledger are not in it:
-- districts_with_ledger says how many are.
create or replace view mart.municipal_programme_totals as
with programmes as (
    select * from dw.fct_talent_programme
),

programme_names as (
    select * from dw.dim_programme
),

districts as (
    select * from dw.dim_district
),

latest as (
    select d.district_code, max(f.snapshot_date_sk) as snapshot_date_sk
    from programmes f
    join districts d on d.district_sk = f.district_sk
    group by d.district_code
),

holders as (
    select d.district_code, f.snapshot_date_sk, f.programme_sk, f.person_sk
    from programmes f
    join districts d on d.district_sk = f.district_sk
    join latest l on l.district_code = d.district_code and l.snapshot_date_sk = f.snapshot_date_sk
    where f.end_date_sk is null or f.end_date_sk >= f.snapshot_date_sk
),

counted as (
    select
        programme_sk,
        count(distinct district_code) as districts_holding,
        count(*) as district_sum,
        count(distinct person_sk) as distinct_people,
        min(snapshot_date_sk) as oldest_snapshot_date_sk,
        max(snapshot_date_sk) as latest_snapshot_date_sk
    from holders
    group by programme_sk
),

final as (
    select
        g.programme_code,
        g.programme_name,
        g.programme_level,
        c.districts_holding,
        (select count(*) from latest) as districts_with_ledger,
        c.district_sum,
        c.distinct_people,
        strptime(cast(c.oldest_snapshot_date_sk as varchar), '%Y%m%d')::date as oldest_snapshot_date,
        strptime(cast(c.latest_snapshot_date_sk as varchar), '%Y%m%d')::date as latest_snapshot_date
    from counted c
    join programme_names g on g.programme_sk = c.programme_sk
)

select * from final
order by programme_code;

comment on view mart.municipal_programme_totals is '全市人才项目去重人数。One row per programme: each district at its latest programme ledger, the district counts added up and the distinct people of the city.';
comment on column mart.municipal_programme_totals.programme_code is '项目代码。Code of seeds/talent_programmes.csv.';
comment on column mart.municipal_programme_totals.programme_name is '人才项目。Name of the programme.';
comment on column mart.municipal_programme_totals.programme_level is '项目级别。municipal or district.';
comment on column mart.municipal_programme_totals.districts_holding is '有持有人的区县数。Districts whose latest ledger lists a holder of the programme.';
comment on column mart.municipal_programme_totals.districts_with_ledger is '报送台账的区县数。Districts that have sent any programme ledger; the others have no data, not 0.';
comment on column mart.municipal_programme_totals.district_sum is '区县合计。Holders summed over districts: a person on two ledgers counts twice.';
comment on column mart.municipal_programme_totals.distinct_people is '全市去重人数。Distinct people holding the programme on any district''s latest ledger.';
comment on column mart.municipal_programme_totals.oldest_snapshot_date is '最早台账日期。The oldest of the latest ledgers combined.';
comment on column mart.municipal_programme_totals.latest_snapshot_date is '最新台账日期。The newest of the latest ledgers combined.';
