-- grain: one row per district per roster snapshot per talent category (the ten of
-- seeds/talent_categories.csv, plus 'all' counting every person once) per education per 职称 per
-- skill level per talent tier per gender per age band, for every combination at least one person on
-- the roster has — people by the attributes a BI user slices and drills, without person-level data.
-- A person holds several categories, so across categories the rows add up to more than the talent
-- total; the rows of category 'all' count each person once and add up to it. Unknown attributes
-- stay null (unknown is unknown). Age is the snapshot's year minus the birth year of the ID number.
-- Every roster snapshot, not only the latest: a BI tool filters snapshot_date itself. Reads the
-- aggregate dw.agg_talent_cube the load maintains, not the millions of roster facts; a data test
-- checks it adds up to the talent aggregates, which are tested against the facts.
create or replace view mart.talent_cube as
with cube as (
    select * from dw.agg_talent_cube
),

districts as (
    select * from dw.dim_district
),

district_names as (
    select * from dw.district_current
),

categories as (
    select * from dw.dim_talent_category
),

educations as (
    select * from dw.dim_education
),

titles as (
    select * from dw.dim_professional_title
),

skill_levels as (
    select * from dw.dim_skill_level
),

talent_levels as (
    select * from dw.dim_talent_level
),

final as (
    select
        d.district_code,
        n.district_name,
        n.region,
        strptime(cast(g.snapshot_date_sk as varchar), '%Y%m%d')::date as snapshot_date,
        case when g.is_all then 'all' else k.category_code end as category_code,
        case when g.is_all then '人才资源总量' else k.category_name end as category_name,
        case when g.is_all then '合计' else k.category_group end as category_group,
        e.education_code,
        e.education_name,
        ti.title_code,
        ti.title_name,
        s.skill_level_code,
        s.skill_level_name,
        l.talent_level_code,
        l.talent_level_name,
        case g.gender when 'M' then '男' when 'F' then '女' end as gender,
        g.age_band,
        g.people
    from cube g
    join districts d on d.district_sk = g.district_sk
    join district_names n on n.district_code = d.district_code
    left join categories k on k.category_sk = g.category_sk
    left join educations e on e.education_sk = g.education_sk
    left join titles ti on ti.title_sk = g.title_sk
    left join skill_levels s on s.skill_level_sk = g.skill_level_sk
    left join talent_levels l on l.talent_level_sk = g.talent_level_sk
)

select * from final;

comment on view mart.talent_cube is '人才多维分析（区县×花名册日期×类别×学历×职称×技能等级×人才层级×性别×年龄段）。One row per district, roster snapshot, talent category, education, 职称, skill level, talent tier, gender and age band that at least one person has: people counts to slice and drill in a BI tool, no person-level data. Categories overlap: filter category_code = ''all'' to count each person once.';
comment on column mart.talent_cube.district_code is '区县代码。GB/T 2260 code of the district.';
comment on column mart.talent_cube.district_name is '区县名称。Current official name of the district.';
comment on column mart.talent_cube.region is '所属片区。主城都市区, 渝东北 or 渝东南 (2020 statistical grouping).';
comment on column mart.talent_cube.snapshot_date is '花名册日期。Date of the roster snapshot; every snapshot is included, districts'' dates differ.';
comment on column mart.talent_cube.category_code is '人才类别代码。Code from seeds/talent_categories.csv, or all for every person once (人才资源总量).';
comment on column mart.talent_cube.category_name is '人才类别。Chinese name of the category; 人才资源总量 for the rows of category all.';
comment on column mart.talent_cube.category_group is '类别分组。人才资源总量 (the six categories of the talent total), 重点领域 (科技, 教育, 医疗卫生, 商贸物流) or 合计 (category all).';
comment on column mart.talent_cube.education_code is '学历代码。Code from seeds/education_levels.csv; null when the roster gives none.';
comment on column mart.talent_cube.education_name is '学历。Chinese name of the education level; null when unknown.';
comment on column mart.talent_cube.title_code is '职称代码。Code from seeds/professional_titles.csv (正高级 to 初级); null when none.';
comment on column mart.talent_cube.title_name is '职称。Chinese name of the professional title level; null when none.';
comment on column mart.talent_cube.skill_level_code is '技能等级代码。Code from seeds/skill_levels.csv (the 新八级); null when none.';
comment on column mart.talent_cube.skill_level_name is '职业技能等级。Chinese name of the skill level; null when none.';
comment on column mart.talent_cube.talent_level_code is '人才层级代码。Code from seeds/talent_levels.csv; null when none.';
comment on column mart.talent_cube.talent_level_name is '人才层级。Chinese name of the talent tier; null when none.';
comment on column mart.talent_cube.gender is '性别。男 or 女, from the resident ID number; null when unknown.';
comment on column mart.talent_cube.age_band is '年龄段。35岁以下, 35-44岁, 45-54岁 or 55岁及以上: the snapshot''s year minus the birth year; null when unknown.';
comment on column mart.talent_cube.people is '人数。Distinct people on the roster with exactly these attributes (in this category).';
