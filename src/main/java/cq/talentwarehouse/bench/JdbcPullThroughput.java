package cq.talentwarehouse.bench;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.postgresql.PGConnection;

import cq.talentwarehouse.pipeline.ColumnSpec;
import cq.talentwarehouse.pipeline.SourceDefinition;
import cq.talentwarehouse.pipeline.SourceKind;
import cq.talentwarehouse.source.JdbcPull;

/**
 * Staging one roster from a CSV file against staging the same rows pulled from PostgreSQL
 * ({@code format: jdbc}: cursor pull, spool, row digest, then the same read, normalize and write),
 * in alternated pairs, on one thread:
 *
 * <pre>
 * java -cp target/talent-warehouse.jar -Dloader.main=cq.talentwarehouse.bench.JdbcPullThroughput \
 *     org.springframework.boot.loader.launch.PropertiesLauncher ROSTER_CSV JDBC_URL USER WORKDIR [PAIRS]
 * </pre>
 *
 * The CSV is copied into table {@code bench_roster} first (text columns named as its header). Prints
 * {@code pair=<n> side=<csv|jdbc> records=<n> seconds=<t>}, then the medians and their ratio.
 */
public final class JdbcPullThroughput {

	private JdbcPullThroughput() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 4) {
			System.err.println("usage: JdbcPullThroughput ROSTER_CSV JDBC_URL USER WORKDIR [PAIRS]");
			System.exit(2);
		}
		Path csv = Path.of(args[0]);
		String url = args[1];
		String user = args[2];
		Path work = Files.createDirectories(Path.of(args[3]));
		int pairs = (args.length > 4) ? Integer.parseInt(args[4]) : 5;
		List<String> header = copyIntoTable(csv, url, user);
		Map<String, ColumnSpec> columns = Map.of("id_number", new ColumnSpec(List.of(header.get(0)), null), "name",
				new ColumnSpec(List.of(header.get(1)), null), "categories", new ColumnSpec(List.of(header.get(2)), "、"),
				"education", new ColumnSpec(List.of(header.get(3)), null));
		SourceDefinition file = new SourceDefinition(csv.getFileName().toString(), "csv", "UTF-8", null, 1.0, columns, Map.of());
		SourceDefinition jdbc = new SourceDefinition(null, "jdbc", null, null, 1.0, columns, Map.of(), null, null, null, null,
				null, null, null, null, null, null, new SourceDefinition.Datasource(url, user, null, null, null),
				"bench_roster", null, null, null, null);
		List<Double> csvSeconds = new ArrayList<>();
		List<Double> jdbcSeconds = new ArrayList<>();
		for (int pair = 1; pair <= pairs; pair++) {
			for (String side : (pair % 2 == 1) ? List.of("csv", "jdbc") : List.of("jdbc", "csv")) {
				long started = System.nanoTime();
				long records;
				if (side.equals("csv")) {
					records = stage(csv.getParent(), file, work.resolve("csv"));
				}
				else {
					Path folder = work.resolve("pulled");
					new JdbcPull(jdbc, SourceKind.ROSTER, System::getenv).pullAll(LocalDate.now(), (d) -> folder);
					System.out.printf(Locale.ROOT, "pair=%d side=jdbc pull_seconds=%.2f%n", pair,
							(System.nanoTime() - started) / 1e9);
					records = stage(folder, jdbc, work.resolve("jdbc"));
				}
				double seconds = (System.nanoTime() - started) / 1e9;
				(side.equals("csv") ? csvSeconds : jdbcSeconds).add(seconds);
				System.out.printf(Locale.ROOT, "pair=%d side=%s records=%d seconds=%.2f%n", pair, side, records, seconds);
			}
		}
		double c = median(csvSeconds);
		double j = median(jdbcSeconds);
		System.out.printf(Locale.ROOT, "median csv=%.2f s jdbc=%.2f s ratio jdbc/csv=%.2f%n", c, j, j / c);
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	/** {@code CSV_FILE TABLE JDBC_URL USER}: copies a UTF-8 CSV (BOM and CRLF allowed) into a new table of text columns. */
	public static final class CsvToPostgres {

		private CsvToPostgres() {
		}

		public static void main(String[] args) throws Exception {
			if (args.length < 4) {
				System.err.println("usage: CsvToPostgres CSV_FILE TABLE JDBC_URL USER");
				System.exit(2);
			}
			copyIntoTable(Path.of(args[0]), args[1], args[2], args[3]);
		}

	}

	private static List<String> copyIntoTable(Path csv, String url, String user) throws Exception {
		return copyIntoTable(csv, "bench_roster", url, user);
	}

	static List<String> copyIntoTable(Path csv, String table, String url, String user) throws Exception {
		List<String> header;
		try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
			header = List.of(new java.io.BufferedReader(in).readLine().replace("\uFEFF", "").strip().split(","));
		}
		try (Connection c = DriverManager.getConnection(url, user, System.getenv().getOrDefault("PGPASSWORD", ""));
				Statement s = c.createStatement()) {
			s.execute("drop table if exists " + table);
			StringBuilder ddl = new StringBuilder("create table " + table + " (");
			for (int i = 0; i < header.size(); i++) {
				ddl.append((i == 0) ? "" : ", ").append('"').append(header.get(i)).append("\" text");
			}
			s.execute(ddl.append(')').toString());
			try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
				long rows = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + table + " from stdin (format csv, header true)", in);
				System.out.println("copied " + rows + " rows into " + table);
			}
			s.execute("vacuum analyze " + table);
		}
		return header;
	}

	/** Stages the roster as the staging benchmark's write phase does (read, normalize, write). */
	private static long stage(Path folder, SourceDefinition source, Path work) throws Exception {
		Files.createDirectories(work);
		return StagingThroughput.run("write", "500116", folder, source, LocalDate.now(), work);
	}

}
