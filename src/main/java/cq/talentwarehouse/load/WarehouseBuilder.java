package cq.talentwarehouse.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import cq.talentwarehouse.reference.ReferenceData;
import cq.talentwarehouse.pipeline.SourceKind;
import cq.talentwarehouse.stage.StagingArea;

/**
 * Builds the working copy of the warehouse for one run: starts from the published file (so districts
 * not loaded tonight keep their last good snapshot), migrates it, refreshes the seeds, ingests the
 * staged files with DuckDB's own CSV reader and builds dimensions and facts with the SQL in
 * {@code sql/load/}. Set-based throughout: no row passes through JDBC.
 */
public final class WarehouseBuilder {

	private static final Logger log = LoggerFactory.getLogger(WarehouseBuilder.class);

	/** Run manifest written by the run before building: which district snapshots load, which failed. */
	public static final String FEEDS_FILE = "feeds.csv";

	/** The run itself: id, start, whether it loads demo data, the pseudonym key's fingerprint. */
	public static final String RUN_FILE = "run.csv";

	/** District snapshots whose staged records the build could not read back; they fail alone. */
	public static final String BUILD_FAILURES_FILE = "build_failures.csv";

	/** File fingerprints of the planned snapshots, recorded in ops.snapshot_files for those loaded. */
	public static final String FINGERPRINTS_FILE = "snapshot_files.csv";

	/**
	 * The Flyway locations under sql/, in the order their repeatable views are created: tables and dw
	 * views, the intermediate models the marts share, the marts.
	 */
	static final List<String> MIGRATION_FOLDERS = List.of("migrations", "intermediate", "marts");

	private WarehouseBuilder() {
	}

	/**
	 * Builds on the working copy {@link #prepareAhead} made for this run, or prepares one first.
	 * @param memoryLimit DuckDB's memory_limit for the build ({@code TalentProperties}, default 1.25GB);
	 * beyond it DuckDB spills to a temp folder beside the working copy instead of growing the process
	 * without bound
	 */
	public static void build(Path published, Path workingCopy, StagingArea staging, String runId,
			LocalDateTime startedAt, String memoryLimit) throws SQLException, IOException {
		if (!Preparation.takeIfCurrent(published, workingCopy, runId)) {
			prepare(published, workingCopy, staging.root().resolve("seeds"), memoryLimit);
		}
		try (Connection connection = DuckDb.openReadWrite(workingCopy)) {
			settings(connection, workingCopy, memoryLimit);
			long stagedAt = System.nanoTime();
			stage(connection, staging, runId, startedAt);
			log.debug("staging read in {} ms", (System.nanoTime() - stagedAt) / 1_000_000);
			connection.setAutoCommit(false);
			for (Resource script : DuckDb.sqlFiles("load")) {
				long t0 = System.nanoTime();
				DuckDb.runScript(connection, script);
				log.debug("sql/load/{} took {} ms", script.getFilename(), (System.nanoTime() - t0) / 1_000_000);
			}
			connection.commit();
			connection.setAutoCommit(true);
			long checkpointAt = System.nanoTime();
			try (Statement s = connection.createStatement()) {
				s.execute("checkpoint");
			}
			log.debug("checkpoint in {} ms", (System.nanoTime() - checkpointAt) / 1_000_000);
		}
	}

	/**
	 * The part of {@link #build} that needs nothing staged: a fresh working copy of the published file
	 * (so districts not loaded tonight keep their last good snapshot), the seeds, the migrations.
	 */
	static void prepare(Path published, Path workingCopy, Path seedsFolder, String memoryLimit)
			throws SQLException, IOException {
		Files.createDirectories(workingCopy.toAbsolutePath().getParent());
		Files.deleteIfExists(workingCopy);
		Files.deleteIfExists(Path.of(workingCopy + ".wal"));
		long copiedAt = System.nanoTime();
		if (Files.exists(published)) {
			Files.copy(published, workingCopy, StandardCopyOption.REPLACE_EXISTING);
		}
		log.debug("working copy in {} ms", (System.nanoTime() - copiedAt) / 1_000_000);
		try (Connection connection = DuckDb.openReadWrite(workingCopy)) {
			settings(connection, workingCopy, memoryLimit);
			SchemaCheck.requireUnchanged(connection, published);
			// seeds first: views (reported_vs_computed) read seed tables, and migrations create views
			long seededAt = System.nanoTime();
			loadSeeds(connection, seedsFolder);
			long migratedAt = System.nanoTime();
			List<SchemaHistory.Script> bundled = SchemaHistory.bundled();
			boolean current = SchemaHistory.isCurrent(connection, bundled);
			if (!current) {
				migrate(connection);
			}
			// after Flyway every view is re-created (a migration may have changed the types a view was
			// bound to); on a current file only those another client dropped come back
			List<SchemaHistory.Script> rerun = current ? SchemaHistory.missingObjects(connection, bundled)
					: bundled.stream().filter(SchemaHistory.Script::repeatable).toList();
			for (SchemaHistory.Script view : rerun) {
				DuckDb.runScript(connection, view.resource());
			}
			log.debug("seeds in {} ms, migrations in {} ms ({}; {} repeatable script(s) re-run)",
					(migratedAt - seededAt) / 1_000_000, (System.nanoTime() - migratedAt) / 1_000_000,
					current ? "schema current, Flyway skipped" : "Flyway", rerun.size());
		}
	}

