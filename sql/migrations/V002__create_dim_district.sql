-- grain: one row per GB/T 2260 county-level code per validity period.
-- Codes change (2025-11-06: 江北区 500105 and 渝北区 500112 abolished, 两江新区 500157 set up), so a
-- fact points at the row valid on its snapshot date. Population is unknown (null) where no
-- published figure exists; it is never estimated.
create sequence dw.seq_district_sk start 1;

create table dw.dim_district (
    district_sk integer not null,
    district_code varchar not null,
    district_name varchar not null,
    short_name varchar,
    region varchar not null,
    subregion varchar,
    valid_from date not null,
    valid_to date,
    is_current boolean not null,
    resident_population integer,
    population_year integer,
    population_source varchar
);
