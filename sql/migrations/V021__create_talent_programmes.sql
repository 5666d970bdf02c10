-- Talent programmes (人才项目台账, the `program` source kind): the programme and tier vocabularies of
-- seeds/talent_programmes.csv and seeds/programme_tiers.csv, and who holds what.

-- grain: one row per programme code.
create table dw.dim_programme (
    programme_sk integer not null,
    programme_code varchar not null,
    programme_name varchar not null,
    programme_level varchar not null,
    unit varchar not null
);

-- grain: one row per tier code (a tier belongs to one programme: its code is <programme>.<tier>).
create table dw.dim_programme_tier (
    tier_sk integer not null,
    tier_code varchar not null,
    tier_name varchar not null,
    programme_code varchar not null,
    tier_rank integer not null
);

-- grain: one row per person per programme per district per programme snapshot (a ledger lists a
-- person once per programme; a second record is quarantined as a duplicate).
create table dw.fct_talent_programme (
    snapshot_date_sk integer not null,
    district_sk integer not null,
    person_sk bigint not null,
    programme_sk integer not null,
    tier_sk integer,
    education_sk integer,
    awarded_date_sk integer not null,
    end_date_sk integer,
    employer_enterprise_sk bigint,
    run_id varchar not null,
    source_line bigint not null
);
