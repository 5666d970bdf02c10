-- grain: one row per district per snapshot date per indicator — every figure the warehouse can
-- compute, in the indicator names of seeds/reported_indicators.csv, at every snapshot (not only
-- the latest). Indicators: talent_total, high_level_total, high_level.<level>, category.<code>,
-- <qualification code>, specialized_sme (any 专精特新 tier), platform.<type>.<level|all>, and from
-- programme ledgers program.<programme>, program.<tier code> (program.yingcai_service_card.a) and
-- program.<programme>.master_and_above: people holding the award at the snapshot (one whose end
-- date lies before the snapshot date no longer does).
-- Reads the per district snapshot aggregates (dw.agg_talent_*) the load maintains, not the
-- millions of roster facts; a data test checks they equal the facts.
create or replace view mart.district_indicators as
with talent as (
    select * from dw.agg_talent_snapshot
),

talent_categories as (
    select * from dw.agg_talent_category
),

qualifications as (
    select * from dw.fct_enterprise_qualification
),

platforms as (
    select * from dw.fct_platform_snapshot
),

programmes as (
    select * from dw.fct_talent_programme
    where end_date_sk is null or end_date_sk >= snapshot_date_sk
),

districts as (
    select * from dw.dim_district
),

talent_indicators as (
    select t.district_sk, t.snapshot_date_sk, 'talent_total' as indicator, cast(sum(t.people) as bigint) as value
    from talent t group by all
    union all
    select t.district_sk, t.snapshot_date_sk, 'high_level_total', coalesce(cast(sum(t.people) filter (where t.is_high_level) as bigint), 0)
    from talent t group by all
    union all
    select t.district_sk, t.snapshot_date_sk, 'high_level.' || l.talent_level_code, cast(sum(t.people) as bigint)
    from talent t join dw.dim_talent_level l on l.talent_level_sk = t.talent_level_sk
    where l.is_high_level group by all
    union all
    select c.district_sk, c.snapshot_date_sk, 'category.' || k.category_code, cast(sum(c.people) as bigint)
    from talent_categories c join dw.dim_talent_category k on k.category_sk = c.category_sk group by all
),

enterprise_indicators as (
    -- a snapshot lists an enterprise once per qualification (fct_enterprise_qualification_unique_grain):
    -- its rows of one qualification are its enterprises, and only 专精特新 tiers, which an enterprise
    -- may hold more than one of, need counting distinct
    select s.district_sk, s.snapshot_date_sk, 'specialized_sme' as indicator,
        coalesce(d.value, 0) as value
    from (select distinct district_sk, snapshot_date_sk from qualifications) s
    left join (
        select f.district_sk, f.snapshot_date_sk, count(distinct f.enterprise_sk) as value
        from qualifications f join dw.dim_qualification q on q.qualification_sk = f.qualification_sk
        where q.is_specialized group by all
    ) d using (district_sk, snapshot_date_sk)
    union all
    select f.district_sk, f.snapshot_date_sk, q.qualification_code, count(*)
    from qualifications f join dw.dim_qualification q on q.qualification_sk = f.qualification_sk
    where q.qualification_code <> 'specialized_sme' group by all
),

platform_indicators as (
    select p.district_sk, p.snapshot_date_sk, 'platform.' || t.platform_type_code || '.' || l.platform_level_code as indicator,
        count(*) as value
    from platforms p
    join dw.dim_platform_type t on t.platform_type_sk = p.platform_type_sk
    join dw.dim_platform_level l on l.platform_level_sk = p.platform_level_sk
    group by all
    union all
    select p.district_sk, p.snapshot_date_sk, 'platform.' || t.platform_type_code || '.all', count(*)
    from platforms p join dw.dim_platform_type t on t.platform_type_sk = p.platform_type_sk
    group by all
),

programme_indicators as (
    -- a ledger lists a person once per programme: rows are people
    select f.district_sk, f.snapshot_date_sk, 'program.' || g.programme_code as indicator, count(*) as value
    from programmes f join dw.dim_programme g on g.programme_sk = f.programme_sk
    group by all
    union all
    select f.district_sk, f.snapshot_date_sk, 'program.' || t.tier_code, count(*)
    from programmes f join dw.dim_programme_tier t on t.tier_sk = f.tier_sk
    group by all
    union all
    select f.district_sk, f.snapshot_date_sk, 'program.' || g.programme_code || '.master_and_above', count(*)
    from programmes f
    join dw.dim_programme g on g.programme_sk = f.programme_sk
    join dw.dim_education e on e.education_sk = f.education_sk
    where e.education_code in ('master', 'doctorate')
    group by all
),

all_indicators as (
    select * from talent_indicators
    union all
    select * from enterprise_indicators
    union all
    select * from platform_indicators
    union all
    select * from programme_indicators
),

final as (
    select
        d.district_code,
        strptime(cast(i.snapshot_date_sk as varchar), '%Y%m%d')::date as snapshot_date,
        i.indicator,
        sum(i.value) as value
    from all_indicators i
    join districts d on d.district_sk = i.district_sk
    group by all
)

select * from final;

comment on view mart.district_indicators is '各区县指标长表（全部快照）。One row per district per snapshot date per indicator: every figure the warehouse can compute, named as in seeds/reported_indicators.csv, at every snapshot.';
comment on column mart.district_indicators.district_code is '区县代码。GB/T 2260 code of the district.';
comment on column mart.district_indicators.snapshot_date is '快照日期。Date of the roster, enterprise, platform or programme ledger snapshot the value comes from.';
comment on column mart.district_indicators.indicator is '指标名。talent_total, high_level_total, high_level.<level>, category.<code>, <qualification code>, specialized_sme, platform.<type>.<level|all>, program.<programme>, program.<tier code> or program.<programme>.master_and_above.';
comment on column mart.district_indicators.value is '指标值。Distinct people, enterprises or platforms counted by the indicator (programmes: people holding the award at the snapshot).';
