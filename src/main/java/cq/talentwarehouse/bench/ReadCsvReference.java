package cq.talentwarehouse.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;

import cq.talentwarehouse.load.DuckDb;
import cq.talentwarehouse.reference.ReferenceData;
import cq.talentwarehouse.pipeline.LandingZone;
import cq.talentwarehouse.pipeline.PipelineCatalog;
import cq.talentwarehouse.pipeline.PipelineDefinition;
import cq.talentwarehouse.pipeline.SourceDefinition;
import cq.talentwarehouse.pipeline.SourceKind;

/**
 * The yardsticks of the municipal benchmark ({@code bench/municipal.sh}), run from the fat jar:
 *
 * <pre>
 * java -cp target/talent-warehouse.jar -Dloader.main=cq.talentwarehouse.bench.ReadCsvReference \
 *     org.springframework.boot.loader.launch.PropertiesLauncher csv PIPELINES LANDING WORKDIR
 * java -cp ... views WAREHOUSE
 * </pre>
 *
 * <p>{@code csv}: how long DuckDB itself takes to ingest the same raw files the load reads —
 * {@code create table t_i as select * from read_csv(file, header = true, all_varchar = true)} for
 * every CSV source of every snapshot (and {@code read_json} for downloaded JSON pages), into a fresh
 * database file with the warehouse's storage compatibility, checkpointed. Files in an encoding
 * DuckDB cannot decode (GB18030) are first copied to UTF-8 under WORKDIR, untimed. Workbooks are
 * left out (DuckDB reads xlsx only through an extension the driver does not bundle) and counted as
 * skipped. Prints {@code duckdb_files}, {@code duckdb_skipped}, {@code duckdb_rows},
 * {@code duckdb_s}.
 *
 * <p>{@code views}: each {@code mart} view of a published warehouse read in full
 * ({@code select *}, every value fetched) three times in this one JVM, best time reported as
 * {@code view=<name> ms=<t>} — a {@code query} per view would mostly time the JVM starting.
 */
public final class ReadCsvReference {

