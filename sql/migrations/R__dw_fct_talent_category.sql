-- grain: one row per person per talent category per district per roster snapshot. Categories
-- overlap, so they add up to more than the talent total. The categories are stored in the fact row
-- (fct_talent_snapshot.category_sks); this view spreads them out as the bridge table it replaced.
create or replace view dw.fct_talent_category as
with talent as (
    select * from dw.fct_talent_snapshot
),

final as (
    select
        snapshot_date_sk,
        district_sk,
        person_sk,
        unnest(category_sks) as category_sk
    from talent
)

select * from final;
