-- personal data: a person's id is a keyed pseudonym — 128 HMAC bits held as a UUID, whose text
-- form cannot spell a resident ID number (at most 12 digits in a row) — and never missing
select person_sk, person_id from dw.dim_person
where person_id is null or typeof(person_id) <> 'UUID';
