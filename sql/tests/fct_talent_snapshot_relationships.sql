-- relationships: every talent fact points at an existing person, district and date
select 'person' as dim, t.person_sk as sk from dw.fct_talent_snapshot t
where not exists (select 1 from dw.dim_person p where p.person_sk = t.person_sk)
union all
select 'district', t.district_sk from dw.fct_talent_snapshot t
where not exists (select 1 from dw.dim_district d where d.district_sk = t.district_sk)
union all
select 'date', t.snapshot_date_sk from dw.fct_talent_snapshot t
where not exists (select 1 from dw.dim_date d where d.date_sk = t.snapshot_date_sk);
