-- The closed vocabularies of seeds/, one dimension each. grain: one row per code.
-- Rows are added and renamed from the seeds on every load; a code is never deleted, so old facts
-- keep their meaning.
create sequence dw.seq_vocabulary_sk start 1;

create table dw.dim_talent_category (
    category_sk integer not null,
    category_code varchar not null,
    category_name varchar not null,
    category_group varchar not null
);

create table dw.dim_education (
    education_sk integer not null,
    education_code varchar not null,
    education_name varchar not null,
    education_rank integer not null
);

create table dw.dim_professional_title (
    title_sk integer not null,
    title_code varchar not null,
    title_name varchar not null,
    title_rank integer not null
);

create table dw.dim_skill_level (
    skill_level_sk integer not null,
    skill_level_code varchar not null,
    skill_level_name varchar not null,
    skill_rank integer not null,
    is_high_skill boolean not null
);

create table dw.dim_talent_level (
    talent_level_sk integer not null,
    talent_level_code varchar not null,
    talent_level_name varchar not null,
    level_rank integer not null,
    is_high_level boolean not null
);

create table dw.dim_platform_type (
    platform_type_sk integer not null,
    platform_type_code varchar not null,
    platform_type_name varchar not null
);

create table dw.dim_platform_level (
    platform_level_sk integer not null,
    platform_level_code varchar not null,
    platform_level_name varchar not null,
    level_rank integer not null
);

create table dw.dim_qualification (
    qualification_sk integer not null,
    qualification_code varchar not null,
    qualification_name varchar not null,
    qualification_family varchar not null,
    tier varchar not null,
    tier_rank integer not null,
    is_specialized boolean not null
);
