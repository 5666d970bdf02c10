-- personal data: a person's id is a keyed pseudonym (32 letters a-p), never a raw ID number
select person_sk, person_id from dw.dim_person
where not regexp_full_match(person_id, '[a-p]{32}');
