-- grain: one row per enterprise per qualification per district code, at the code's latest enterprise
-- snapshot (dw.int_latest_snapshots): the qualification facts the enterprise marts count, with the
-- district code in place of the district row. (Named to sort after dw.int_latest_snapshots: Flyway
-- creates repeatable views in name order, and a view needs what it reads.)
create or replace view dw.int_qualifications_at_latest_snapshot as
with qualifications as (
    select * from dw.fct_enterprise_qualification
),

districts as (
    select * from dw.dim_district
),

latest_snapshots as (
    select district_code, snapshot_date_sk from dw.int_latest_snapshots where source = 'enterprise'
),

final as (
    select
        l.district_code,
        f.snapshot_date_sk,
        f.enterprise_sk,
        f.qualification_sk,
        f.granted_date_sk
    from qualifications f
    join districts d on d.district_sk = f.district_sk
    join latest_snapshots l on l.district_code = d.district_code and l.snapshot_date_sk = f.snapshot_date_sk
)

select * from final;

comment on view dw.int_qualifications_at_latest_snapshot is '各区县最新企业名单的资质。One row per enterprise per qualification per district code at the code''s latest enterprise snapshot.';
