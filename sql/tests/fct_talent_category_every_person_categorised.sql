-- relationships: every person on a roster snapshot holds at least one category, and every
-- category row belongs to a person on that snapshot
select 'no category' as problem, t.district_sk, t.snapshot_date_sk, t.person_sk from dw.fct_talent_snapshot t
where not exists (
    select 1 from dw.fct_talent_category c
    where c.district_sk = t.district_sk and c.snapshot_date_sk = t.snapshot_date_sk and c.person_sk = t.person_sk
)
union all
select 'orphan category', c.district_sk, c.snapshot_date_sk, c.person_sk from dw.fct_talent_category c
where not exists (
    select 1 from dw.fct_talent_snapshot t
    where c.district_sk = t.district_sk and c.snapshot_date_sk = t.snapshot_date_sk and c.person_sk = t.person_sk
);
