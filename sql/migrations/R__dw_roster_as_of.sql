-- grain: one row per as-of date per district: the roster snapshot each district enters the
-- municipal picture with on that date. As-of dates are every 31 December from the year of the
-- first roster snapshot on, and the latest roster snapshot date (as in mart.municipal_talent_totals):
-- each district at its latest roster on or before the date, a code abolished before the date (江北区
-- and 渝北区 after 2025-11-05) not carried past its end. previous_as_of_date is the as-of date
-- before (null for the first), the period talent flows are counted over.
create or replace view dw.roster_as_of as
with talent as (
    select * from dw.agg_talent_snapshot
),

districts as (
    select * from dw.dim_district
),

code_validity as (
    -- a code is valid until its last row ends; null while any row is current
    select
        district_code,
        case when bool_or(valid_to is null) then null else max(valid_to) end as code_valid_to
    from districts
    group by district_code
),

snapshots as (
    select distinct
        d.district_code,
        t.snapshot_date_sk,
        strptime(cast(t.snapshot_date_sk as varchar), '%Y%m%d')::date as snapshot_date
    from talent t
    join districts d on d.district_sk = t.district_sk
),

year_ends as (
    select cast(make_date(cast(y as bigint), 12, 31) as date) as as_of_date
    from (
        select unnest(range(year(min(snapshot_date)), year(max(snapshot_date)))) as y
        from snapshots
        having count(*) > 0
    )
),

as_of_dates as (
    select as_of_date from year_ends
    union
    select max(snapshot_date) from snapshots having count(*) > 0
),

periods as (
    select as_of_date, lag(as_of_date) over (order by as_of_date) as previous_as_of_date
    from as_of_dates
),

final as (
    select
        p.as_of_date,
        p.previous_as_of_date,
        s.district_code,
        s.snapshot_date_sk,
        s.snapshot_date
    from periods p
    join snapshots s on s.snapshot_date <= p.as_of_date
    join code_validity v on v.district_code = s.district_code
    where s.snapshot_date = p.as_of_date or v.code_valid_to is null or v.code_valid_to >= p.as_of_date
    qualify row_number() over (partition by p.as_of_date, s.district_code order by s.snapshot_date desc) = 1
)

select * from final;

comment on view dw.roster_as_of is '各时点各区县所用花名册。One row per as-of date (each 31 December since the first roster, and the latest roster date) per district: the latest roster snapshot on or before it, as mart.municipal_talent_totals combines them.';
