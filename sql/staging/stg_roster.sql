-- grain: one row per accepted roster record (one per person) of a district snapshot this build loads: the
-- staged files (staged_roster_files, <kind>/district_code=/snapshot_date= folders) read in the
-- columns and types of SourceKind's staged columns (staged_roster_columns), narrowed here.
-- writes: temp table stg_roster; temp types stg_gender, stg_education, stg_title, stg_skill_level,
--   stg_talent_level (040_fct_talent_snapshot joins the vocabulary dimensions on them), stg_categories,
--   stg_district
-- A temp table is held uncompressed, and at city scale this one is the build's largest: a vocabulary
-- code is held as an enum of its seed's codes (one byte, where a string took 4 + its length), the line
-- as an integer, the birth year as a smallint. Staging accepted only codes of these seeds (the build
-- reads the run's copy of them), so every staged code is in its enum.
create or replace temp type stg_gender as enum ('F', 'M');

create or replace temp type stg_education as enum (select education_code from seed.education_levels);

create or replace temp type stg_title as enum (select title_code from seed.professional_titles);

create or replace temp type stg_skill_level as enum (select skill_code from seed.skill_levels);

create or replace temp type stg_talent_level as enum (select level_code from seed.talent_levels);

-- the district of each row's folder, as an enum of the seeds' districts (040 casts the few feed rows
-- it joins to it)
create or replace temp type stg_district as enum (select district_code from seed.districts order by 1);

-- A category list ('a|b') is one of the few hundred the staging writer listed beside each staged file
-- (values/source=roster/...): as an enum of them a byte or two a row, where the string took sixteen
-- and its characters, and 040 joins and groups them as numbers. A snapshot staged without the list
-- (by a version before it, then resumed) has its file read for them.
create or replace temp type stg_categories as enum (
    select value
    from read_csv(getvariable('staged_values_files'),
        header = true, auto_detect = false, columns = {'column_name': 'VARCHAR', 'value': 'VARCHAR'},
        hive_partitioning = true, hive_types = {'source': 'VARCHAR', 'district_code': 'VARCHAR', 'snapshot_date': 'DATE'})
    where source = 'roster' and column_name = 'categories'
    union
    -- only the lists are read here, so a pseudonym is left as text
    select categories
    from read_csv(getvariable('staged_roster_unlisted_files'),
        header = true, delim = ',', quote = '', escape = '', auto_detect = false,
        columns = struct_update(getvariable('staged_roster_columns'), person_id := 'VARCHAR'),
        hive_partitioning = true, hive_types = {'district_code': 'VARCHAR', 'snapshot_date': 'DATE'})
    where categories is not null
    order by 1
);

create or replace temp table stg_roster as
select * replace (
    -- the writer stages a pseudonym as 32 hex digits: decoded as 16 bytes it costs a fraction of
    -- DuckDB's UUID parser; another spelling (hyphens, braces) takes the cast, and a value neither
    -- reads fails the file's district like any value that does not convert (never a null)
    coalesce(
        try(cast(from_hex(person_id) as uuid)),
        try_cast(person_id as uuid),
        case when person_id is not null then error('Error when converting column "person_id". Could not convert string "'
            || person_id || '" to UUID; file = roster/district_code=' || district_code || '/snapshot_date='
            || snapshot_date || '/data.csv') end
    ) as person_id,
    -- a folder's one value, cast once a vector; never cast for the empty file of a night without rosters
    cast(district_code as stg_district) as district_code
)
from read_csv(
    getvariable('staged_roster_files'),
    -- the staging writer's own dialect, stated: no sniffing of 38 files. A roster stages only
    -- pseudonyms, years, seed codes and validated credit codes, none with a comma, quote or line
    -- break, so the writer never quotes one: quoting off spares DuckDB's parser its quote state
    header = true, delim = ',', quote = '', escape = '', auto_detect = false,
    columns = struct_update(getvariable('staged_roster_columns'),
        line := 'INTEGER',
        person_id := 'VARCHAR',
        gender := 'stg_gender',
        birth_year := 'SMALLINT',
        categories := 'stg_categories',
        education_code := 'stg_education',
        title_code := 'stg_title',
        skill_level_code := 'stg_skill_level',
        talent_level_code := 'stg_talent_level'),
    hive_partitioning = true, hive_types = {'district_code': 'VARCHAR', 'snapshot_date': 'DATE'}
);
