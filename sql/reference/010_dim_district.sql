-- dw.dim_district, the conformed district dimension, refreshed from the districts seed.
-- Runs when the working copy is prepared, after the seeds and migrations (it reads only seeds), not in the build.
-- grain: one row per district code per validity period (a code changed in 2025 keeps both rows).
-- reads: seed.districts; writes: dw.dim_district (DDL: V002)
-- Surrogate keys stay stable: new rows get new keys, known rows keep theirs and take new names.

insert into dw.dim_district (district_sk, district_code, district_name, short_name, region, subregion,
    valid_from, valid_to, is_current, resident_population, population_year, population_source)
select nextval('dw.seq_district_sk'), s.district_code, s.district_name, nullif(s.short_name, ''), s.region,
    nullif(s.subregion, ''), cast(s.valid_from as date), cast(nullif(s.valid_to, '') as date), nullif(s.valid_to, '') is null,
    cast(round(cast(nullif(s.population_10k, '') as decimal(10, 2)) * 10000) as integer),
    cast(nullif(s.population_year, '') as integer), nullif(s.population_source, '')
from seed.districts s
where not exists (
    select 1 from dw.dim_district d where d.district_code = s.district_code and d.valid_from = cast(s.valid_from as date)
);

update dw.dim_district d set
    district_name = s.district_name,
    short_name = nullif(s.short_name, ''),
    region = s.region,
    subregion = nullif(s.subregion, ''),
    valid_to = cast(nullif(s.valid_to, '') as date),
    is_current = nullif(s.valid_to, '') is null,
    resident_population = cast(round(cast(nullif(s.population_10k, '') as decimal(10, 2)) * 10000) as integer),
    population_year = cast(nullif(s.population_year, '') as integer),
    population_source = nullif(s.population_source, '')
from seed.districts s
where d.district_code = s.district_code and d.valid_from = cast(s.valid_from as date);