	/**
	 * Prepares the working copy for {@code runId} now, on the calling thread, and marks it so that
	 * the run's build uses it instead of preparing again. For a thread that staging leaves idle (a
	 * night with one district stages on one of two): the copy of the published file, the DuckDB
	 * library and the migrations are then done by the time the district is staged. A failure is only
	 * logged: the build prepares again and reports it where every build failure is reported.
	 */
	public static void prepareAhead(Path published, Path workingCopy, Path seedsFolder, String runId,
			String memoryLimit) {
		try {
			Preparation.discard(workingCopy);
			prepare(published, workingCopy, seedsFolder, memoryLimit);
			Preparation.mark(published, workingCopy, runId);
		}
		catch (SQLException | IOException | RuntimeException ex) {
			log.debug("preparing the working copy ahead of the build failed; the build prepares it again", ex);
		}
	}

	private static void settings(Connection connection, Path workingCopy, String memoryLimit) throws SQLException {
		limitMemory(connection, workingCopy, memoryLimit);
		try (Statement s = connection.createStatement()) {
			// no statement of the build relies on the order rows were inserted in; keeping it costs memory and parallelism
			s.execute("set preserve_insertion_order = false");
		}
	}

	/** DuckDB's memory limit on a connection to the working copy, spilling beside it beyond it. */
	static void limitMemory(Connection connection, Path workingCopy, String memoryLimit) throws SQLException {
		try (Statement s = connection.createStatement()) {
			s.execute("set memory_limit = " + DuckDb.literal(memoryLimit));
			s.execute("set temp_directory = " + DuckDb.literal(workingCopy.toAbsolutePath().getParent()
				.resolve("duckdb-spill").toString()));
		}
	}

	/**
	 * Flyway migrations from {@code sql/migrations} (tables, dw views), {@code sql/intermediate} and
	 * {@code sql/marts} (the analyst views); repeatable views re-run when they change. All
	 * pending migrations apply in one transaction, so a failing one leaves none of them applied.
	 */
	public static void migrate(Connection connection) {
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(connection, true);
		Flyway.configure()
			.dataSource(dataSource)
			.locations(MIGRATION_FOLDERS.stream().map((folder) -> "classpath:sql/" + folder).toArray(String[]::new))
			.schemas("ops")
			.defaultSchema("ops")
			.table("schema_history")
			.group(true)
			.load()
			.migrate();
	}

	static void loadSeeds(Connection connection, Path folder) throws IOException, SQLException {
		Files.createDirectories(folder);
		try (Statement s = connection.createStatement()) {
			s.execute("create schema if not exists seed");
			for (String seed : ReferenceData.SEED_FILES) {
				Path file = folder.resolve(seed + ".csv");
				// the run copied the seeds it uses (TALENT_SEEDS) here before staging; only a build
				// without a run (tests, tools) takes the bundled copy
				if (!Files.exists(file)) {
					try (InputStream in = ReferenceData.open(seed)) {
						Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
					}
				}
				s.execute("create or replace table seed." + seed + " as select * from read_csv("
						+ DuckDb.literal(file.toString()) + ", header = true, all_varchar = true, quote = '\"', escape = '\"')");
			}
		}
	}

