package cq.talentwarehouse.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import cq.talentwarehouse.reference.ReferenceData;
import cq.talentwarehouse.stage.StagingArea;

/**
 * Builds the working copy of the warehouse for one run: starts from the published file (so districts
 * not loaded tonight keep their last good snapshot), refreshes the seeds, migrates it, refreshes the
 * dimensions read from seeds ({@link #PREPARE_FOLDERS}), ingests the staged files with DuckDB's own CSV
 * reader ({@code sql/staging}, {@link StagingLayer}) and builds the other dimensions, facts, aggregates
 * and the run's ops rows with the SQL of {@link #BUILD_FOLDERS}.
 * Set-based throughout: no row passes through JDBC.
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

	/**
	 * The folders under sql/ run when the working copy is prepared, after the seeds and migrations:
	 * dimensions that read only seeds, so that a prepared copy leaves them off the build's path.
	 */
	static final List<String> PREPARE_FOLDERS = List.of("reference");

	/**
	 * The build's folders under sql/, run in this order after the staging models (sql/staging), each
	 * folder's files in name order; the numeric prefixes run on across the folders, from those of
	 * {@link #PREPARE_FOLDERS}.
	 */
	static final List<String> BUILD_FOLDERS = List.of("dims", "facts", "aggregates", "ops");

	/**
	 * A night's warm-up ({@link #prepareAhead}): queries reading every block of the key columns the
	 * build and the data tests read again (hashing is cheap, and no statistic answers it).
	 */
	private static final List<String> WARM_UP = List.of(
			"select count(*) from dw.dim_person where hash(person_id, person_sk) = 0",
			"select count(*) from dw.fct_talent_snapshot where hash(person_sk, district_sk, snapshot_date_sk) = 0");

	private WarehouseBuilder() {
	}

	/**
	 * Builds on the working copy {@link #prepareAhead} made for this run, or prepares one first.
	 * @param memoryLimit DuckDB's memory_limit for the build ({@code TalentProperties#getWarehouseMemoryLimit});
	 * beyond it DuckDB spills to a temp folder beside the working copy instead of growing the process
	 * without bound
	 */
	public static void build(Path published, Path workingCopy, StagingArea staging, String runId,
			LocalDateTime startedAt, String memoryLimit) throws SQLException, IOException {
		if (!Preparation.takeIfCurrent(published, workingCopy, runId)) {
			prepare(published, workingCopy, staging.root().resolve("seeds"), memoryLimit);
		}
		// joins the database prepareAhead left open (its buffers warm), if it did
		try (Connection connection = DuckDb.openReadWrite(workingCopy)) {
			OpenWorkingCopy.discard();
			settings(connection, workingCopy, memoryLimit);
			// the working copy is a fresh copy of the published file (prepare): its people are the
			// published file's, which the data tests scope the people check by, read before any is added
			String publishedPeople = Files.isRegularFile(published) ? WarehouseTests.peopleOf(connection) : null;
			long stagedAt = System.nanoTime();
			StagingLayer.build(connection, staging, runId, startedAt);
			log.debug("staging read in {} ms", (System.nanoTime() - stagedAt) / 1_000_000);
			connection.setAutoCommit(false);
			DuckDb.runFolders(connection, BUILD_FOLDERS);
			connection.commit();
			connection.setAutoCommit(true);
			long checkpointAt = System.nanoTime();
			try (Statement s = connection.createStatement()) {
				s.execute("checkpoint");
			}
			log.debug("checkpoint in {} ms", (System.nanoTime() - checkpointAt) / 1_000_000);
			OpenWorkingCopy.keep(workingCopy, connection, publishedPeople);
		}
	}

	/** Closes the working copy's database a build left open for its data tests, when they did not take it. */
	public static void releaseWorkingCopy() {
		OpenWorkingCopy.discard();
	}

	/**
	 * The part of {@link #build} that needs nothing staged: a fresh working copy of the published file
	 * (so districts not loaded tonight keep their last good snapshot) or, before the first publish, of
	 * the bundled empty warehouse ({@link EmptyWarehouse}); the seeds; the migrations; the dimensions
	 * read from the seeds ({@link #PREPARE_FOLDERS}).
	 */
	static void prepare(Path published, Path workingCopy, Path seedsFolder, String memoryLimit)
			throws SQLException, IOException {
		prepare(published, workingCopy, seedsFolder, memoryLimit, EmptyWarehouse.bundled());
	}

	static void prepare(Path published, Path workingCopy, Path seedsFolder, String memoryLimit,
			EmptyWarehouse emptyWarehouse) throws SQLException, IOException {
		prepareOpen(published, workingCopy, seedsFolder, memoryLimit, emptyWarehouse).close();
	}

	/** {@link #prepare}, leaving the working copy's database open on the returned connection. */
	private static Connection prepareOpen(Path published, Path workingCopy, Path seedsFolder, String memoryLimit,
			EmptyWarehouse emptyWarehouse) throws SQLException, IOException {
		OpenWorkingCopy.discard();
		Files.createDirectories(workingCopy.toAbsolutePath().getParent());
		Files.deleteIfExists(workingCopy);
		Files.deleteIfExists(Path.of(workingCopy + ".wal"));
		long copiedAt = System.nanoTime();
		List<SchemaHistory.Script> bundled = SchemaHistory.bundled();
		boolean carried = Files.exists(published);
		Connection opened = null;
		if (carried) {
			Files.copy(published, workingCopy, StandardCopyOption.REPLACE_EXISTING);
			syncInBackground(workingCopy);
		}
		else {
			opened = emptyWarehouse.openCopy(workingCopy, bundled);
		}
		boolean fromEmptyWarehouse = opened != null;
		log.debug("working copy in {} ms ({})", (System.nanoTime() - copiedAt) / 1_000_000,
				carried ? "of the published file" : fromEmptyWarehouse ? "of the bundled empty warehouse" : "new file");
		Connection connection = fromEmptyWarehouse ? opened : DuckDb.openReadWrite(workingCopy);
		try {
			settings(connection, workingCopy, memoryLimit);
			if (carried) {
				SchemaCheck.requireUnchanged(connection, published);
			}
			// seeds first: views (reported_vs_computed) read seed tables, and migrations create views
			long seededAt = System.nanoTime();
			loadSeeds(connection, seedsFolder);
			long migratedAt = System.nanoTime();
			boolean current = fromEmptyWarehouse || SchemaHistory.isCurrent(connection, bundled);
			if (!current) {
				migrate(connection);
			}
			// after Flyway on a carried file every view is re-created (a migration may have changed the
			// types a view was bound to; on a new file Flyway created them after every table); on a
			// current file only those another client dropped come back
			List<SchemaHistory.Script> rerun = current ? SchemaHistory.missingObjects(connection, bundled)
					: carried ? bundled.stream().filter(SchemaHistory.Script::repeatable).toList() : List.of();
			for (SchemaHistory.Script view : rerun) {
				DuckDb.runScript(connection, view.resource());
			}
			log.debug("seeds in {} ms, migrations in {} ms ({}; {} repeatable script(s) re-run)",
					(migratedAt - seededAt) / 1_000_000, (System.nanoTime() - migratedAt) / 1_000_000,
					fromEmptyWarehouse ? "bundled empty warehouse, Flyway skipped"
							: current ? "schema current, Flyway skipped" : "Flyway", rerun.size());
			// the dimensions that read only seeds, off the build's path; in autocommit, as a copy whose
			// preparation failed is never built on but prepared afresh
			DuckDb.runFolders(connection, PREPARE_FOLDERS);
			return connection;
		}
		catch (SQLException | IOException | RuntimeException ex) {
			connection.close();
			throw ex;
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
		Connection connection;
		try {
			if (!Preparation.hasRoomAhead(published, workingCopy)) {
				return;
			}
			Preparation.discard(workingCopy);
			connection = prepareOpen(published, workingCopy, seedsFolder, memoryLimit, EmptyWarehouse.bundled());
		}
		catch (SQLException | IOException | RuntimeException ex) {
			log.debug("preparing the working copy ahead of the build failed; the build prepares it again", ex);
			return;
		}
		try {
			// left open, its seeds and migrations in the write-ahead log until the build's checkpoint:
			// closing it (or a checkpoint here) waited for the fresh copy's blocks to reach the disk, on
			// the thread a small night's build waits for
			Preparation.mark(published, workingCopy, runId);
		}
		catch (IOException | RuntimeException ex) {
			DuckDb.closeQuietly(connection);
			log.debug("preparing the working copy ahead of the build failed; the build prepares it again", ex);
			return;
		}
		try {
			warmUp(connection, workingCopy);
		}
		catch (SQLException | RuntimeException ex) {
			// only the build's speed depends on it
			log.debug("warming the working copy's database up failed; the build opens it cold", ex);
		}
	}

	/**
	 * {@link #prepareAhead} between runs (the schedule, once a run has ended): the next run finds
	 * its working copy copied, seeded, migrated and warm instead of preparing it beside its staging,
	 * where it took the second core from the district staging. Marked for whichever run starts next
	 * on the published file as it is now with these seeds ({@link #takePreparedBetweenRuns}); nothing
	 * before the first publish.
	 */
	public static void prepareBetweenRuns(Path published, Path workingCopy, Path seedsFolder, String memoryLimit) {
		if (Files.isRegularFile(published)) {
			prepareAhead(published, workingCopy, seedsFolder, Preparation.betweenRuns(seedsFolder), memoryLimit);
		}
	}

	/** Whether run {@code runId} (its seeds copied to {@code runSeeds}) builds on the copy prepared between runs. */
	public static boolean takePreparedBetweenRuns(Path published, Path workingCopy, Path runSeeds, String runId)
			throws IOException {
		return Preparation.takeBetweenRuns(published, workingCopy, runSeeds, runId);
	}

	/**
	 * Writes the fresh copy's blocks to the disk on a thread of its own, while the seeds, migrations
	 * and the build go on: the build's checkpoint syncs the file, and would otherwise wait for them all.
	 */
	private static void syncInBackground(Path file) {
		Thread sync = new Thread(() -> {
			try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
				channel.force(false);
			}
			catch (IOException | RuntimeException ex) {
				// the checkpoint syncs it anyway; only its wait depends on this
				log.debug("syncing the working copy ahead of the build failed: {}", ex.toString());
			}
		}, "working-copy-sync");
		sync.setDaemon(true);
		sync.start();
	}

	/**
	 * Reads the key columns of the largest tables, which the build's scripts and the data tests read
	 * again, into a database kept open for the build (OpenWorkingCopy): a database opened anew loads
	 * each block the first time a query touches it, which costs more than the query itself, and here
	 * that happens on a core that would idle while the district stages. Only the night's idle thread
	 * does it; the build of a larger load opens the file as before.
	 */
	private static void warmUp(Connection connection, Path workingCopy) throws SQLException {
		long warmAt = System.nanoTime();
		try (Statement s = connection.createStatement()) {
			for (String query : WARM_UP) {
				s.execute(query);
			}
		}
		catch (SQLException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
		OpenWorkingCopy.keepOwn(workingCopy, connection);
		log.debug("warm-up in {} ms", (System.nanoTime() - warmAt) / 1_000_000);
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

}
