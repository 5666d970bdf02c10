-- grain: one row per innovation platform per district per platform snapshot.
create table dw.fct_platform_snapshot (
    snapshot_date_sk integer not null,
    district_sk integer not null,
    platform_id varchar not null,
    platform_name varchar not null,
    platform_type_sk integer not null,
    platform_level_sk integer not null,
    host_enterprise_sk bigint,
    approved_date_sk integer,
    run_id varchar not null,
    source_line bigint not null
);
