-- grain: one row per person per district per roster snapshot. A person on two districts' rosters
-- has a row in each; within one snapshot a person appears once (later copies are quarantined).
create table dw.fct_talent_snapshot (
    snapshot_date_sk integer not null,
    district_sk integer not null,
    person_sk bigint not null,
    education_sk integer,
    title_sk integer,
    skill_level_sk integer,
    talent_level_sk integer,
    employer_enterprise_sk bigint,
    is_high_level boolean not null,
    is_high_skill boolean not null,
    run_id varchar not null,
    source_line bigint not null
);

-- grain: one row per person per talent category per district per roster snapshot. Categories
-- overlap, so they add up to more than the talent total.
create table dw.fct_talent_category (
    snapshot_date_sk integer not null,
    district_sk integer not null,
    person_sk bigint not null,
    category_sk integer not null
);
