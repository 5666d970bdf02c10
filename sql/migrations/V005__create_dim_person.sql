-- grain: one row per person (keyed pseudonym of the resident ID number: HMAC-SHA256, 128 bits as 32 letters a-p).
-- Raw ID numbers and names never reach this schema; gender and birth year come from the ID number.
create sequence dw.seq_person_sk start 1;

create table dw.dim_person (
    person_sk bigint not null,
    person_id varchar not null,
    gender varchar,
    birth_year integer
);