	private static void stage(Connection connection, StagingArea staging, String runId, LocalDateTime startedAt)
			throws SQLException {
		Path feeds = staging.root().resolve(FEEDS_FILE);
		try {
			Files.deleteIfExists(staging.root().resolve(BUILD_FAILURES_FILE)); // from an earlier attempt of a restarted run
		}
		catch (IOException ex) {
			throw new SQLException("cannot clear " + staging.root().resolve(BUILD_FAILURES_FILE) + ": " + ex.getMessage(), ex);
		}
		List<String[]> loaded = new ArrayList<>();
		try (Statement s = connection.createStatement()) {
			Path run = staging.root().resolve(RUN_FILE);
			if (Files.exists(run)) {
				s.execute("create or replace temp table stg_run as select * from read_csv(" + DuckDb.literal(run.toString())
						+ ", header = true, auto_detect = false, quote = '\"', escape = '\"', columns = {'run_id': 'VARCHAR',"
						+ " 'started_at': 'TIMESTAMP', 'is_demo': 'BOOLEAN', 'pseudonym_key_fingerprint': 'VARCHAR'})");
			}
			else {
				s.execute("create or replace temp table stg_run as select " + DuckDb.literal(runId)
						+ " as run_id, cast(" + DuckDb.literal(startedAt.toString()) + " as timestamp) as started_at,"
						+ " false as is_demo, cast(null as varchar) as pseudonym_key_fingerprint");
			}
			s.execute("create or replace temp table stg_feed_all as select * from read_csv(" + DuckDb.literal(feeds.toString())
					+ ", header = true, quote = '\"', escape = '\"', columns = {'district_code': 'VARCHAR', 'snapshot_date': 'DATE', 'status': 'VARCHAR',"
					+ " 'message': 'VARCHAR'})");
			s.execute("create or replace temp table stg_feed as select district_code, snapshot_date from stg_feed_all where status = 'staged'");
			s.execute("create or replace temp table stg_failure as select district_code, snapshot_date, message from stg_feed_all where status = 'failed'");
			s.execute("create or replace temp table stg_skipped as select district_code, snapshot_date, message from stg_feed_all where status = 'skipped'");
			Path fingerprints = staging.root().resolve(FINGERPRINTS_FILE);
			if (Files.exists(fingerprints)) {
				s.execute("create or replace temp table stg_snapshot_files as select * from read_csv("
						+ DuckDb.literal(fingerprints.toString()) + ", header = true, quote = '\"', escape = '\"',"
						+ " columns = {'district_code': 'VARCHAR', 'snapshot_date': 'DATE', 'file_name': 'VARCHAR',"
						+ " 'size_bytes': 'BIGINT', 'modified_at': 'TIMESTAMP', 'sha256': 'VARCHAR'})");
			}
			else {
				s.execute("create or replace temp table stg_snapshot_files (district_code varchar, snapshot_date date,"
						+ " file_name varchar, size_bytes bigint, modified_at timestamp, sha256 varchar)");
			}
			try (var rs = s.executeQuery("select district_code, cast(snapshot_date as varchar) from stg_feed")) {
				while (rs.next()) {
					loaded.add(new String[] { rs.getString(1), rs.getString(2) });
				}
			}
		}
		try {
			stagingTables(connection, staging, loaded);
		}
		catch (SQLException ex) {
			// one district's unreadable staged data must not stop every district: find it, fail it alone
			List<String[]> unreadable = unreadableDistricts(connection, staging, loaded);
			if (unreadable.isEmpty()) {
				throw ex;
			}
			recordUnreadable(connection, staging, unreadable);
			loaded.removeIf((feed) -> unreadable.stream().anyMatch((u) -> u[0].equals(feed[0]) && u[1].equals(feed[1])));
			stagingTables(connection, staging, loaded);
		}
		try (Statement s = connection.createStatement()) {
			s.execute("create or replace temp table stg_quarantine as "
					+ unionBySource("source, district_code, snapshot_date, line, field, rule, raw_value", "stg_quarantine_"));
			s.execute("create or replace temp table stg_meta as "
					+ unionBySource("source, district_code, snapshot_date, file, encoding, read, accepted, quarantined, seconds",
							"stg_meta_"));
		}
	}

	/** District snapshots whose staged files DuckDB cannot read, each with DuckDB's reason. */
	private static List<String[]> unreadableDistricts(Connection connection, StagingArea staging, List<String[]> loaded) {
		List<String[]> unreadable = new ArrayList<>();
		for (String[] feed : loaded) {
			try {
				stagingTables(connection, staging, List.<String[]>of(feed));
			}
			catch (SQLException ex) {
				String reason = ex.getMessage().lines().findFirst().orElse("unreadable");
				log.warn("the staged records of {} @ {} cannot be read back: {}", feed[0], feed[1], reason);
				unreadable.add(new String[] { feed[0], feed[1], "its staged records could not be read back (" + reason
						+ "); the district keeps its last published snapshot" });
			}
		}
		return unreadable;
	}

