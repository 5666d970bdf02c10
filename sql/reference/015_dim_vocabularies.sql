-- The vocabulary dimensions, refreshed from their seeds.
-- Runs when the working copy is prepared, after the seeds and migrations (it reads only seeds), not in the build.
-- grain: one row per vocabulary code in each dimension.
-- reads: seed.talent_categories, education_levels, professional_titles, skill_levels, talent_levels,
--   platform_types, platform_levels, qualification_types, talent_programmes, programme_tiers;
-- writes: dw.dim_talent_category, dim_education, dim_professional_title, dim_skill_level,
--   dim_talent_level, dim_platform_type, dim_platform_level, dim_qualification, dim_programme,
--   dim_programme_tier (DDL: V004, V021)
-- Surrogate keys stay stable: new codes get new keys, known codes keep theirs and take new names.

insert into dw.dim_talent_category (category_sk, category_code, category_name, category_group)
select nextval('dw.seq_vocabulary_sk'), category_code, category_name, category_group
from seed.talent_categories s
where not exists (select 1 from dw.dim_talent_category d where d.category_code = s.category_code);

update dw.dim_talent_category d set category_name = s.category_name, category_group = s.category_group
from seed.talent_categories s where d.category_code = s.category_code;

insert into dw.dim_education (education_sk, education_code, education_name, education_rank)
select nextval('dw.seq_vocabulary_sk'), education_code, education_name, cast(rank as integer)
from seed.education_levels s
where not exists (select 1 from dw.dim_education d where d.education_code = s.education_code);

update dw.dim_education d set education_name = s.education_name, education_rank = cast(s.rank as integer)
from seed.education_levels s where d.education_code = s.education_code;

insert into dw.dim_professional_title (title_sk, title_code, title_name, title_rank)
select nextval('dw.seq_vocabulary_sk'), title_code, title_name, cast(rank as integer)
from seed.professional_titles s
where not exists (select 1 from dw.dim_professional_title d where d.title_code = s.title_code);

update dw.dim_professional_title d set title_name = s.title_name, title_rank = cast(s.rank as integer)
from seed.professional_titles s where d.title_code = s.title_code;

insert into dw.dim_skill_level (skill_level_sk, skill_level_code, skill_level_name, skill_rank, is_high_skill)
select nextval('dw.seq_vocabulary_sk'), skill_code, skill_name, cast(rank as integer), cast(is_high_skill as boolean)
from seed.skill_levels s
where not exists (select 1 from dw.dim_skill_level d where d.skill_level_code = s.skill_code);

update dw.dim_skill_level d set skill_level_name = s.skill_name, skill_rank = cast(s.rank as integer),
    is_high_skill = cast(s.is_high_skill as boolean)
from seed.skill_levels s where d.skill_level_code = s.skill_code;

insert into dw.dim_talent_level (talent_level_sk, talent_level_code, talent_level_name, level_rank, is_high_level)
select nextval('dw.seq_vocabulary_sk'), level_code, level_name, cast(rank as integer), cast(is_high_level as boolean)
from seed.talent_levels s
where not exists (select 1 from dw.dim_talent_level d where d.talent_level_code = s.level_code);

update dw.dim_talent_level d set talent_level_name = s.level_name, level_rank = cast(s.rank as integer),
    is_high_level = cast(s.is_high_level as boolean)
from seed.talent_levels s where d.talent_level_code = s.level_code;

insert into dw.dim_platform_type (platform_type_sk, platform_type_code, platform_type_name)
select nextval('dw.seq_vocabulary_sk'), platform_type_code, platform_type_name
from seed.platform_types s
where not exists (select 1 from dw.dim_platform_type d where d.platform_type_code = s.platform_type_code);

update dw.dim_platform_type d set platform_type_name = s.platform_type_name
from seed.platform_types s where d.platform_type_code = s.platform_type_code;

insert into dw.dim_platform_level (platform_level_sk, platform_level_code, platform_level_name, level_rank)
select nextval('dw.seq_vocabulary_sk'), platform_level_code, platform_level_name, cast(rank as integer)
from seed.platform_levels s
where not exists (select 1 from dw.dim_platform_level d where d.platform_level_code = s.platform_level_code);

update dw.dim_platform_level d set platform_level_name = s.platform_level_name, level_rank = cast(s.rank as integer)
from seed.platform_levels s where d.platform_level_code = s.platform_level_code;

insert into dw.dim_qualification (qualification_sk, qualification_code, qualification_name, qualification_family,
    tier, tier_rank, is_specialized)
select nextval('dw.seq_vocabulary_sk'), qualification_code, qualification_name, qualification_family, tier,
    cast(rank as integer), cast(is_specialized as boolean)
from seed.qualification_types s
where not exists (select 1 from dw.dim_qualification d where d.qualification_code = s.qualification_code);

update dw.dim_qualification d set qualification_name = s.qualification_name,
    qualification_family = s.qualification_family, tier = s.tier, tier_rank = cast(s.rank as integer),
    is_specialized = cast(s.is_specialized as boolean)
from seed.qualification_types s where d.qualification_code = s.qualification_code;

insert into dw.dim_programme (programme_sk, programme_code, programme_name, programme_level, unit)
select nextval('dw.seq_vocabulary_sk'), programme_code, programme_name, programme_level, unit
from seed.talent_programmes s
where not exists (select 1 from dw.dim_programme d where d.programme_code = s.programme_code);

update dw.dim_programme d set programme_name = s.programme_name, programme_level = s.programme_level, unit = s.unit
from seed.talent_programmes s where d.programme_code = s.programme_code;

insert into dw.dim_programme_tier (tier_sk, tier_code, tier_name, programme_code, tier_rank)
select nextval('dw.seq_vocabulary_sk'), tier_code, tier_name, programme_code, cast(rank as integer)
from seed.programme_tiers s
where not exists (select 1 from dw.dim_programme_tier d where d.tier_code = s.tier_code);

update dw.dim_programme_tier d set tier_name = s.tier_name, programme_code = s.programme_code,
    tier_rank = cast(s.rank as integer)
from seed.programme_tiers s where d.tier_code = s.tier_code;
