package cq.talentwarehouse.serve;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rows and descriptions of a relation in DuckDB and in PostgreSQL, as comparable text. */
final class ServedComparison {

	private ServedComparison() {
	}

	/** Every row of a relation, each value normalised so that equal values of both engines read alike; sorted. */
	static List<String> rows(Connection c, String relation) throws SQLException {
		List<String> rows = new ArrayList<>();
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select * from " + relation)) {
			int n = rs.getMetaData().getColumnCount();
			while (rs.next()) {
				StringBuilder b = new StringBuilder();
				for (int i = 1; i <= n; i++) {
					b.append(i > 1 ? " | " : "").append(normalise(rs.getObject(i)));
				}
				rows.add(b.toString());
			}
		}
		Collections.sort(rows);
		return rows;
	}

	static String normalise(Object value) {
		if (value == null) {
			return "null";
		}
		if (value instanceof Double || value instanceof Float) {
			return "double " + ((Number) value).doubleValue();
		}
		if (value instanceof BigDecimal d) {
			return "decimal " + d.stripTrailingZeros().toPlainString();
		}
		if (value instanceof Number n) {
			return "integer " + new BigInteger(n.toString());
		}
		if (value instanceof java.sql.Date d) {
			return "date " + d.toLocalDate();
		}
		if (value instanceof java.time.LocalDate d) {
			return "date " + d;
		}
		if (value instanceof java.sql.Timestamp t) {
			return "timestamp " + t.toLocalDateTime();
		}
		if (value instanceof java.time.LocalDateTime t) {
			return "timestamp " + t;
		}
		return value.getClass().getSimpleName().replace("String", "text") + " " + value;
	}

	/** PostgreSQL: the comment of a table and of each of its columns, keyed "" and the column name. */
	static Map<String, String> postgresComments(Connection pg, String schema, String table) throws SQLException {
		Map<String, String> comments = new LinkedHashMap<>();
		try (var s = pg.prepareStatement("select '' as name, obj_description(c.oid, 'pg_class'), 0 from pg_class c"
				+ " join pg_namespace n on n.oid = c.relnamespace where n.nspname = ? and c.relname = ?"
				+ " union all select a.attname, col_description(c.oid, a.attnum), a.attnum from pg_attribute a"
				+ " join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace"
				+ " where n.nspname = ? and c.relname = ? and a.attnum > 0 and not a.attisdropped order by 3")) {
			s.setString(1, schema);
			s.setString(2, table);
			s.setString(3, schema);
			s.setString(4, table);
			try (ResultSet rs = s.executeQuery()) {
				while (rs.next()) {
					comments.put(rs.getString(1), rs.getString(2));
				}
			}
		}
		return comments;
	}

	/** DuckDB: the same for a view or table. */
	static Map<String, String> duckdbComments(Connection duckdb, String schema, String table) throws SQLException {
		Map<String, String> comments = new LinkedHashMap<>();
		try (var s = duckdb.prepareStatement("select comment from duckdb_views() where schema_name = ? and view_name = ?"
				+ " union all select comment from duckdb_tables() where schema_name = ? and table_name = ?")) {
			s.setString(1, schema);
			s.setString(2, table);
			s.setString(3, schema);
			s.setString(4, table);
			try (ResultSet rs = s.executeQuery()) {
				rs.next();
				comments.put("", rs.getString(1));
			}
		}
		try (var s = duckdb.prepareStatement("select column_name, comment from duckdb_columns() where schema_name = ?"
				+ " and table_name = ? order by column_index")) {
			s.setString(1, schema);
			s.setString(2, table);
			try (ResultSet rs = s.executeQuery()) {
				while (rs.next()) {
					comments.put(rs.getString(1), rs.getString(2));
				}
			}
		}
		return comments;
	}

}
