package cq.talentwarehouse.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cq.talentwarehouse.TalentProperties;
import cq.talentwarehouse.load.WarehouseBuilder;
import cq.talentwarehouse.load.WarehousePublishJobConfiguration;
import cq.talentwarehouse.pipeline.SourceKind;
import cq.talentwarehouse.publish.Publisher;
import cq.talentwarehouse.reference.Seeds;
import cq.talentwarehouse.stage.StageMeta;
import cq.talentwarehouse.stage.StagingArea;

/**
 * What a run leaves behind: its report ({@code runs/<run>/report.json}), the feed and fingerprint
 * files the build reads, what the build could not read, and the work folders it may prune.
 */
final class RunRecorder {

	private static final Logger log = LoggerFactory.getLogger(RunRecorder.class);

	private static final int KEEP_UNPUBLISHED_RUNS = 3;

	/** Where a published run's work folder goes until a thread of its own has deleted it ({@link Publisher#emptyInBackground}). */
	static final String REMOVED_FOLDER = "removed";

	/** Staged CSV for the build: LF line ends, quoted only where needed (what DuckDB's read_csv expects). */
	private static final CSVFormat STAGED_CSV = CSVFormat.RFC4180.builder()
		.setRecordSeparator('\n')
		.get();

	private final TalentProperties properties;

	RunRecorder(TalentProperties properties) {
		this.properties = properties;
	}

	Path runsFolder() {
		return this.properties.stateDir().resolve("runs");
	}

	Path reportFile(String runId) {
		return runsFolder().resolve(runId).resolve("report.json");
	}

	Path stagingRoot(String runId) {
		return this.properties.workDir().resolve("runs").resolve(runId).resolve("staging");
	}

	/**
	 * Staged files are only needed to restart a run that did not publish: once a run published,
	 * its staging (which may hold spooled API pages with raw ID numbers) is deleted, and of the
	 * unpublished runs only the latest few are kept for {@code restart}. A published run's folder is
	 * moved aside at once and deleted on a thread of its own; the returned future completes once it is.
	 */
	CompletableFuture<Void> pruneWorkFolders(String runId, int exit) {
		Path runs = this.properties.workDir().resolve("runs");
		Path removed = this.properties.workDir().resolve(REMOVED_FOLDER);
		try {
			if (exit == LoadRun.PUBLISHED || exit == LoadRun.PARTIAL || exit == LoadRun.PUBLISHED_NOT_SERVED) {
				// moved out of the way at once, its files deleted after the run has answered: freeing their
				// blocks was on a night's path (docs/scaling-decisions.md)
				Path published = runs.resolve(runId);
				if (Files.isDirectory(published)) {
					Files.createDirectories(removed);
					Files.move(published, removed.resolve(runId), StandardCopyOption.ATOMIC_MOVE);
				}
			}
			if (Files.isDirectory(runs)) {
				List<Path> older;
				try (var list = Files.list(runs)) {
					older = list.filter(Files::isDirectory)
						.sorted(Comparator.comparing(Path::toString).reversed())
						.skip(KEEP_UNPUBLISHED_RUNS)
						.toList();
				}
				for (Path dir : older) {
					Publisher.deleteTree(dir);
				}
			}
		}
		catch (IOException ex) {
			log.warn("Could not clean up the work folder {}: {}", runs, ex.getMessage());
		}
		return Publisher.emptyInBackground(removed);
	}

	/**
	 * The partial working copy of a failed build goes: it may be as large as the warehouse, and a
	 * restart builds a fresh one from the published file anyway.
	 */
	void discardWorkingCopy() {
		Path copy = WarehousePublishJobConfiguration.workingCopy(this.properties);
		WarehouseBuilder.releaseWorkingCopy();
		try {
			Files.deleteIfExists(copy);
			Files.deleteIfExists(Path.of(copy + ".wal"));
			Publisher.deleteTree(copy.toAbsolutePath().getParent().resolve("duckdb-spill"));
		}
		catch (IOException ex) {
			log.warn("Could not remove the working copy {}: {}", copy, ex.getMessage());
		}
	}

