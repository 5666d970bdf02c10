package cq.talentwarehouse.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.duckdb.DuckDBConnection;
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
		return run(workingCopy, null, null);
	}

	/**
	 * As {@link #run(Path)}, within DuckDB's {@code memoryLimit} (the build's; null: DuckDB's default,
	 * 80 % of the machine), spilling beside the working copy beyond it. On the database the build of
	 * this process left open ({@link OpenWorkingCopy}), else on the file opened read-only.
	 * {@code published}: the warehouse the working copy will replace (null or absent: none), whose
	 * people passed these tests when it was published, so that only the people this run added are
	 * checked for duplicates ({@code sql/tests/dim_person_unique.sql}).
	 */
	public static List<Failure> run(Path workingCopy, String memoryLimit, Path published) throws SQLException {
		return run(workingCopy, memoryLimit, published, (passed) -> {
		});
	}

	/** What runs on the tested database when every data test passed, before it is closed. */
	@FunctionalInterface
	public interface WhenPassed {

		void accept(Connection tested) throws SQLException;

	}

	/** As {@link #run(Path, String, Path)}, handing the tested database to {@code whenPassed} when every test passed. */
	public static List<Failure> run(Path workingCopy, String memoryLimit, Path published, WhenPassed whenPassed)
			throws SQLException {
		// the build of this process read them off its fresh copy of the published file; else the file is read
		String recorded = OpenWorkingCopy.peopleBefore(workingCopy);
		String peopleBefore = (recorded != null) ? recorded : peopleBefore(published);
		Connection kept = OpenWorkingCopy.take(workingCopy);
		try (Connection connection = (kept != null) ? kept : DuckDb.openReadOnly(workingCopy)) {
			// the build's database has its limit and spill folder already (DuckDB refuses to move a spill
			// folder it has used)
			if (memoryLimit != null && kept == null) {
				WarehouseBuilder.limitMemory(connection, workingCopy, memoryLimit);
			}
			List<Test> tests = new ArrayList<>();
			for (Resource test : DuckDb.sqlFiles("tests")) {
				String name = test.getFilename().replace(".sql", "");
				String text = DuckDb.text(test);
				List<String> statements = DuckDb.statements(text);
				tests.add(new Test(name, statements.subList(0, statements.size() - 1), statements.get(statements.size() - 1),
						QUEUED_FIRST.matcher(text).find()));
			}
			tests.add(new Test("dw_has_no_raw_id_numbers", List.of(), rawIdQuery(connection), false));
			List<Failure> failures = runAll(connection, tests, "set variable dim_person_before = " + peopleBefore);
			if (failures.isEmpty()) {
				whenPassed.accept(connection);
			}
			return failures;
		}
	}

	/**
	 * A test whose file says {@code -- queue: first} (it reads every row of a large table) is handed
	 * out before the others: started last, one would keep its connection busy after the other ran out
	 * of tests.
	 */
	private static final Pattern QUEUED_FIRST = Pattern.compile("(?m)^-- queue: first\\b");

	/**
	 * How long each test took when this process last ran it. A process that outlives its runs (a
	 * schedule) hands the slowest out first: in name order, the mart tests a night spends most on came
	 * last, and one connection ran them alone while the other had run out of tests.
	 */
	private static final Map<String, Long> LAST_NANOS = new ConcurrentHashMap<>();

	record Test(String name, List<String> setup, String query, boolean isQueuedFirst) {
	}

	/**
	 * The published warehouse's people as a SQL struct literal: their count and highest key, or a
	 * typed null when there is no published file or it cannot be read (then the whole dimension is checked).
	 */
	static String peopleBefore(Path published) {
		String unknown = "null::struct(max_sk bigint, people bigint)";
		if (published == null || !Files.isRegularFile(published)) {
			return unknown;
		}
		try (Connection connection = DuckDb.openReadOnly(published)) {
			return peopleOf(connection);
		}
		catch (SQLException ex) {
			log.debug("the published warehouse's people could not be read ({}); the whole dimension is checked", ex.getMessage());
			return unknown;
		}
	}

	/** The people of the warehouse on {@code connection} as {@link #peopleBefore} states them. */
	static String peopleOf(Connection connection) throws SQLException {
		try (Statement s = connection.createStatement();
				ResultSet rs = s.executeQuery("select coalesce(max(person_sk), 0), count(*) from dw.dim_person")) {
			rs.next();
			return "{'max_sk': " + rs.getLong(1) + "::bigint, 'people': " + rs.getLong(2) + "::bigint}";
		}
	}

	/**
	 * Most tests are small queries DuckDB runs on about one core: two connections of the one database
	 * (one memory limit) take them from a shared queue, and the failures come back in the tests' order.
	 * The database's threads are shared out between the connections (one each on two cores): a
	 * connection's own thread runs its query, and a small query's parallel set-up, with three threads
	 * on two cores, cost more than it saved (docs/scaling-decisions.md).
	 */
	static List<Failure> runAll(Connection connection, List<Test> tests, String variables) throws SQLException {
		int cores = Runtime.getRuntime().availableProcessors();
		int workers = Math.min(2, cores);
		try (Statement s = connection.createStatement()) {
			s.execute("set threads = " + Math.max(1, cores / workers));
		}
		Failure[] results = new Failure[tests.size()];
		int[] queue = queue(tests, LAST_NANOS);
		AtomicInteger next = new AtomicInteger();
		List<Thread> threads = new ArrayList<>();
		// a test that throws instead of failing must stop the publish, not pass unseen
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		// every connection is opened before a thread starts: a failure to open one leaves none running
		List<Connection> connections = new ArrayList<>(List.of(connection));
		try {
			while (connections.size() < workers) {
				connections.add(connection.unwrap(DuckDBConnection.class).duplicate());
			}
		}
		catch (SQLException ex) {
			connections.subList(1, connections.size()).forEach((c) -> close(c, errors));
			throw ex;
		}
		// a variable is a connection's own: each one that may take a test gets it
		for (Connection own : connections) {
			try (Statement s = own.createStatement()) {
				s.execute(variables);
			}
			catch (SQLException ex) {
				connections.subList(1, connections.size()).forEach((c) -> close(c, errors));
				throw ex;
			}
		}
		for (int w = 0; w < workers; w++) {
			Connection own = connections.get(w);
			Runnable work = () -> {
				try {
					for (int q = next.getAndIncrement(); q < queue.length; q = next.getAndIncrement()) {
						Test test = tests.get(queue[q]);
						results[queue[q]] = check(own, test.name(), test.setup(), test.query());
					}
				}
				catch (RuntimeException | Error ex) {
					errors.add(ex);
				}
				finally {
					if (own != connection) {
						close(own, errors);
					}
				}
			};
			if (w == workers - 1) {
				work.run();
			}
			else {
				Thread thread = new Thread(work, "data-tests-" + w);
				thread.start();
				threads.add(thread);
			}
		}
		for (Thread thread : threads) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SQLException("interrupted while the data tests ran", ex);
			}
		}
		if (!errors.isEmpty()) {
			throw new SQLException("the data tests could not run: " + errors.get(0), errors.get(0));
		}
		List<Failure> failures = new ArrayList<>();
		for (Failure failure : results) {
			if (failure != null) {
				failures.add(failure);
			}
		}
		return failures;
	}

	/**
	 * The order the tests are handed out in: slowest first when {@code lastNanos} has every test's last
	 * time, else the tests queued first, then the others, each group in name order.
	 */
	static int[] queue(List<Test> tests, Map<String, Long> lastNanos) {
		if (tests.stream().allMatch((test) -> lastNanos.containsKey(test.name()))) {
			return IntStream.range(0, tests.size()).boxed()
				.sorted(Comparator.comparing((Integer i) -> lastNanos.get(tests.get(i).name())).reversed())
				.mapToInt(Integer::intValue).toArray();
		}
		return IntStream.concat(IntStream.range(0, tests.size()).filter((i) -> tests.get(i).isQueuedFirst()),
				IntStream.range(0, tests.size()).filter((i) -> !tests.get(i).isQueuedFirst())).toArray();
	}

	private static void close(Connection connection, List<Throwable> errors) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			errors.add(ex);
		}
	}

	/**
	 * Runs a test's setup statements (a file's statements before its last: variables the query reads)
	 * and then its query, whose rows are the offenders.
	 */
	private static Failure check(Connection connection, String name, List<String> setup, String query) {
		if (query == null) {
			return null;
		}
		long t0 = System.nanoTime();
		try (Statement s = connection.createStatement()) {
			for (String statement : setup) {
				s.execute(statement);
			}
		}
		catch (SQLException ex) {
			return new Failure(name, 0, List.of("the test's setup failed: " + ex.getMessage()));
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
			long took = System.nanoTime() - t0;
			LAST_NANOS.put(name, took);
			log.debug("data test {} took {} ms", name, took / 1_000_000);
			return (rows > 0) ? new Failure(name, rows, sample) : null;
		}
		catch (SQLException ex) {
			return new Failure(name, 0, List.of("the test query failed: " + ex.getMessage()));
		}
	}

	private static String rawIdQuery(Connection connection) throws SQLException {
		List<String> parts = new ArrayList<>();
		// base tables only: the views of dw derive from them, and re-evaluating a view per column is
		// slow (docs/scaling-decisions.md)
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
