-- unique and not null: person_sk and person_id
select person_id, count(*) as n from dw.dim_person group by person_id having count(*) > 1
union all
select cast(person_sk as varchar), count(*) from dw.dim_person group by person_sk having count(*) > 1
union all
select 'null person_id', count(*) from dw.dim_person where person_id is null having count(*) > 0;
