-- New people get a surrogate key; known people keep theirs (pseudonyms are stable across loads).
insert into dw.dim_person (person_sk, person_id, gender, birth_year)
select nextval('dw.seq_person_sk'), s.person_id, s.gender, s.birth_year
from (
    select person_id, any_value(gender) as gender, any_value(cast(birth_year as integer)) as birth_year
    -- duplicates carry the same person, so the staged roster serves as it is
    from stg_roster
    group by person_id
) s
where not exists (select 1 from dw.dim_person p where p.person_id = s.person_id);
