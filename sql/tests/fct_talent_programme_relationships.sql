-- relationships: every programme fact points at a person, programme, district and education that
-- exist; a tier belongs to the fact's own programme; an award does not end before it was made.
-- Person keys are 1..N without gaps (fct_talent_snapshot_relationships checks it), so a fact's
-- person exists exactly when its key lies in 1..N: a range check, where an anti join hashed every
-- person of the dimension for a few thousand awards.
with checks as (
    select 'person' as broken, count(*) as n from dw.fct_talent_programme f
    where f.person_sk < 1 or f.person_sk > (select coalesce(max(person_sk), 0) from dw.dim_person)
    union all
    select 'programme', count(*) from dw.fct_talent_programme f
    anti join dw.dim_programme g on g.programme_sk = f.programme_sk
    union all
    select 'district', count(*) from dw.fct_talent_programme f
    anti join dw.dim_district d on d.district_sk = f.district_sk
    union all
    select 'tier of another programme', count(*) from dw.fct_talent_programme f
    join dw.dim_programme g on g.programme_sk = f.programme_sk
    join dw.dim_programme_tier t on t.tier_sk = f.tier_sk
    where t.programme_code <> g.programme_code
    union all
    select 'tier', count(*) from dw.fct_talent_programme f
    where f.tier_sk is not null and f.tier_sk not in (select tier_sk from dw.dim_programme_tier)
    union all
    select 'ends before awarded', count(*) from dw.fct_talent_programme f
    where f.end_date_sk < f.awarded_date_sk
    union all
    select 'education', count(*) from dw.fct_talent_programme f
    where f.education_sk is not null and f.education_sk not in (select education_sk from dw.dim_education)
)

select * from checks where n > 0;
