-- grain: one row per person per district per version of the person's attributes on that district's
-- roster — categories, education, 职称, skill level and talent tier — with valid_from (the first
-- snapshot showing the version), valid_to (the day before the next version) and is_current.
-- A type 2 view of the person derived from the periodic roster snapshots: dim_person stays the
-- durable identity (so distinct-people counts stay simple), and history is never lost because the
-- snapshot fact keeps every snapshot's attributes.
create or replace view dw.dim_person_version as
with talent as (
    select * from dw.fct_talent_snapshot
),

categories as (
    select
        c.snapshot_date_sk,
        c.district_sk,
        c.person_sk,
        string_agg(k.category_code, '|' order by k.category_code) as category_codes
    from (
        select snapshot_date_sk, district_sk, person_sk, unnest(category_sks) as category_sk from talent
    ) c
    join dw.dim_talent_category k on k.category_sk = c.category_sk
    group by all
),

attributes as (
    select
        d.district_code,
        t.person_sk,
        strptime(cast(t.snapshot_date_sk as varchar), '%Y%m%d')::date as snapshot_date,
        c.category_codes,
        e.education_code,
        ti.title_code,
        s.skill_level_code,
        l.talent_level_code
    from talent t
    join dw.dim_district d on d.district_sk = t.district_sk
    left join categories c
        on c.snapshot_date_sk = t.snapshot_date_sk and c.district_sk = t.district_sk and c.person_sk = t.person_sk
    left join dw.dim_education e on e.education_sk = t.education_sk
    left join dw.dim_professional_title ti on ti.title_sk = t.title_sk
    left join dw.dim_skill_level s on s.skill_level_sk = t.skill_level_sk
    left join dw.dim_talent_level l on l.talent_level_sk = t.talent_level_sk
),

changes as (
    select
        *,
        case
            when lag(category_codes) over by_date is distinct from category_codes
                or lag(education_code) over by_date is distinct from education_code
                or lag(title_code) over by_date is distinct from title_code
                or lag(skill_level_code) over by_date is distinct from skill_level_code
                or lag(talent_level_code) over by_date is distinct from talent_level_code
                then 1
            else 0
        end as is_change
    from attributes
    window by_date as (partition by district_code, person_sk order by snapshot_date)
),

numbered as (
    select
        *,
        sum(is_change) over (
            partition by district_code, person_sk order by snapshot_date rows unbounded preceding
        ) as version_no
    from changes
),

versions as (
    select
        district_code,
        person_sk,
        version_no,
        min(snapshot_date) as valid_from,
        any_value(category_codes) as category_codes,
        any_value(education_code) as education_code,
        any_value(title_code) as title_code,
        any_value(skill_level_code) as skill_level_code,
        any_value(talent_level_code) as talent_level_code
    from numbered
    group by all
),

final as (
    select
        p.person_id,
        v.person_sk,
        v.district_code,
        v.version_no,
        v.valid_from,
        cast(lead(v.valid_from) over (partition by v.district_code, v.person_sk order by v.version_no)
            - interval 1 day as date) as valid_to,
        lead(v.valid_from) over (partition by v.district_code, v.person_sk order by v.version_no) is null as is_current,
        v.category_codes,
        v.education_code,
        v.title_code,
        v.skill_level_code,
        v.talent_level_code
    from versions v
    join dw.dim_person p on p.person_sk = v.person_sk
)

select * from final;
