-- dim_enterprise becomes a type 2 slowly changing dimension: one row per enterprise per version of
-- its tracked attributes (name, registered capital, the district whose feed lists it), valid from
-- the first snapshot showing that version to the day before the next version. Facts point at the
-- version valid on their snapshot date; uscc stays the durable key across versions.
alter table dw.dim_enterprise add column district_code varchar;
alter table dw.dim_enterprise add column valid_from date;
alter table dw.dim_enterprise add column valid_to date;
alter table dw.dim_enterprise add column is_current boolean;

update dw.dim_enterprise set valid_from = date '1900-01-01', valid_to = null, is_current = true;

-- grain: one row per enterprise per district snapshot that lists it — the raw history the type 2
-- versions are derived from, so a snapshot loaded late or replaced re-derives them correctly.
create table dw.enterprise_observation (
    uscc varchar not null,
    district_code varchar not null,
    snapshot_date date not null,
    enterprise_name varchar not null,
    registered_capital_yuan decimal(18, 2)
);
