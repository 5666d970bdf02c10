package cq.talentwarehouse.load;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.io.Resource;

/**
 * dbt-style data tests run on the working copy before it may be published: each file in
 * {@code sql/tests/} selects offending rows and passes when it selects none. One more test, in
 * Java because it spans every text column, checks that no raw resident ID number reached
 * {@code dw}. Credit-code columns are left out: a unified social credit code is 18 characters too,
 * often all digits, and is no personal data.
 */
public final class WarehouseTests {

	private WarehouseTests() {
	}

	/** A failed test: its name, how many rows offend, and the first few of them. */
	public record Failure(String test, long rows, List<String> sample) {

		@Override
		public String toString() {
			return this.test + ": " + this.rows + " offending row(s), e.g. " + String.join("; ", this.sample);
		}

	}

	public static List<Failure> run(Path workingCopy) throws SQLException {
		List<Failure> failures = new ArrayList<>();
		try (Connection connection = DuckDb.openReadOnly(workingCopy)) {
			for (Resource test : DuckDb.sqlFiles("tests")) {
				String name = test.getFilename().replace(".sql", "");
				List<String> statements = DuckDb.statements(DuckDb.text(test));
				check(connection, name, statements.get(statements.size() - 1), failures);
			}
			check(connection, "dw_has_no_raw_id_numbers", rawIdQuery(connection), failures);
		}
		return failures;
	}

	private static void check(Connection connection, String name, String query, List<Failure> failures)
			throws SQLException {
		if (query == null) {
			return;
		}
		try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
			ResultSetMetaData meta = rs.getMetaData();
			long rows = 0;
			List<String> sample = new ArrayList<>();
			while (rs.next()) {
				rows++;
				if (sample.size() < 5) {
					StringBuilder row = new StringBuilder("(");
					for (int c = 1; c <= meta.getColumnCount(); c++) {
						row.append(c > 1 ? ", " : "").append(meta.getColumnLabel(c)).append('=').append(rs.getString(c));
					}
					sample.add(row.append(')').toString());
				}
			}
			if (rows > 0) {
				failures.add(new Failure(name, rows, sample));
			}
		}
		catch (SQLException ex) {
			failures.add(new Failure(name, 0, List.of("the test query failed: " + ex.getMessage())));
		}
	}

	private static String rawIdQuery(Connection connection) throws SQLException {
		List<String> parts = new ArrayList<>();
		String columns = "select table_schema, table_name, column_name from information_schema.columns "
				+ "where table_schema = 'dw' and data_type = 'VARCHAR' and column_name <> 'uscc'"
				// person_id has its own, stricter test (dim_person_id_is_a_pseudonym); scanning it here
				// again would double the cost on millions of rows
				+ " and not (table_name = 'dim_person' and column_name = 'person_id')"
				// run ids are the warehouse's own (run-20261125T...); scanning them in every fact row
				// was most of a city-wide load's test time
				+ " and column_name <> 'run_id' order by all";
		try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(columns)) {
			while (rs.next()) {
				String table = rs.getString(1) + "." + rs.getString(2);
				String column = rs.getString(3);
				parts.add("select '" + table + "." + column + "' as column_name, " + column + " as value from " + table
						+ " where regexp_matches(" + column + ", '(^|[^0-9])[0-9]{17}[0-9Xx]([^0-9]|$)')");
			}
		}
		return parts.isEmpty() ? null : String.join(" union all ", parts);
	}

}
