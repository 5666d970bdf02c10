-- grain: one row per calendar day, 2000-01-01 to 2035-12-31; date_sk is yyyymmdd.
create table dw.dim_date as
with days as (
    select cast(unnest(range(timestamp '2000-01-01', timestamp '2036-01-01', interval 1 day)) as date) as date_day
),

final as (
    select
        cast(strftime(date_day, '%Y%m%d') as integer) as date_sk,
        date_day,
        year(date_day) as year,
        quarter(date_day) as quarter,
        month(date_day) as month,
        day(date_day) as day_of_month,
        date_day = last_day(date_day) as is_month_end,
        month(date_day) = 12 and day(date_day) = 31 as is_year_end
    from days
)

select * from final;
