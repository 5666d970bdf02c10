package cq.talentwarehouse.report;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One row of a mart as text, read by column name; the report only prints and plots values. */
record Row(Map<String, String> values) {

	static List<Row> query(Connection connection, String sql) throws SQLException {
		List<Row> rows = new ArrayList<>();
		try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			ResultSetMetaData meta = rs.getMetaData();
			while (rs.next()) {
				Map<String, String> values = new LinkedHashMap<>();
				for (int c = 1; c <= meta.getColumnCount(); c++) {
					values.put(meta.getColumnLabel(c), rs.getString(c));
				}
				rows.add(new Row(values));
			}
		}
		return rows;
	}

	String text(String column) {
		if (!this.values.containsKey(column)) {
			throw new IllegalArgumentException("no column " + column + " in " + this.values.keySet());
		}
		return this.values.get(column);
	}

	/** The value as a number, null when SQL null. */
	Double number(String column) {
		String v = text(column);
		return (v == null) ? null : Double.valueOf(v);
	}

	double numberOrZero(String column) {
		Double v = number(column);
		return (v == null) ? 0 : v;
	}

	boolean flag(String column) {
		return Boolean.parseBoolean(text(column));
	}

}
