package cq.talentwarehouse.source;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The fast way to spool a pull from PostgreSQL (and the servers that speak its protocol): the
 * server writes the rows as CSV itself ({@code COPY (select …) TO STDOUT}), so the pull costs the
 * bytes and not a Java object per cell. Used only where that CSV holds the very text the cursor
 * path writes — every column of a type whose PostgreSQL text equals it (character types,
 * integers, numeric, date) and date parameters that can be written as literals; any other query
 * is read through the cursor.
 */
final class PostgresCopySpool {

	/** Types whose text in PostgreSQL's CSV equals the cursor path's (see JdbcCells.text). */
	private static final Set<String> SAME_TEXT = Set.of("text", "varchar", "bpchar", "int2", "int4", "int8", "numeric",
			"date");

	private PostgresCopySpool() {
	}

	/** The query with its parameters as SQL literals, or null when one cannot be written safely. */
	static String inline(String select, String dateColumn, List<Object> parameters) {
		if (dateColumn == null) {
			return select;
		}
		StringBuilder sql = new StringBuilder(select).append(" where ").append(dateColumn).append(" in (");
		for (int i = 0; i < parameters.size(); i++) {
			String literal = literal(parameters.get(i));
			if (literal == null) {
				return null;
			}
			sql.append((i == 0) ? "" : ", ").append(literal);
		}
		return sql.append(')').toString();
	}

	private static String literal(Object value) {
		if (value instanceof java.sql.Date d) {
			return "date '" + d.toLocalDate() + "'";
		}
		if (value instanceof java.time.LocalDate d) {
			return "date '" + d + "'";
		}
		if (value instanceof java.sql.Timestamp t) {
			return "timestamp '" + t.toLocalDateTime() + "'";
		}
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof BigDecimal) {
			return value.toString();
		}
		// a backslash would depend on standard_conforming_strings; such a value goes through the cursor
		if (value instanceof String s && s.indexOf('\\') < 0 && s.indexOf('\0') < 0) {
			return "'" + s.replace("'", "''") + "'";
		}
		return null;
	}

	/**
	 * The column labels when the query can be spooled by COPY with the same text as the cursor
	 * path, else null (not PostgreSQL's driver, or a column of another type).
	 */
	static List<String> labelsIfSameText(Connection c, String sql) throws SQLException {
		if (sql == null || !c.isWrapperFor(PGConnection.class)) {
			return null;
		}
		try (PreparedStatement s = c.prepareStatement(sql)) {
			ResultSetMetaData meta = s.getMetaData();
			if (meta == null) {
				return null;
			}
			List<String> labels = new ArrayList<>();
			for (int i = 1; i <= meta.getColumnCount(); i++) {
				if (!SAME_TEXT.contains(meta.getColumnTypeName(i).toLowerCase(Locale.ROOT))) {
					return null;
				}
				labels.add(meta.getColumnLabel(i));
			}
			return labels;
		}
	}

	/**
	 * Copies the query's rows into {@code out} as CSV with a header, each row added to the digest as
	 * its bytes (PostgreSQL sends every row of a COPY as one message).
	 *
	 * @return the number of rows
	 */
	static long copy(Connection c, String sql, long timeoutMillis, OutputStream out, RowDigest digest)
			throws SQLException, IOException {
		try (Statement s = c.createStatement()) {
			// COPY takes no JDBC query timeout; dates in ISO whatever the server's DateStyle
			s.execute("set local statement_timeout = " + Math.max(1, timeoutMillis));
			s.execute("set local datestyle = 'ISO, YMD'");
		}
		CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI()
			.copyOut("copy (" + sql + ") to stdout with (format csv, header true, encoding 'UTF8')");
		try {
			byte[] row = copy.readFromCopy();
			if (row != null) {
				out.write(row); // the header
			}
			while ((row = copy.readFromCopy()) != null) {
				out.write(row);
				digest.add(row);
			}
			return copy.getHandledRowCount();
		}
		finally {
			if (copy.isActive()) {
				copy.cancelCopy();
			}
		}
	}

}
