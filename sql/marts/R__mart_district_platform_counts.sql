-- grain: one row per district per platform type per platform level (7 types × 3 levels of
-- seeds/platform_types.csv and platform_levels.csv), at the district's latest platform snapshot;
-- 0 where the snapshot has none. A district that sends no platform feed has no rows (unknown, not 0).
create or replace view mart.district_platform_counts as
with platforms as (
    select * from dw.fct_platform_snapshot
),

platform_types as (
    select * from dw.dim_platform_type
),

platform_levels as (
    select * from dw.dim_platform_level
),

districts as (
    select * from dw.dim_district
),

latest_snapshots as (
    select district_code, snapshot_date_sk from dw.int_latest_snapshots where source = 'platform'
),

counts as (
    select
        l.district_code,
        p.platform_type_sk,
        p.platform_level_sk,
        count(distinct p.platform_id) as platforms
    from platforms p
    join districts d on d.district_sk = p.district_sk
    join latest_snapshots l on l.district_code = d.district_code and l.snapshot_date_sk = p.snapshot_date_sk
    group by l.district_code, p.platform_type_sk, p.platform_level_sk
),

district_names as (
    select * from dw.district_current
),

final as (
    select
        l.district_code,
        n.district_name,
        t.platform_type_code as platform_type,
        v.platform_level_code as level,
        t.platform_type_name,
        v.platform_level_name as level_name,
        v.level_rank,
        n.region,
        strptime(cast(l.snapshot_date_sk as varchar), '%Y%m%d')::date as snapshot_date,
        coalesce(c.platforms, 0) as platforms
    from latest_snapshots l
    cross join platform_types t
    cross join platform_levels v
    join district_names n on n.district_code = l.district_code
    left join counts c
        on c.district_code = l.district_code
        and c.platform_type_sk = t.platform_type_sk
        and c.platform_level_sk = v.platform_level_sk
)

select * from final
order by district_code, platform_type, level_rank;

comment on view mart.district_platform_counts is '各区县创新平台（按类型和级别，最新平台名单）。One row per district per platform type per level at the district''s latest platform snapshot; 0 where none, no rows for a district without a platform feed.';
comment on column mart.district_platform_counts.district_code is '区县代码。GB/T 2260 code of the district.';
comment on column mart.district_platform_counts.district_name is '区县名称。Current official name of the district.';
comment on column mart.district_platform_counts.platform_type is '平台类型代码。Code from seeds/platform_types.csv, e.g. academician_workstation, key_laboratory.';
comment on column mart.district_platform_counts.level is '平台级别代码。national, municipal or district (seeds/platform_levels.csv; 省级 counts as municipal).';
comment on column mart.district_platform_counts.platform_type_name is '平台类型。Chinese name, e.g. 院士专家工作站, 重点实验室.';
comment on column mart.district_platform_counts.level_name is '平台级别。国家级, 市级 or 区县级.';
comment on column mart.district_platform_counts.level_rank is '级别序号。1 = national, the highest.';
comment on column mart.district_platform_counts.region is '所属片区。主城都市区, 渝东北 or 渝东南.';
comment on column mart.district_platform_counts.snapshot_date is '平台名单日期。Date of the district''s latest platform snapshot.';
comment on column mart.district_platform_counts.platforms is '平台数。Distinct platforms of this type and level in the snapshot; 0 when none.';