	private ReadCsvReference() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 4 && args[0].equals("csv")) {
			csv(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
		}
		else if (args.length == 2 && args[0].equals("views")) {
			views(Path.of(args[1]));
		}
		else {
			System.err.println("usage: ReadCsvReference csv PIPELINES LANDING WORKDIR");
			System.err.println("       ReadCsvReference views WAREHOUSE");
			System.exit(2);
		}
	}

	/** One table DuckDB builds from raw files. */
	private record Ingest(String describe, String sql) {
	}

	static void csv(Path pipelines, Path landingRoot, Path work) throws Exception {
		PipelineCatalog catalog = PipelineCatalog.load(pipelines, landingRoot, ReferenceData.bundled());
		if (!catalog.isValid()) {
			catalog.problems().forEach(System.err::println);
			System.exit(1);
		}
		Files.createDirectories(work);
		LandingZone landing = new LandingZone(landingRoot);
		List<Ingest> ingests = new ArrayList<>();
		List<String> skipped = new ArrayList<>();
		long copyStart = System.nanoTime();
		int copies = 0;
		for (PipelineDefinition pipeline : catalog.pipelines()) {
			for (LandingZone.Snapshot snapshot : landing.snapshots(pipeline)) {
				for (SourceKind kind : SourceKind.values()) {
					SourceDefinition source = pipeline.source(kind);
					if (source == null) {
						continue;
					}
					String where = pipeline.landing() + "/" + snapshot.date() + "/";
					switch (source.formatOrDefault()) {
						case "csv" -> {
							Path file = snapshot.folder().resolve(source.file());
							if (!Files.exists(file)) {
								// a source a district added later (issue 17's programme ledger) is absent from its earlier snapshots, as in the load
								skipped.add(where + source.file() + " (absent)");
								continue;
							}
							Charset charset = Charset.forName(source.encodingOrDefault());
							if (!charset.equals(StandardCharsets.UTF_8)) {
								Path copy = work.resolve("utf8").resolve(pipeline.landing())
									.resolve(snapshot.date().toString()).resolve(source.file());
								toUtf8(file, charset, copy);
								copies++;
								file = copy;
							}
							ingests.add(new Ingest(where + source.file(), "select * from read_csv("
									+ DuckDb.literal(file.toAbsolutePath().toString()) + ", header = true, all_varchar = true,"
									+ " delim = " + DuckDb.literal(String.valueOf(source.delimiterOrDefault()))
									+ ", quote = '\"', escape = '\"')"));
						}
						case "json" -> {
							if (source.isHttp()) {
								skipped.add(where + kind.key() + " (fetched over HTTP)");
							}
							else {
								List<String> pages = pages(snapshot.folder(), source.file());
								ingests.add(new Ingest(where + source.file(), json(pages, source.records())));
							}
						}
						default -> skipped.add(where + source.file() + " (" + source.formatOrDefault() + ")");
					}
				}
			}
		}
		System.out.printf(Locale.ROOT, "utf8_copies=%d (%.1f s, untimed)%n", copies, (System.nanoTime() - copyStart) / 1e9);
		Path database = work.resolve("reference.duckdb");
		Files.deleteIfExists(database);
		Files.deleteIfExists(Path.of(database + ".wal"));
		Properties properties = new Properties();
		properties.setProperty("storage_compatibility_version", DuckDb.STORAGE_COMPATIBILITY);
		long rows = 0;
		double seconds;
		try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database.toAbsolutePath(), properties);
				Statement s = c.createStatement()) {
			long t0 = System.nanoTime();
			for (int i = 0; i < ingests.size(); i++) {
				try {
					s.execute("create table t_" + i + " as " + ingests.get(i).sql());
				}
				catch (SQLException ex) {
					throw new SQLException(ingests.get(i).describe() + ": " + ex.getMessage(), ex);
				}
			}
			s.execute("checkpoint");
			seconds = (System.nanoTime() - t0) / 1e9;
			for (int i = 0; i < ingests.size(); i++) {
				try (ResultSet rs = s.executeQuery("select count(*) from t_" + i)) {
					rs.next();
					rows += rs.getLong(1);
				}
			}
		}
		finally {
			Files.deleteIfExists(database);
			Files.deleteIfExists(Path.of(database + ".wal"));
		}
		for (String skip : skipped) {
			System.out.println("skipped " + skip);
		}
		System.out.println("duckdb_files=" + ingests.size());
		System.out.println("duckdb_skipped=" + skipped.size());
		System.out.println("duckdb_rows=" + rows);
		System.out.printf(Locale.ROOT, "duckdb_s=%.2f%n", seconds);
	}

	/**
	 * DuckDB's JSON reader over the pages; the records array inside each page is unnested, so each
	 * record is a row as in the load.
	 */
	private static String json(List<String> pages, String records) {
		StringBuilder list = new StringBuilder("[");
		for (String page : pages) {
			list.append((list.length() > 1) ? ", " : "").append(DuckDb.literal(page));
		}
		list.append(']');
		String from = "read_json(" + list + ", maximum_object_size = 268435456)";
		if (records == null) {
			return "select * from " + from;
		}
		String path = records.startsWith("/") ? records.substring(1).replace('/', '.')
				: records.startsWith("$.") ? records.substring(2) : records;
		return "select unnest(" + path + ") as record from " + from;
	}

	/** The downloaded pages of a JSON source, in name order as the reader takes them. */
	private static List<String> pages(Path folder, String glob) throws IOException {
		PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
		try (Stream<Path> list = Files.list(folder)) {
			return list.filter((p) -> matcher.matches(p.getFileName()))
				.sorted()
				.map((p) -> p.toAbsolutePath().toString())
				.toList();
		}
	}

	/** A strict transcoding: a byte that is not valid in the declared charset fails, as in the load. */
	private static void toUtf8(Path from, Charset charset, Path to) throws IOException {
		Files.createDirectories(to.getParent());
		CharsetDecoder decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		char[] buffer = new char[1 << 16];
		try (Reader in = new BufferedReader(new InputStreamReader(Files.newInputStream(from), decoder), 1 << 20);
				Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(to), StandardCharsets.UTF_8),
						1 << 20)) {
			int n;
			while ((n = in.read(buffer)) > 0) {
				out.write(buffer, 0, n);
			}
		}
	}

	static void views(Path warehouse) throws SQLException {
		List<String> views = new ArrayList<>();
		try (Connection c = DuckDb.openReadOnly(warehouse); Statement s = c.createStatement()) {
			try (ResultSet rs = s.executeQuery("select view_name from duckdb_views() where schema_name = 'mart'"
					+ " and not internal order by view_name")) {
				while (rs.next()) {
					views.add(rs.getString(1));
				}
			}
			for (String view : views) {
				// ms: the view computed inside DuckDB (what a BI tool's query costs before its rows travel);
				// fetch_ms: every row and column read through JDBC, which for the half-million-row cube is the driver's transfer
				long best = Long.MAX_VALUE;
				long bestFetch = Long.MAX_VALUE;
				long rows = 0;
				for (int attempt = 0; attempt < 3; attempt++) {
					long t0 = System.nanoTime();
					s.execute("create or replace temp table bench_view as select * from mart." + view);
					best = Math.min(best, System.nanoTime() - t0);
					s.execute("drop table bench_view");
					t0 = System.nanoTime();
					rows = 0;
					try (ResultSet rs = s.executeQuery("select * from mart." + view)) {
						int columns = rs.getMetaData().getColumnCount();
						while (rs.next()) {
							for (int i = 1; i <= columns; i++) {
								rs.getObject(i);
							}
							rows++;
						}
					}
					bestFetch = Math.min(bestFetch, System.nanoTime() - t0);
				}
				System.out.printf(Locale.ROOT, "view=%s ms=%.1f fetch_ms=%.1f rows=%d%n", view, best / 1e6, bestFetch / 1e6, rows);
			}
		}
	}

}
