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
 * {@code sql/tests/} selects offending rows and passes when it selects none (statements before that
 * query may set variables it reads). One more test, in
 * Java because it spans every text column, checks that no raw resident ID number reached
 * {@code dw}. Credit-code columns are left out: a unified social credit code is 18 characters too,
 * often all digits, and is no personal data.
 */
public final class WarehouseTests {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(WarehouseTests.class);

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
		return run(workingCopy, null);
	}

	/**
	 * As {@link #run(Path)}, within DuckDB's {@code memoryLimit} (the build's; null: DuckDB's default,
	 * 80 % of the machine), spilling beside the working copy beyond it.
	 */
	public static List<Failure> run(Path workingCopy, String memoryLimit) throws SQLException {
		List<Failure> failures = new ArrayList<>();
		try (Connection connection = DuckDb.openReadOnly(workingCopy)) {
			if (memoryLimit != null) {
				WarehouseBuilder.limitMemory(connection, workingCopy, memoryLimit);
			}
			for (Resource test : DuckDb.sqlFiles("tests")) {
				String name = test.getFilename().replace(".sql", "");
				List<String> statements = DuckDb.statements(DuckDb.text(test));
				check(connection, name, statements.subList(0, statements.size() - 1),
						statements.get(statements.size() - 1), failures);
			}
			check(connection, "dw_has_no_raw_id_numbers", List.of(), rawIdQuery(connection), failures);
		}
		return failures;
	}

	/**
	 * Runs a test's setup statements (a file's statements before its last: variables the query reads)
	 * and then its query, whose rows are the offenders.
	 */
	private static void check(Connection connection, String name, List<String> setup, String query,
			List<Failure> failures) throws SQLException {
		if (query == null) {
			return;
		}
		long t0 = System.nanoTime();
		try (Statement s = connection.createStatement()) {
			for (String statement : setup) {
				s.execute(statement);
			}
		}
		catch (SQLException ex) {
			failures.add(new Failure(name, 0, List.of("the test's setup failed: " + ex.getMessage())));
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
			log.debug("data test {} took {} ms", name, (System.nanoTime() - t0) / 1_000_000);
		}
		catch (SQLException ex) {
			failures.add(new Failure(name, 0, List.of("the test query failed: " + ex.getMessage())));
		}
	}

	private static String rawIdQuery(Connection connection) throws SQLException {
		List<String> parts = new ArrayList<>();
		// base tables only: the views of dw derive from them, and re-evaluating a view per column is
		// slow (docs/scaling.md, "Why the code is as it is")
		String columns = "select c.table_schema, c.table_name, c.column_name from information_schema.columns c "
				+ "join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name "
				+ "and t.table_type = 'BASE TABLE' "
				+ "where c.table_schema = 'dw' and c.data_type = 'VARCHAR' and c.column_name <> 'uscc'"
				// person_id has its own, stricter test (dim_person_id_is_a_pseudonym); scanning it here
				// again would double the cost on millions of rows
				+ " and not (c.table_name = 'dim_person' and c.column_name = 'person_id')"
				// run ids are the warehouse's own (run-20261125T...), and in every fact row
				+ " and c.column_name <> 'run_id' order by all";
		try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(columns)) {
			while (rs.next()) {
				String table = rs.getString(1) + "." + rs.getString(2);
				String column = rs.getString(3);
				parts.add("select '" + table + "." + column + "' as column_name, " + column + " as value from " + table
						// the length first: most text columns are short codes, cheaper to rule out by length
						+ " where length(" + column + ") >= 18 and regexp_matches(" + column
						+ ", '(^|[^0-9])[0-9]{17}[0-9Xx]([^0-9]|$)')");
			}
		}
		return parts.isEmpty() ? null : String.join(" union all ", parts);
	}

}
