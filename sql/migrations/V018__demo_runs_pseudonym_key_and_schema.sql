-- A run that loaded extracts written by the demo generator says so.
alter table ops.runs add column is_demo boolean default false;

-- grain: one row — which key made the warehouse's person pseudonyms: a fingerprint (64 bits of an
-- HMAC of a fixed text under the key), never the key. A run with another key refuses.
create table ops.pseudonym_key (
    fingerprint varchar not null,
    recorded_at timestamp not null,
    run_id varchar not null
);

-- grain: one row per column of every dw and ops table as the last build left them; the next build
-- compares the published file against it, so a table changed by another client is not carried forward.
create table ops.schema_columns (
    schema_name varchar not null,
    table_name varchar not null,
    column_name varchar not null,
    data_type varchar not null,
    column_index integer not null
);
