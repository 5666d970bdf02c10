package cq.talentwarehouse.load;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The published file's tables as the last build left them ({@code ops.schema_columns}): a build
 * refuses to carry forward a file whose dw or ops tables another client changed since — views it
 * simply re-creates, lost rows it cannot.
 */
final class SchemaCheck {

	private static final String ACTUAL = "select c.schema_name, c.table_name, c.column_name, c.data_type"
			+ " from duckdb_columns() c join duckdb_tables() t on t.database_name = c.database_name"
			+ " and t.schema_name = c.schema_name and t.table_name = c.table_name"
			+ " where c.database_name = current_database() and c.schema_name in ('dw', 'ops')"
			+ " and t.table_name <> 'schema_history'";

	private SchemaCheck() {
	}

	static void requireUnchanged(Connection connection, Path published) throws SQLException {
		List<String> differences = new ArrayList<>();
		try (Statement s = connection.createStatement()) {
			try (ResultSet rs = s.executeQuery("select count(*) from duckdb_tables() where database_name = current_database()"
					+ " and schema_name = 'ops' and table_name = 'schema_columns'")) {
				rs.next();
				if (rs.getLong(1) == 0) {
					return; // a warehouse built before the shape was recorded
				}
			}
			try (ResultSet rs = s.executeQuery("with recorded as (select schema_name, table_name, column_name, data_type"
					+ " from ops.schema_columns), actual as (" + ACTUAL + ")"
					+ " select coalesce(r.schema_name, a.schema_name) || '.' || coalesce(r.table_name, a.table_name),"
					+ " coalesce(r.column_name, a.column_name), r.data_type, a.data_type,"
					+ " exists (select 1 from actual x where x.schema_name = r.schema_name and x.table_name = r.table_name)"
					+ " from recorded r full outer join actual a on a.schema_name = r.schema_name"
					+ " and a.table_name = r.table_name and a.column_name = r.column_name"
					+ " where r.data_type is distinct from a.data_type order by 1, 2")) {
				while (rs.next() && differences.size() < 10) {
					String table = rs.getString(1);
					String column = rs.getString(2);
					String recorded = rs.getString(3);
					String actual = rs.getString(4);
					if (actual == null && !rs.getBoolean(5)) {
						String missing = "table " + table + " is missing";
						if (!differences.contains(missing)) {
							differences.add(missing);
						}
					}
					else if (actual == null) {
						differences.add("column " + table + "." + column + " is missing");
					}
					else if (recorded == null) {
						differences.add("column " + table + "." + column + " was added");
					}
					else {
						differences.add("column " + table + "." + column + " is " + actual + ", was " + recorded);
					}
				}
			}
		}
		if (!differences.isEmpty()) {
			throw new SQLException("the published warehouse " + published + " was changed outside the load since it was"
					+ " published (" + String.join("; ", differences) + "), so it is not built on: restore it from a backup"
					+ " (or move it aside and load every snapshot again with run --force)");
		}
	}

}
