-- grain: one row per enterprise per qualification per district per enterprise snapshot.
create table dw.fct_enterprise_qualification (
    snapshot_date_sk integer not null,
    district_sk integer not null,
    enterprise_sk bigint not null,
    qualification_sk integer not null,
    granted_date_sk integer,
    run_id varchar not null,
    source_line bigint not null
);
