-- The shape of every dw and ops table as this build leaves it; the next build checks the published
-- file against it before building on it (a table changed by another client is not carried forward).
-- grain: one row per column of a dw or ops table; DDL: V018.
-- reads: duckdb_columns(), duckdb_tables(); writes: ops.schema_columns
delete from ops.schema_columns;

insert into ops.schema_columns
select c.schema_name, c.table_name, c.column_name, c.data_type, c.column_index
from duckdb_columns() c
join duckdb_tables() t
    on t.database_name = c.database_name and t.schema_name = c.schema_name and t.table_name = c.table_name
where c.database_name = current_database()
    and c.schema_name in ('dw', 'ops')
    and t.table_name <> 'schema_history';