	/** The staged snapshots the build could not read back and failed alone (each with its reason). */
	static List<RunReport.DistrictResult> failedInBuild(StagingArea staging, List<RunReport.DistrictResult> results)
			throws IOException {
		Path file = staging.root().resolve(WarehouseBuilder.BUILD_FAILURES_FILE);
		List<RunReport.DistrictResult> failed = new ArrayList<>();
		if (!Files.exists(file)) {
			return failed;
		}
		try (var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
			.parse(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
			for (var row : parser) {
				for (RunReport.DistrictResult r : results) {
					if (r.district().equals(row.get("district_code")) && r.snapshotDate().equals(row.get("snapshot_date"))) {
						failed.add(r.with(DistrictStatus.FAILED, row.get("message")));
					}
				}
			}
		}
		return failed;
	}

	static List<RunReport.DistrictResult> withFailures(List<RunReport.DistrictResult> results,
			List<RunReport.DistrictResult> failed) {
		List<RunReport.DistrictResult> merged = new ArrayList<>();
		for (RunReport.DistrictResult r : results) {
			merged.add(failed.stream().filter((f) -> f.district().equals(r.district())
					&& f.snapshotDate().equals(r.snapshotDate())).findFirst().orElse(r));
		}
		return merged;
	}

	static List<RunReport.SourceResult> sourceResults(StagingArea staging, List<RunReport.DistrictResult> results) {
		List<RunReport.SourceResult> sources = new ArrayList<>();
		for (RunReport.DistrictResult r : results) {
			for (SourceKind kind : SourceKind.values()) {
				Path meta = staging.meta(kind, r.district(), LocalDate.parse(r.snapshotDate()));
				if (Files.exists(meta)) {
					StageMeta m = StageMeta.read(meta);
					sources.add(new RunReport.SourceResult(r.district(), r.snapshotDate(), kind.key(), m.file(), m.read(),
							m.accepted(), m.quarantined(), m.seconds(), m.topRules(Integer.MAX_VALUE)));
				}
			}
		}
		return sources;
	}

	/** Each district's latest snapshot in the published warehouse, by district code. */
	Map<String, String> latestPublishedSnapshots() {
		Map<String, String> latest = new TreeMap<>();
		for (String key : LoadedSnapshot.read(this.properties.getWarehouse()).keySet()) {
			String[] parts = key.split("@", 2);
			latest.merge(parts[0], parts[1], (a, b) -> (a.compareTo(b) >= 0) ? a : b);
		}
		return latest;
	}

	static Map<String, String> versions(Seeds seeds) {
		Map<String, String> versions = new LinkedHashMap<>();
		// the reference data is an input like the code: which seeds built this warehouse
		versions.put("seeds_sha256", seeds.sha256());
		String app = RunRecorder.class.getPackage().getImplementationVersion();
		versions.put("talent-warehouse", (app != null) ? app : "development build");
		versions.put("java", System.getProperty("java.version"));
		String batch = org.springframework.batch.core.job.Job.class.getPackage().getImplementationVersion();
		versions.put("spring-batch", (batch != null) ? batch : "unknown");
		versions.put("duckdb", DuckDbVersion.VALUE);
		return versions;
	}

	/** DuckDB's version, asked of an in-memory database once a process (a schedule's nights each needed one). */
	private static final class DuckDbVersion {

		static final String VALUE = ask();

		private static String ask() {
			try (Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
					ResultSet rs = s.executeQuery("select version()")) {
				rs.next();
				return rs.getString(1);
			}
			catch (java.sql.SQLException ex) {
				return "unknown (" + ex.getMessage() + ")";
			}
		}

	}

	void writeFingerprints(StagingArea staging, List<String[]> fingerprints) throws IOException {
		Path file = staging.root().resolve(WarehouseBuilder.FINGERPRINTS_FILE);
		if (fingerprints.isEmpty() && Files.exists(file)) {
			return; // a restart keeps the fingerprints its run recorded
		}
		try (var csv = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8),
				STAGED_CSV)) {
			csv.printRecord("district_code", "snapshot_date", "file_name", "size_bytes", "modified_at", "sha256");
			for (String[] f : fingerprints) {
				csv.printRecord((Object[]) f);
			}
		}
	}

	static void writeFeeds(StagingArea staging, List<RunReport.DistrictResult> results) throws IOException {
		try (var csv = new CSVPrinter(
				Files.newBufferedWriter(staging.root().resolve(WarehouseBuilder.FEEDS_FILE), StandardCharsets.UTF_8),
				STAGED_CSV)) {
			csv.printRecord("district_code", "snapshot_date", "status", "message");
			for (RunReport.DistrictResult r : results) {
				csv.printRecord(r.district(), r.snapshotDate(), r.status(),
						(r.message() != null) ? r.message().replace('\n', ' ') : null);
			}
		}
	}

	/**
	 * Nothing to load because the landing zone is gone or empty (and the district databases pulled,
	 * if any, hold no rows): said loudly, recorded, exit 6.
	 */
	int landingEmpty(String runId, LocalDateTime startedAt, String what, RunState run) throws IOException {
		String databases = run.emptyPulls.isEmpty() ? "" : ", and " + String.join("; ", run.emptyPulls);
		String message = "nothing to load: the landing zone " + what + databases + "; the published warehouse is unchanged."
				+ " Check that the landing folder is mounted and is the one configured (--landing, TALENT_LANDING)"
				+ (databases.isEmpty() ? "" : " and that the districts' systems have written their rows");
		run.err.println("WARNING: " + message + ".");
		log.warn(message);
		new RunReport(runId, startedAt.toString(), LocalDateTime.now().toString(), RunStatus.LANDING_EMPTY.key(),
				LoadRun.LANDING_EMPTY, null, List.of(), message).write(reportFile(runId));
		return LoadRun.LANDING_EMPTY;
	}

}
