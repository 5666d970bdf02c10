-- Registered capital (注册资本) as districts send it with 万/亿, normalized to yuan.
alter table dw.dim_enterprise add column registered_capital_yuan decimal(18, 2);

-- grain: one row per run per district snapshot per source per warning rule. Warnings do not
-- reject records (a roster employer missing from the district's enterprise feed is still a
-- talent); they are counted so a district can be asked about them.
create table ops.warnings (
    run_id varchar not null,
    district_code varchar not null,
    snapshot_date date not null,
    source varchar not null,
    rule varchar not null,
    records bigint not null,
    example varchar
);
