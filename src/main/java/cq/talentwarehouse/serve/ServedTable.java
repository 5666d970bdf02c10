package cq.talentwarehouse.serve;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One relation of the published DuckDB warehouse as it is served: a table of the same schema, name
 * and columns in PostgreSQL, with the DuckDB descriptions as comments.
 *
 * @param schema mart or ops
 * @param name the relation's name
 * @param description its DuckDB comment, null if none
 * @param columns its columns in DuckDB's order
 */
public record ServedTable(String schema, String name, String description, List<Column> columns) {

	/** The ops relations an operations dashboard reads: run log and counts, never a record-level value. */
	public static final List<String> OPS_RELATIONS = List.of("runs", "district_results", "source_counts",
			"quarantine_by_rule", "warning_counts");

	/**
	 * @param name column name
	 * @param duckType DuckDB type, e.g. VARCHAR, HUGEINT, DECIMAL(18,2)
	 * @param description its DuckDB comment, null if none
	 */
	public record Column(String name, String duckType, String description) {

		/** The PostgreSQL type that keeps the values faithfully; an unknown type fails loudly. */
		String postgresType(String table) {
			String t = this.duckType.toUpperCase(Locale.ROOT);
			if (t.startsWith("DECIMAL") || t.startsWith("NUMERIC")) {
				return t.replace("DECIMAL", "numeric").replace("NUMERIC", "numeric");
			}
			return switch (t) {
				case "VARCHAR", "TEXT" -> "text";
				case "UUID" -> "uuid";
				case "BOOLEAN" -> "boolean";
				case "TINYINT", "SMALLINT", "UTINYINT" -> "smallint";
				case "INTEGER", "USMALLINT" -> "integer";
				// HUGEINT is what DuckDB's sum() returns; counts fit bigint, and the export's cast fails on one that does not
				case "BIGINT", "UINTEGER", "HUGEINT" -> "bigint";
				case "UBIGINT" -> "numeric(20)";
				case "FLOAT" -> "real";
				case "DOUBLE" -> "double precision";
				case "DATE" -> "date";
				case "TIMESTAMP" -> "timestamp";
				case "TIMESTAMP WITH TIME ZONE" -> "timestamptz";
				case "TIME" -> "time";
				case "INTERVAL" -> "interval";
				default -> throw new ServeException("Cannot serve " + table + "." + this.name + ": its DuckDB type " + this.duckType
						+ " has no faithful PostgreSQL type here; cast it in the view to one of VARCHAR, BOOLEAN, an integer,"
						+ " DECIMAL, DOUBLE, DATE or TIMESTAMP.");
			};
		}

		/** The DuckDB expression that writes the column for COPY: HUGEINT narrowed to BIGINT, failing on overflow. */
		String exportExpression() {
			String quoted = quote(this.name);
			return this.duckType.equalsIgnoreCase("HUGEINT") || this.duckType.equalsIgnoreCase("UINTEGER")
					? "cast(" + quoted + " as bigint) as " + quoted : quoted;
		}

	}

	public String qualifiedName() {
		return this.schema + "." + this.name;
	}

	public boolean hasColumn(String column) {
		return this.columns.stream().anyMatch((c) -> c.name().equals(column));
	}

	/** Every mart view and the dashboard's ops relations of a published warehouse, in name order. */
	public static List<ServedTable> list(Connection duckdb) throws SQLException {
		List<ServedTable> tables = new ArrayList<>();
		tables.addAll(read(duckdb, "mart", null));
		List<ServedTable> ops = read(duckdb, "ops", OPS_RELATIONS);
		for (String name : OPS_RELATIONS) {
			if (ops.stream().noneMatch((t) -> t.name().equals(name))) {
				throw new ServeException("The published warehouse has no ops." + name + "; it was built by an older version:"
						+ " run `run --force` once to rebuild it.");
			}
		}
		tables.addAll(ops);
		return tables;
	}

	private static List<ServedTable> read(Connection duckdb, String schema, List<String> only) throws SQLException {
		Map<String, String> descriptions = new LinkedHashMap<>();
		try (PreparedStatement relations = duckdb.prepareStatement("select view_name, comment from duckdb_views()"
				+ " where schema_name = ? and not internal union all select table_name, comment from duckdb_tables()"
				+ " where schema_name = ? order by 1")) {
			relations.setString(1, schema);
			relations.setString(2, schema);
			try (ResultSet rs = relations.executeQuery()) {
				while (rs.next()) {
					if (only == null || only.contains(rs.getString(1))) {
						descriptions.put(rs.getString(1), rs.getString(2));
					}
				}
			}
		}
		Map<String, List<Column>> columns = new LinkedHashMap<>();
		try (PreparedStatement query = duckdb.prepareStatement("select table_name, column_name, data_type, comment"
				+ " from duckdb_columns() where schema_name = ? order by table_name, column_index")) {
			query.setString(1, schema);
			try (ResultSet rs = query.executeQuery()) {
				while (rs.next()) {
					columns.computeIfAbsent(rs.getString(1), (k) -> new ArrayList<>())
						.add(new Column(rs.getString(2), rs.getString(3), rs.getString(4)));
				}
			}
		}
		List<ServedTable> out = new ArrayList<>();
		descriptions.forEach((name, description) -> out
			.add(new ServedTable(schema, name, description, List.copyOf(columns.getOrDefault(name, List.of())))));
		return out;
	}

	/** A SQL identifier in double quotes (valid in DuckDB and PostgreSQL). */
	static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

}
