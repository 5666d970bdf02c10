-- A roster row's talent categories move into the fact row: fct_talent_snapshot.category_sks, the
-- category keys as a list sorted ascending, each key once (grain of the fact unchanged: one row per
-- person per district per roster snapshot). The bridge table it replaces held 10.4 M rows at city
-- scale; writing it and testing its grain and its match with the facts was 2.7 s of a 25 s load.
-- dw.fct_talent_category stays, as a view over the lists (R__dw_fct_talent_category.sql).
alter table dw.fct_talent_snapshot add column category_sks integer[];

update dw.fct_talent_snapshot t set category_sks = c.category_sks
from (
    select snapshot_date_sk, district_sk, person_sk, list_sort(list_distinct(list(category_sk))) as category_sks
    from dw.fct_talent_category
    group by all
) c
where c.snapshot_date_sk = t.snapshot_date_sk and c.district_sk = t.district_sk and c.person_sk = t.person_sk;

drop table dw.fct_talent_category;