	/** The unreadable districts fail in this run's ops tables and in {@link #BUILD_FAILURES_FILE} for the run. */
	private static void recordUnreadable(Connection connection, StagingArea staging, List<String[]> unreadable)
			throws SQLException {
		StringBuilder csv = new StringBuilder("district_code,snapshot_date,message\n");
		for (String[] u : unreadable) {
			try (Statement s = connection.createStatement()) {
				s.execute("delete from stg_feed where district_code = " + DuckDb.literal(u[0]) + " and snapshot_date = "
					+ DuckDb.literal(u[1]));
				s.execute("insert into stg_failure values (" + DuckDb.literal(u[0]) + ", " + DuckDb.literal(u[1]) + ", "
						+ DuckDb.literal(u[2]) + ")");
			}
			csv.append(u[0]).append(',').append(u[1]).append(",\"").append(u[2].replace("\"", "\"\"")).append("\"\n");
		}
		try {
			Files.writeString(staging.root().resolve(BUILD_FAILURES_FILE), csv);
		}
		catch (IOException ex) {
			throw new SQLException("cannot record the districts whose staged records are unreadable: " + ex.getMessage(), ex);
		}
	}

	private static void stagingTables(Connection connection, StagingArea staging, List<String[]> loaded)
			throws SQLException {
		try (Statement s = connection.createStatement()) {
			for (SourceKind kind : SourceKind.values()) {
				List<String> files = new ArrayList<>();
				List<String> quarantine = new ArrayList<>();
				List<String> meta = new ArrayList<>();
				for (String[] feed : loaded) {
					java.time.LocalDate date = java.time.LocalDate.parse(feed[1]);
					Path accepted = staging.accepted(kind, feed[0], date);
					if (Files.exists(accepted) && Files.exists(staging.meta(kind, feed[0], date))) {
						files.add(accepted.toString());
						quarantine.add(staging.quarantine(kind, feed[0], date).toString());
						meta.add(staging.meta(kind, feed[0], date).toString());
					}
				}
				s.execute(stagingTable("stg_" + kind.key(), files, stagedColumns(kind)));
				s.execute(stagingTable("stg_quarantine_" + kind.key(), quarantine,
						"'line': 'BIGINT', 'field': 'VARCHAR', 'rule': 'VARCHAR', 'raw_value': 'VARCHAR'"));
				s.execute(stagingTable("stg_meta_" + kind.key(), meta,
						"'file': 'VARCHAR', 'encoding': 'VARCHAR', 'read': 'BIGINT', 'accepted': 'BIGINT',"
								+ " 'quarantined': 'BIGINT', 'seconds': 'DOUBLE', 'rules': 'VARCHAR'"));
			}
		}
	}

	private static String unionBySource(String columns, String prefix) {
		StringJoiner union = new StringJoiner(" union all ");
		for (SourceKind kind : SourceKind.values()) {
			union.add("select " + columns.replace("source,", DuckDb.literal(kind.key()) + " as source,") + " from " + prefix
					+ kind.key());
		}
		return union.toString();
	}

	private static String stagedColumns(SourceKind kind) {
		StringJoiner columns = new StringJoiner(", ");
		for (String column : kind.stagedColumns()) {
			String type = switch (column) {
				case "line" -> "BIGINT";
				case "birth_year" -> "INTEGER";
				case "person_id" -> "UUID";
				default -> "VARCHAR";
			};
			columns.add(DuckDb.literal(column) + ": " + DuckDb.literal(type));
		}
		return columns.toString();
	}

	/**
	 * A temp table over hive-partitioned staging files; with no files, an empty table of the same
	 * shape, so the load SQL never needs to know which sources a night delivered.
	 */
	private static String stagingTable(String table, List<String> files, String columns) {
		if (files.isEmpty()) {
			StringJoiner definition = new StringJoiner(", ");
			for (String part : columns.split(",\\s*(?=')")) {
				String[] nameType = part.split(":\\s*");
				definition.add(nameType[0].replace("'", "") + " " + nameType[1].replace("'", ""));
			}
			return "create or replace temp table " + table + " (" + definition
					+ ", district_code VARCHAR, snapshot_date DATE)";
		}
		StringJoiner list = new StringJoiner(", ", "[", "]");
		files.forEach((f) -> list.add(DuckDb.literal(f)));
		return "create or replace temp table " + table + " as select * from read_csv(" + list
				// the staging writer's own dialect, stated: no sniffing of 38 files
				+ ", header = true, delim = ',', quote = '\"', escape = '\"', auto_detect = false, columns = {" + columns
				+ "}, hive_partitioning = true,"
				+ " hive_types = {'district_code': 'VARCHAR', 'snapshot_date': 'DATE'})";
	}

}
