-- grain: one row per enterprise (unified social credit code). The name is the latest one sent.
create sequence dw.seq_enterprise_sk start 1;

create table dw.dim_enterprise (
    enterprise_sk bigint not null,
    uscc varchar not null,
    enterprise_name varchar not null,
    registration_area_code varchar not null
);
