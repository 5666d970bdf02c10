-- grain: one row per district per programme ledger snapshot per programme per tier, plus one row per
-- programme with is_programme_total (every holder, whatever the tier): people holding the award at
-- the snapshot (an award whose end date lies before the snapshot date is counted in ended instead).
-- Records without a tier of a programme that has tiers are the tier row with a null tier_code; a
-- programme none of whose records has a tier has its total row only. A district that has sent no
-- programme ledger has no rows: no data, not 0 (mart.reported_vs_computed says `no data`).
create or replace view mart.district_programme_counts as
with programmes as (
    select * from dw.fct_talent_programme
),

programme_names as (
    select * from dw.dim_programme
),

tiers as (
    select * from dw.dim_programme_tier
),

education as (
    select * from dw.dim_education
),

districts as (
    select * from dw.dim_district
),

district_names as (
    select * from dw.district_current
),

facts as (
    select
        d.district_code,
        f.snapshot_date_sk,
        f.programme_sk,
        f.tier_sk,
        f.end_date_sk is not null and f.end_date_sk < f.snapshot_date_sk as has_ended,
        coalesce(e.education_code in ('master', 'doctorate'), false) as is_master_and_above
    from programmes f
    join districts d on d.district_sk = f.district_sk
    left join education e on e.education_sk = f.education_sk
),

counted as (
    select
        district_code,
        snapshot_date_sk,
        programme_sk,
        grouping(tier_sk) = 1 as is_programme_total,
        tier_sk,
        count(*) filter (where not has_ended) as people,
        count(*) filter (where not has_ended and is_master_and_above) as master_and_above,
        count(*) filter (where has_ended) as ended
    from facts
    group by grouping sets ((district_code, snapshot_date_sk, programme_sk, tier_sk), (district_code, snapshot_date_sk, programme_sk))
),

tiered as (
    -- programmes whose ledger gives tiers: their tierless records get a row of their own
    select distinct district_code, snapshot_date_sk, programme_sk
    from facts
    where tier_sk is not null
),

latest as (
    select district_code, max(snapshot_date_sk) as snapshot_date_sk
    from facts
    group by district_code
),

final as (
    select
        c.district_code,
        n.district_name,
        n.region,
        strptime(cast(c.snapshot_date_sk as varchar), '%Y%m%d')::date as snapshot_date,
        l.snapshot_date_sk is not null as is_latest_snapshot,
        g.programme_code,
        g.programme_name,
        g.programme_level,
        c.is_programme_total,
        case when not c.is_programme_total then t.tier_code end as tier_code,
        case when c.is_programme_total then '合计' when t.tier_code is null then '（未分层次）' else t.tier_name end as tier_name,
        c.people,
        c.master_and_above,
        c.ended
    from counted c
    join programme_names g on g.programme_sk = c.programme_sk
    left join tiers t on t.tier_sk = c.tier_sk
    left join district_names n on n.district_code = c.district_code
    left join latest l on l.district_code = c.district_code and l.snapshot_date_sk = c.snapshot_date_sk
    left join tiered d
        on d.district_code = c.district_code and d.snapshot_date_sk = c.snapshot_date_sk and d.programme_sk = c.programme_sk
    -- a programme without tiers is its total row alone
    where c.is_programme_total or d.programme_sk is not null
)

select * from final
order by district_code, snapshot_date, programme_code, is_programme_total desc, tier_code nulls last;

comment on view mart.district_programme_counts is '区县人才项目统计。One row per district, programme ledger snapshot, programme and tier (and one row per programme over all its tiers): people holding the award at the snapshot. Districts that sent no programme ledger have no rows (no data, not 0).';
comment on column mart.district_programme_counts.district_code is '区县代码。GB/T 2260 code of the district.';
comment on column mart.district_programme_counts.district_name is '区县名称。Current official name of the district.';
comment on column mart.district_programme_counts.region is '区域。主城都市区, 渝东北 or 渝东南.';
comment on column mart.district_programme_counts.snapshot_date is '台账日期。Date of the programme ledger snapshot.';
comment on column mart.district_programme_counts.is_latest_snapshot is '是否最新台账。True on the district''s latest programme ledger.';
comment on column mart.district_programme_counts.programme_code is '项目代码。Code of seeds/talent_programmes.csv.';
comment on column mart.district_programme_counts.programme_name is '人才项目。渝才荟认定, 重庆英才服务卡, 科技副总, 柔性引进, 银龄人才, 引才意向, 津鹰计划, ...';
comment on column mart.district_programme_counts.programme_level is '项目级别。municipal (a city programme the district administers) or district (its own).';
comment on column mart.district_programme_counts.is_programme_total is '是否项目合计。True on the row counting every holder of the programme whatever the tier.';
comment on column mart.district_programme_counts.tier_code is '层次代码。Code of seeds/programme_tiers.csv (yingcai_service_card.a); null on the total row and for records without a tier.';
comment on column mart.district_programme_counts.tier_name is '层次或卡类。A卡, B卡, ...; 合计 on the total row, （未分层次） for records without a tier.';
comment on column mart.district_programme_counts.people is '人数。People holding the award at the snapshot (a ledger lists a person once per programme).';
comment on column mart.district_programme_counts.master_and_above is '硕士以上人数。Of people, those whose recorded degree is 硕士研究生 or 博士研究生 (the 引才意向 figure).';
comment on column mart.district_programme_counts.ended is '已到期人数。Awards on the ledger whose end date lies before the snapshot date: not counted in people.';
