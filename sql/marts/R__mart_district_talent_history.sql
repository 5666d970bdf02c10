-- grain: one row per district per roster snapshot (every snapshot, not only the latest), with
-- year-on-year growth against the district's snapshot nearest to exactly one year earlier,
-- provided one lies within 45 days of that date; growth is null otherwise (and null where the
-- earlier figure is 0). Growth is within one district code: across the 2025-11-06 change
-- (江北区 and 渝北区 abolished, 两江新区 set up) the new code has no earlier snapshot.
-- Reads the per district snapshot aggregates (dw.agg_talent_*) the load maintains, not the
-- millions of roster facts; a data test checks they equal the facts.
create or replace view mart.district_talent_history as
with snapshots as (
    select * from dw.int_talent_totals
),

district_names as (
    select * from dw.district_current
),

prior_year as (
    select
        s.district_code,
        s.snapshot_date,
        p.snapshot_date as prior_snapshot_date,
        p.talent_total as prior_talent_total,
        p.high_level_total as prior_high_level_total
    from snapshots s
    join snapshots p
        on p.district_code = s.district_code
        and abs(p.snapshot_date - cast(s.snapshot_date - interval 1 year as date)) <= 45
    qualify row_number() over (
        partition by s.district_code, s.snapshot_date
        order by abs(p.snapshot_date - cast(s.snapshot_date - interval 1 year as date)), p.snapshot_date desc
    ) = 1
),

final as (
    select
        s.district_code,
        n.district_name,
        n.region,
        s.snapshot_date,
        s.is_latest_snapshot as is_latest,
        s.talent_total,
        s.high_level_total,
        s.high_skill_total,
        p.prior_snapshot_date,
        s.snapshot_date - p.prior_snapshot_date as days_since_prior_snapshot,
        p.prior_talent_total,
        round((s.talent_total - p.prior_talent_total) * 100.0 / nullif(p.prior_talent_total, 0), 2)
            as talent_total_yoy_growth_pct,
        p.prior_high_level_total,
        round((s.high_level_total - p.prior_high_level_total) * 100.0 / nullif(p.prior_high_level_total, 0), 2)
            as high_level_total_yoy_growth_pct
    from snapshots s
    join district_names n on n.district_code = s.district_code
    left join prior_year p on p.district_code = s.district_code and p.snapshot_date = s.snapshot_date
)

select * from final
order by district_code, snapshot_date;

comment on view mart.district_talent_history is '各区县人才总量历史与同比增长。One row per district per roster snapshot, with year-on-year growth against the snapshot nearest to one year earlier when one lies within 45 days of that date (null otherwise).';
comment on column mart.district_talent_history.district_code is '区县代码。GB/T 2260 code of the district.';
comment on column mart.district_talent_history.district_name is '区县名称。Current official name of the district.';
comment on column mart.district_talent_history.region is '所属片区。主城都市区, 渝东北 or 渝东南.';
comment on column mart.district_talent_history.snapshot_date is '花名册日期。Date of this roster snapshot.';
comment on column mart.district_talent_history.is_latest is '是否最新。True for the district''s latest roster snapshot (the one the other marts show).';
comment on column mart.district_talent_history.talent_total is '人才资源总量。Distinct people on this roster snapshot.';
comment on column mart.district_talent_history.high_level_total is '高层次人才。Distinct people at any high talent level (国家级, 省部级, 区县级) on this snapshot.';
comment on column mart.district_talent_history.high_skill_total is '高技能人才。Distinct people at skill level 高级工 or above on this snapshot.';
comment on column mart.district_talent_history.prior_snapshot_date is '上年同期花名册日期。The snapshot nearest to one year before snapshot_date, within 45 days; null when none.';
comment on column mart.district_talent_history.days_since_prior_snapshot is '间隔天数。Days between prior_snapshot_date and snapshot_date: a year give or take 45 days.';
comment on column mart.district_talent_history.prior_talent_total is '上年同期人才资源总量。talent_total at prior_snapshot_date.';
comment on column mart.district_talent_history.talent_total_yoy_growth_pct is '人才资源总量同比增长（%）。(talent_total - prior_talent_total) / prior_talent_total × 100, two decimals; null without a prior snapshot.';
comment on column mart.district_talent_history.prior_high_level_total is '上年同期高层次人才。high_level_total at prior_snapshot_date.';
comment on column mart.district_talent_history.high_level_total_yoy_growth_pct is '高层次人才同比增长（%）。Growth of high_level_total in percent, two decimals; null without a prior snapshot or when the prior figure is 0.';
