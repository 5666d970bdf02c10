package cq.talentwarehouse.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import cq.talentwarehouse.TalentProperties;
import cq.talentwarehouse.demo.DemoDataGenerator;
import cq.talentwarehouse.load.DuckDb;
import cq.talentwarehouse.load.WarehouseBuilder;
import cq.talentwarehouse.load.WarehousePublishJobConfiguration;
import cq.talentwarehouse.normalize.Seeds;
import cq.talentwarehouse.pipeline.LandingZone;
import cq.talentwarehouse.pipeline.PipelineCatalog;
import cq.talentwarehouse.pipeline.PipelineDefinition;
import cq.talentwarehouse.pipeline.PipelineProblem;
import cq.talentwarehouse.stage.DistrictStageJobConfiguration;
import cq.talentwarehouse.stage.StagingArea;
import cq.talentwarehouse.stage.StageMeta;
import cq.talentwarehouse.pipeline.SnapshotFingerprint;
import cq.talentwarehouse.pipeline.SourceKind;
import cq.talentwarehouse.serve.ServeState;
import cq.talentwarehouse.serve.WarehouseServer;

/**
 * One load of the warehouse: every district snapshot in the landing zone staged by its own
 * {@code districtStageJob} (districts in parallel, each failing on its own), then one
 * {@code warehousePublishJob} over those that staged. Exit codes: 0 all published, 1 nothing
 * published, 3 some districts failed and the rest published, 4 another run holds the lock, 5 published
 * but not served to the PostgreSQL of {@code TALENT_SERVE_URL} (status {@code published_not_served}), 6
 * the landing zone is missing or empty.
 */
@Component
public class LoadRun {

	public static final int PUBLISHED = 0;

	public static final int NOTHING_PUBLISHED = 1;

	public static final int PARTIAL = 3;

	public static final int RUN_IN_PROGRESS = 4;

	/** Published in DuckDB, but serving it to PostgreSQL failed; {@code serve} or the next run serves it. */
	public static final int PUBLISHED_NOT_SERVED = 5;

	public static final String PUBLISHED_NOT_SERVED_STATUS = "published_not_served";

	/**
	 * The landing zone is missing or holds no district snapshot: nothing was loaded, and unlike a quiet
	 * night (every snapshot unchanged, exit 0) this is an incident — a failed mount, a wrong path.
	 */
	public static final int LANDING_EMPTY = 6;

	private static final Logger log = LoggerFactory.getLogger(LoadRun.class);

	private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS");

	// UTC, whole seconds: what ops.snapshot_files.modified_at stores and compares
	private static final DateTimeFormatter MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(java.time.ZoneOffset.UTC);

	private final TalentProperties properties;

	private final JobOperator jobOperator;

	private final Job districtStageJob;

	private final Job warehousePublishJob;

	private final JobRepository jobRepository;

	private final io.micrometer.core.instrument.MeterRegistry meterRegistry;

	private volatile boolean stopRequested;

	/** The seeds of the run being started (a restart reads the copy in its staging folder). */
	private Seeds seeds;

	/** Told how each run ended (notifications, metrics); see {@link #announce}. */
	private List<RunOutcomeListener> outcomeListeners = List.of();

	/** Why the current run ended before it wrote a report (broken pipeline files), for its outcome. */
	private String endedWithoutReport;

	/** The districts of the current run whose databases held no rows ("district: source holds no rows"). */
	private final List<String> emptyPulls = java.util.Collections.synchronizedList(new ArrayList<>());

	/** File fingerprints of the planned snapshots (district, date, name, size, modified, sha256). */
	private List<String[]> fingerprints = List.of();

	public LoadRun(TalentProperties properties, JobOperator jobOperator, JobRepository jobRepository,
			io.micrometer.core.instrument.MeterRegistry meterRegistry,
			@Qualifier("districtStageJob") Job districtStageJob, @Qualifier("warehousePublishJob") Job warehousePublishJob) {
		this.meterRegistry = meterRegistry;
		this.properties = properties;
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.districtStageJob = districtStageJob;
		this.warehousePublishJob = warehousePublishJob;
	}

	public int run(Set<String> districts, PrintStream out) throws Exception {
		return run(districts, false, out);
	}

	@Autowired(required = false)
	public void setOutcomeListeners(List<RunOutcomeListener> outcomeListeners) {
		this.outcomeListeners = List.copyOf(outcomeListeners);
	}

	/**
	 * Loads every new or changed district snapshot of the landing zone (or of the named districts);
	 * snapshots whose files are unchanged since they were loaded are skipped unless {@code force}.
	 */
	public int run(Set<String> districts, boolean force, PrintStream out) throws Exception {
		return run(districts, force, out, out);
	}

	/** As {@link #run(Set, boolean, PrintStream)}, with what stops the run or fails a district also on {@code err}. */
	public int run(Set<String> districts, boolean force, PrintStream out, PrintStream err) throws Exception {
		try (RunLock lock = RunLock.acquire(this.properties.stateDir().resolve("run.lock"))) {
			LocalDateTime begun = LocalDateTime.now();
			this.endedWithoutReport = null;
			this.emptyPulls.clear();
			int exit;
			try {
				exit = runLocked(districts, force, out, err);
			}
			catch (Exception ex) {
				// an unexpected error (disk full, a crashed driver) is a failed night too
				this.endedWithoutReport = "the run stopped on an error: " + rootMessage(ex);
				announce(NOTHING_PUBLISHED, begun);
				throw ex;
			}
			announce(exit, begun);
			return exit;
		}
		catch (RunLock.RunInProgressException ex) {
			err.println(ex.getMessage());
			return RUN_IN_PROGRESS;
		}
		finally {
			MDC.remove(RunLogContext.RUN_ID);
		}
	}

	/**
	 * Hands the outcome of the run that just ended (its final report) to the listeners, inside the
	 * run lock, so no later run has replaced it. A listener that fails is logged; the exit code stays.
	 */
	private void announce(int exit, LocalDateTime begun) {
		if (this.outcomeListeners.isEmpty()) {
			return;
		}
		RunOutcome outcome;
		try {
			String runId = MDC.get(RunLogContext.RUN_ID);
			Path report = (runId != null) ? runsFolder().resolve(runId).resolve("report.json") : null;
			RunReport written = (report != null && Files.exists(report)) ? RunReport.read(report) : null;
			outcome = (written != null && !written.status().equals("running")) ? RunOutcome.of(written)
					: RunOutcome.withoutReport(runId, exit, this.endedWithoutReport, begun.toString(),
							LocalDateTime.now().toString());
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Could not read the report of the run that ended, so nobody was told: {}", ex.getMessage());
			return;
		}
		for (RunOutcomeListener listener : this.outcomeListeners) {
			try {
				listener.runEnded(outcome);
			}
			catch (Exception ex) {
				log.warn("{} failed on the outcome of {}: {}", listener.getClass().getSimpleName(), outcome.runId(),
						ex.toString());
			}
		}
	}

	/**
	 * Resumes the last run that did not finish publishing — killed, or failed — under its own run id:
	 * district jobs that completed are kept, failed or interrupted ones restart from their last
	 * committed chunk, and the warehouse is built and published as an uninterrupted run would.
	 */
	public int restart(PrintStream out) throws Exception {
		return restart(out, out);
	}

	/** As {@link #restart(PrintStream)}, with what stops the run or fails a district also on {@code err}. */
	public int restart(PrintStream out, PrintStream err) throws Exception {
		try (RunLock lock = RunLock.acquire(this.properties.stateDir().resolve("run.lock"))) {
			List<RunReport> reports = RunReport.list(runsFolder());
			if (reports.isEmpty()) {
				out.println("Nothing to restart: no run has been started yet.");
				return NOTHING_PUBLISHED;
			}
			RunReport last = reports.get(0);
			if (last.status().equals("published") || last.status().equals(PUBLISHED_NOT_SERVED_STATUS)) {
				out.println("Nothing to restart: the last run " + last.runId() + " published.");
				return PUBLISHED;
			}
			if (last.status().equals("partial")) {
				// its failed districts failed on their data; a fixed file is a new delivery for `run`
				out.println("Nothing to restart: the last run " + last.runId() + " published; its failed districts"
						+ " load again with the next run once their files are fixed.");
				return PUBLISHED;
			}
			out.printf("Restarting run %s (%s)%n", last.runId(), last.status());
			String keyFingerprint = checkPseudonymKey(err);
			if (keyFingerprint == null) {
				return NOTHING_PUBLISHED;
			}
			this.fingerprints = List.of();
			Path recorded = stagingRoot(last.runId()).resolve(WarehouseBuilder.FINGERPRINTS_FILE);
			if (!Files.exists(recorded)) {
				// a run of an older version recorded them only after staging: take them again
				skipUnchanged(last.districts(), true, out);
			}
			this.seeds = null; // the run's own copy in its staging folder, when it got that far
			LocalDateTime begun = LocalDateTime.now();
			MDC.put(RunLogContext.RUN_ID, last.runId());
			this.endedWithoutReport = null;
			int exit;
			try {
				exit = execute(last.runId(), LocalDateTime.parse(last.startedAt()), last.districts(), true,
						new LandingZone(this.properties.getLanding()).holdsDemoData(), keyFingerprint, out, err);
			}
			catch (Exception ex) {
				this.endedWithoutReport = "the resumed run stopped on an error: " + rootMessage(ex);
				announce(NOTHING_PUBLISHED, begun);
				throw ex;
			}
			announce(exit, begun);
			return exit;
		}
		catch (RunLock.RunInProgressException ex) {
			err.println(ex.getMessage());
			return RUN_IN_PROGRESS;
		}
		finally {
			MDC.remove(RunLogContext.RUN_ID);
		}
	}

	/**
	 * Asks a running load to wind down: district jobs not yet started stay pending, nothing is
	 * published, and the run can be resumed with {@link #restart}. Running jobs are stopped by the
	 * caller through the job operator.
	 */
	public void requestStop() {
		this.stopRequested = true;
	}

	private Path runsFolder() {
		return this.properties.stateDir().resolve("runs");
	}

	private int runLocked(Set<String> districts, boolean force, PrintStream out, PrintStream err) throws Exception {
		LocalDateTime startedAt = LocalDateTime.now();
		String runId = "run-" + RUN_ID.format(startedAt);
		MDC.put(RunLogContext.RUN_ID, runId);
		LandingZone landing = new LandingZone(this.properties.getLanding());
		// the seeds operators edit (TALENT_SEEDS), checked like the pipeline files before anything is read
		Seeds seeds = Seeds.at(this.properties.getSeeds());
		List<PipelineProblem> seedProblems = seeds.check();
		if (!seedProblems.isEmpty()) {
			seedProblems.forEach(err::println);
			err.println("Nothing loaded: fix the seeds above (check them with: validate).");
			return NOTHING_PUBLISHED;
		}
		PipelineCatalog catalog = PipelineCatalog.load(this.properties.getPipelines(), landing.root(), seeds.reference());
		if (!catalog.isValid()) {
			for (PipelineProblem problem : catalog.problems()) {
				err.println(problem);
			}
			err.println("Nothing loaded: fix the pipeline files above (check them with: validate).");
			this.endedWithoutReport = "pipeline files are invalid: " + catalog.problems().get(0)
					+ ((catalog.problems().size() > 1) ? " (and " + (catalog.problems().size() - 1) + " more)" : "");
			return NOTHING_PUBLISHED;
		}
		// a district pulled from its databases needs no landing folder
		boolean pulls = catalog.pipelines().stream().anyMatch((p) -> p.pullsFromDatabases()
				&& (districts.isEmpty() || districts.contains(p.district())));
		if (landing.isEmpty() && !pulls) {
			if (!FirstStart.applies(this.properties, catalog, runsFolder())) {
				return landingEmpty(runId, startedAt, landing.root() + (Files.isDirectory(landing.root())
						? " is empty" : " does not exist"), err);
			}
			out.println("First start: the landing zone " + landing.root() + " is empty, so the demo extracts of the four"
					+ " seed districts are written into it first (演示数据; a warehouse that holds data never gets them).");
			DemoDataGenerator.generate(landing.root(), DemoDataGenerator.DEFAULT_SEED);
		}
		String keyFingerprint = checkPseudonymKey(err);
		if (keyFingerprint == null) {
			this.endedWithoutReport = "the pseudonym key does not match the warehouse";
			return NOTHING_PUBLISHED;
		}
		for (String d : districts) {
			if (catalog.pipelines().stream().noneMatch((p) -> p.district().equals(d))) {
				err.println("No pipeline file for district " + d + " in " + this.properties.getPipelines());
				this.endedWithoutReport = "no pipeline file for district " + d;
				return NOTHING_PUBLISHED;
			}
		}
		this.seeds = seeds;
		List<RunReport.DistrictResult> plan = new ArrayList<>();
		List<PipelineDefinition> pulled = catalog.pipelines().stream().filter((p) -> p.pullsFromDatabases()
				&& (districts.isEmpty() || districts.contains(p.district()))).toList();
		Map<String, List<RunReport.DistrictResult>> pulledPlans = pullAll(pulled, runId, force, out);
		for (PipelineDefinition pipeline : catalog.pipelines()) {
			if (districts.isEmpty() || districts.contains(pipeline.district())) {
				plan.addAll(pulledPlans.getOrDefault(pipeline.district(), List.of()));
				for (LandingZone.Snapshot snapshot : landing.snapshots(pipeline)) {
					plan.add(new RunReport.DistrictResult(pipeline.district(), pipeline.name(), snapshot.date().toString(),
							pipeline.file().toAbsolutePath().toString(), snapshot.folder().toString(), "pending", null));
				}
			}
		}
		if (plan.isEmpty()) {
			return landingEmpty(runId, startedAt, landing.root() + " holds no district snapshot for "
					+ (districts.isEmpty() ? "any pipeline" : "district(s) " + String.join(", ", districts)), err);
		}
		plan = skipUnchanged(plan, force, out);
		log.debug("planned {} snapshot(s)", plan.size());
		long toLoad = plan.stream().filter((d) -> d.status().equals("pending")).count();
		out.printf("Run %s: %d district snapshot(s) from %s, %d new or changed%n", runId, plan.size(), landing.root(),
				toLoad);
		// a database that could not be read is a failed district, not a quiet night
		boolean pullFailed = pulledPlans.values().stream().flatMap(List::stream).anyMatch((d) -> d.status().equals("failed"));
		if (toLoad == 0 && !pullFailed && !plan.isEmpty()) {
			out.println("Nothing new to load: every snapshot is unchanged since it was loaded (run --force reloads).");
			// served again all the same: a night after a failed serve (or a hand-edited table) repairs it
			String notServed = serve(out);
			int exit = (notServed == null) ? PUBLISHED : PUBLISHED_NOT_SERVED;
			new RunReport(runId, startedAt.toString(), LocalDateTime.now().toString(),
					(notServed == null) ? "unchanged" : PUBLISHED_NOT_SERVED_STATUS, exit, null, plan,
					"every snapshot unchanged" + ((notServed == null) ? "" : "; " + notServed))
				.write(runsFolder().resolve(runId).resolve("report.json"));
			return exit;
		}
		return execute(runId, startedAt, plan, false, landing.holdsDemoData(), keyFingerprint, out, err);
	}

	/**
	 * Pulls every snapshot of the districts whose sources are databases into the run's staging
	 * folder ({@code pulled/district_code=X/snapshot_date=D}), districts in parallel; those folders
	 * then take the place of dated landing folders, their {@code <source>.jdbc} digests the place of
	 * files in the fingerprints. A district whose database cannot be read fails alone, before
	 * anything of it is staged.
	 */
	private Map<String, List<RunReport.DistrictResult>> pullAll(List<PipelineDefinition> pipelines, String runId,
			boolean force, PrintStream out) throws Exception {
		Map<String, List<RunReport.DistrictResult>> plans = new java.util.concurrent.ConcurrentHashMap<>();
		if (pipelines.isEmpty()) {
			return plans;
		}
		Map<String, LoadedSnapshot> loaded = LoadedSnapshot.read(this.properties.getWarehouse());
		ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(pipelines.size(), this.properties.getThreads())));
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (PipelineDefinition pipeline : pipelines) {
				futures.add(pool.submit(() -> {
					plans.put(pipeline.district(), pull(pipeline, runId, force ? Map.of() : loaded, out));
					return null;
				}));
			}
			for (Future<?> f : futures) {
				f.get();
			}
		}
		finally {
			pool.shutdown();
		}
		return plans;
	}

	private List<RunReport.DistrictResult> pull(PipelineDefinition pipeline, String runId,
			Map<String, LoadedSnapshot> loaded, PrintStream out) throws IOException {
		Path base = stagingRoot(runId).resolve("pulled").resolve("district_code=" + pipeline.district());
		java.time.LocalDate today = java.time.LocalDate.now();
		java.util.function.Function<java.time.LocalDate, Path> folder = (date) -> base.resolve("snapshot_date=" + date);
		String file = pipeline.file().toAbsolutePath().toString();
		java.util.TreeSet<java.time.LocalDate> dates = new java.util.TreeSet<>();
		List<String> empty = new ArrayList<>();
		int sources = 0;
		long started = System.nanoTime();
		try {
			for (SourceKind kind : SourceKind.values()) {
				cq.talentwarehouse.pipeline.SourceDefinition source = pipeline.source(kind);
				if (source != null) {
					Map<java.time.LocalDate, Long> rows = new cq.talentwarehouse.source.JdbcPull(source, kind, System::getenv)
						.pullAll(today, folder);
					dates.addAll(rows.keySet());
					sources++;
					if (rows.values().stream().mapToLong(Long::longValue).sum() == 0) {
						empty.add(cq.talentwarehouse.source.JdbcPull.describe(source) + " holds no rows");
					}
					out.printf("  pulled  %s %s %s: %d snapshot(s), %d rows from %s%n", pipeline.district(), pipeline.name(),
							kind.key(), rows.size(), rows.values().stream().mapToLong(Long::longValue).sum(),
							cq.talentwarehouse.source.JdbcPull.describe(source));
				}
			}
		}
		catch (cq.talentwarehouse.source.SourceException ex) {
			out.println("  FAILED  " + pipeline.district() + " " + pipeline.name() + ": " + ex.getMessage());
			log.debug("pull of {} failed", pipeline.district(), ex);
			Files.createDirectories(folder.apply(today));
			return List.of(new RunReport.DistrictResult(pipeline.district(), pipeline.name(), today.toString(), file,
					folder.apply(today).toString(), "failed", ex.getMessage()));
		}
		log.debug("pulled {} in {} ms", pipeline.district(), (System.nanoTime() - started) / 1_000_000);
		if (empty.size() == sources) {
			// an exchange table not yet written tonight is no snapshot: publishing it would empty the district
			for (java.time.LocalDate date : dates) {
				org.springframework.util.FileSystemUtils.deleteRecursively(folder.apply(date));
			}
			String sentence = pipeline.district() + " " + pipeline.name() + ": " + String.join("; ", empty);
			out.println("  empty   " + sentence + "; nothing to load from it");
			this.emptyPulls.add(sentence);
			return List.of();
		}
		List<RunReport.DistrictResult> plan = new ArrayList<>();
		for (java.time.LocalDate date : dates) {
			Files.createDirectories(folder.apply(date));
			RunReport.DistrictResult d = new RunReport.DistrictResult(pipeline.district(), pipeline.name(), date.toString(),
					file, folder.apply(date).toString(), "pending", null);
			if (date.equals(today) && !loaded.containsKey(pipeline.district() + "@" + date)) {
				// a pull dated today whose rows equal the district's latest loaded snapshot is no new snapshot
				String latest = loaded.keySet().stream().filter((k) -> k.startsWith(pipeline.district() + "@"))
					.max(String::compareTo).orElse(null);
				if (latest != null && SnapshotFingerprint.of(folder.apply(date), Map.of())
					.sameContentAs(loaded.get(latest).files())) {
					out.printf("  skipped %s %s @ %s: the pulled rows are unchanged since its snapshot %s%n",
							pipeline.district(), pipeline.name(), date, latest.substring(latest.indexOf('@') + 1));
					d = d.with("skipped", "unchanged since " + latest);
				}
			}
			plan.add(d);
		}
		return plan;
	}

	/**
	 * Nothing to load because the landing zone is gone or empty (and the district databases pulled,
	 * if any, hold no rows): said loudly, recorded, exit 6.
	 */
	private int landingEmpty(String runId, LocalDateTime startedAt, String what, PrintStream out) throws IOException {
		String databases = this.emptyPulls.isEmpty() ? ""
				: ", and " + String.join("; ", this.emptyPulls);
		String message = "nothing to load: the landing zone " + what + databases + "; the published warehouse is unchanged."
				+ " Check that the landing folder is mounted and is the one configured (--landing, TALENT_LANDING)"
				+ (databases.isEmpty() ? "" : " and that the districts' systems have written their rows");
		out.println("WARNING: " + message + ".");
		log.warn(message);
		new RunReport(runId, startedAt.toString(), LocalDateTime.now().toString(), "landing_empty", LANDING_EMPTY, null,
				List.of(), message).write(runsFolder().resolve(runId).resolve("report.json"));
		return LANDING_EMPTY;
	}

	/** The key's fingerprint, or null after saying why this key may not be used on this warehouse. */
	private String checkPseudonymKey(PrintStream out) throws Exception {
		try {
			return PseudonymKeyGuard.check(this.properties.getWarehouse(), this.properties.getPseudonymKeyFile());
		}
		catch (PseudonymKeyGuard.KeyMismatchException ex) {
			out.println(ex.getMessage());
			log.error(ex.getMessage());
			return null;
		}
	}

	private Path stagingRoot(String runId) {
		return this.properties.workDir().resolve("runs").resolve(runId).resolve("staging");
	}

	private int execute(String runId, LocalDateTime startedAt, List<RunReport.DistrictResult> plan, boolean resume,
			boolean demo, String keyFingerprint, PrintStream out, PrintStream err) throws Exception {
		StagingArea staging = new StagingArea(stagingRoot(runId));
		Files.createDirectories(staging.root());
		// staging, the build and a restart read the seeds the run started with, from its staging folder
		Path seedCopy = staging.root().resolve("seeds");
		if (!Files.isDirectory(seedCopy)) {
			((this.seeds != null) ? this.seeds : Seeds.at(this.properties.getSeeds())).copyTo(seedCopy);
		}
		Path reportFile = runsFolder().resolve(runId).resolve("report.json");
		new RunReport(runId, startedAt.toString(), null, "running", -1, staging.root().toString(), plan, null)
			.write(reportFile);
		// recorded before anything stages, so a run killed while staging and resumed by restart still
		// records which files its snapshots came from
		RunFacts.writeIfAbsent(staging.root(), runId, startedAt, demo, keyFingerprint);
		writeFingerprints(staging);

		this.stopRequested = false;
		// one run's timers per report, also when the schedule keeps this process alive for months
		this.meterRegistry.clear();
		Thread preparing = prepareAheadOnAnIdleThread(runId, plan, staging);
		try {
			return stageAndPublish(runId, startedAt, plan, staging, reportFile, preparing, resume, out, err);
		}
		catch (Exception | OutOfMemoryError ex) {
			// a run that cannot go on (a full disk, a lost file system) is recorded as failed, never left "running"
			String message = RunFailures.describe(ex);
			log.error("run {} failed: {}", runId, message, ex);
			discardWorkingCopy();
			new RunReport(runId, startedAt.toString(), LocalDateTime.now().toString(), "failed", NOTHING_PUBLISHED,
					staging.root().toString(), plan, message).write(reportFile);
			err.println("Nothing published: " + message);
			return NOTHING_PUBLISHED;
		}
		finally {
			// never left writing the working copy behind a returning run (the schedule starts the next)
			if (preparing != null) {
				preparing.join();
			}
		}
	}

	/**
	 * When fewer snapshots stage than there are staging threads (a night with one district), a thread
	 * would idle while they stage: it prepares the build's working copy meanwhile (scheduled one-district
	 * night at city scale: the copy, DuckDB and migrations, ~0.17 s of ~1.9 s). With every thread
	 * staging it would only compete: at city scale preparing beside staging cost 0.8 s.
	 */
	private Thread prepareAheadOnAnIdleThread(String runId, List<RunReport.DistrictResult> plan, StagingArea staging) {
		long toStage = plan.stream().filter((d) -> d.status().equals("pending")).count();
		if (toStage == 0 || toStage >= Math.max(1, this.properties.getThreads())) {
			return null;
		}
		Thread preparing = new Thread(RunLogContext.carry(() -> WarehouseBuilder.prepareAhead(this.properties.getWarehouse(),
				WarehousePublishJobConfiguration.workingCopy(this.properties), staging.root().resolve("seeds"), runId,
				this.properties.getWarehouseMemoryLimit())), "warehouse-prepare");
		preparing.start();
		return preparing;
	}

	private int stageAndPublish(String runId, LocalDateTime startedAt, List<RunReport.DistrictResult> plan,
			StagingArea staging, Path reportFile, Thread preparing, boolean resume, PrintStream out, PrintStream err)
			throws Exception {
		List<RunReport.DistrictResult> results = stageAll(runId, startedAt, plan, staging, reportFile, resume, out);
		if (this.stopRequested) {
			new RunReport(runId, startedAt.toString(), null, "stopped", NOTHING_PUBLISHED, staging.root().toString(),
					results, "stopped on request before publishing; resume with restart").write(reportFile);
			out.printf("Run %s stopped before publishing; resume it with: restart%n", runId);
			return NOTHING_PUBLISHED;
		}
		writeFeeds(staging, results);
		long staged = results.stream().filter((r) -> r.status().equals("staged")).count();
		long attempted = results.stream().filter((r) -> !r.status().equals("skipped")).count();
		int exit;
		String message = null;
		long skipped = results.size() - attempted;
		if (staged == 0 && skipped > 0 && attempted > 0) {
			// the warehouse stays current for the unchanged districts: a district failure, not a failed night
			exit = PARTIAL;
			message = "every changed district failed; " + skipped + " unchanged snapshot(s) stay as published";
			err.println("Nothing new published: " + message + ".");
		}
		else if (staged == 0) {
			exit = NOTHING_PUBLISHED;
			message = plan.isEmpty() ? "no snapshot folders (yyyy-mm-dd) found in the landing zone" : "every district failed";
			err.println("Nothing published: " + message + ".");
		}
		else {
			JobParameters parameters = new JobParametersBuilder()
				.addString(WarehousePublishJobConfiguration.RUN_ID, runId)
				.addString(WarehousePublishJobConfiguration.STAGING_ROOT, staging.root().toString())
				.addString(WarehousePublishJobConfiguration.STARTED_AT, startedAt.toString())
				.toJobParameters();
			if (preparing != null) {
				preparing.join();
			}
			JobExecution publish = launch(this.warehousePublishJob, parameters, resume);
			if (publish.getStatus() == BatchStatus.COMPLETED) {
				List<RunReport.DistrictResult> unreadable = failedInBuild(staging, results);
				exit = (staged == attempted && unreadable.isEmpty()) ? PUBLISHED : PARTIAL;
				results = unreadable.isEmpty() ? results : withFailures(results, unreadable);
				printSummary(runId, out);
				String notServed = serve(out);
				if (notServed != null) {
					exit = PUBLISHED_NOT_SERVED;
					message = notServed;
				}
			}
			else {
				exit = NOTHING_PUBLISHED;
				message = failureMessage(publish);
				discardWorkingCopy();
				if (RunFailures.isDiskFull(message)) {
					message = "out of disk space: " + message + "; the partial working copy was removed (free space, then run"
							+ " again or resume with restart)";
				}
				err.println("Nothing published: " + message);
			}
		}
		LocalDateTime finishedAt = LocalDateTime.now();
		String status = switch (exit) {
			case PUBLISHED -> "published";
			case PARTIAL -> "partial";
			case PUBLISHED_NOT_SERVED -> PUBLISHED_NOT_SERVED_STATUS;
			default -> "failed";
		};
		new RunReport(runId, startedAt.toString(), finishedAt.toString(), status, exit, staging.root().toString(),
				results, message, sourceResults(staging, results), MetricsSummary.of(this.meterRegistry),
				versions(Seeds.at(staging.root().resolve("seeds"))))
			.write(reportFile);
		pruneWorkFolders(runId, exit);
		out.printf("Run %s %s in %.1f s (exit %d).%n", runId, status,
				Duration.between(startedAt, finishedAt).toMillis() / 1000.0, exit);
		Map<String, String> latest = latestPublishedSnapshots();
		for (RunReport.DistrictResult r : results) {
			if (r.status().equals("failed")) {
				// only a district that has one keeps a published snapshot; a first delivery that fails has none
				String kept = latest.containsKey(r.district())
						? "keeps its last published snapshot (" + latest.get(r.district()) + ")"
						: "has no published snapshot yet (nothing of it is in the warehouse)";
				err.printf("  district %s %s @ %s failed and %s: %s%n", r.district(), r.name(), r.snapshotDate(), kept,
						r.message());
			}
		}
		return exit;
	}

	/** Serves the published warehouse when TALENT_SERVE_URL is set; why it could not, or null. */
	private String serve(PrintStream out) {
		ServeState served = WarehouseServer.servePublished(this.properties, out);
		return (served != null && !served.served()) ? "published but not served: " + served.message() : null;
	}

	/**
	 * Staged files are only needed to restart a run that did not publish: once a run published,
	 * its staging (which may hold spooled API pages with raw ID numbers) is deleted, and of the
	 * unpublished runs only the latest few are kept for {@code restart}.
	 */
	private void pruneWorkFolders(String runId, int exit) {
		Path runs = this.properties.workDir().resolve("runs");
		try {
			if (exit == PUBLISHED || exit == PARTIAL || exit == PUBLISHED_NOT_SERVED) {
				deleteTree(runs.resolve(runId));
			}
			if (Files.isDirectory(runs)) {
				List<Path> older;
				try (var list = Files.list(runs)) {
					older = list.filter(Files::isDirectory)
						.sorted(java.util.Comparator.comparing(Path::toString).reversed())
						.skip(KEEP_UNPUBLISHED_RUNS)
						.toList();
				}
				for (Path dir : older) {
					deleteTree(dir);
				}
			}
		}
		catch (IOException ex) {
			log.warn("Could not clean up the work folder {}: {}", runs, ex.getMessage());
		}
	}

	private static final int KEEP_UNPUBLISHED_RUNS = 3;

	private static void deleteTree(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (var walk = Files.walk(dir)) {
			for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
	}

	/**
	 * Marks the snapshots whose files hold the same content as when they were last loaded as
	 * skipped, so a night where one district delivers reads one district. Hashes of files whose
	 * size and modification time did not change are taken from the warehouse, not recomputed.
	 */
	private List<RunReport.DistrictResult> skipUnchanged(List<RunReport.DistrictResult> plan, boolean force,
			PrintStream out) throws Exception {
		Map<String, LoadedSnapshot> loaded = LoadedSnapshot.read(this.properties.getWarehouse());
		List<RunReport.DistrictResult> result = new ArrayList<>();
		List<String[]> fingerprints = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, this.properties.getThreads()));
		try {
			List<Future<SnapshotFingerprint>> futures = new ArrayList<>();
			List<String> outside = new ArrayList<>();
			for (RunReport.DistrictResult d : plan) {
				LoadedSnapshot previous = loaded.get(d.district() + "@" + d.snapshotDate());
				PipelineDefinition pipeline = PipelineCatalog.readChecked(Path.of(d.pipelineFile()));
				java.time.LocalDate date = java.time.LocalDate.parse(d.snapshotDate());
				String leaving = linkLeavingLanding(d);
				outside.add(leaving);
				futures.add((leaving != null) ? null : pool.submit(() -> SnapshotFingerprint.of(Path.of(d.snapshotFolder()),
						(name) -> LandingZone.Snapshot.holds(pipeline, date, name),
						(previous != null) ? previous.byName() : Map.of())));
			}
			for (int i = 0; i < plan.size(); i++) {
				RunReport.DistrictResult d = plan.get(i);
				if (outside.get(i) != null) {
					// not even hashed: a file outside the landing zone is never read
					result.add(d.with("failed", outside.get(i)));
					continue;
				}
				SnapshotFingerprint fingerprint = futures.get(i).get();
				if (d.status().equals("failed")) {
					result.add(d); // a pull that failed: nothing to compare
					continue;
				}
				LoadedSnapshot previous = loaded.get(d.district() + "@" + d.snapshotDate());
				if (!force && previous != null && fingerprint.sameContentAs(previous.files())) {
					out.printf("  skipped %s %s @ %s: its %d file(s) are unchanged since %s%n", d.district(), d.name(),
							d.snapshotDate(), fingerprint.files().size(), previous.runId());
					result.add(d.with("skipped", "unchanged since " + previous.runId()));
				}
				else {
					result.add(d);
				}
				for (SnapshotFingerprint.FileEntry f : fingerprint.files()) {
					fingerprints.add(new String[] { d.district(), d.snapshotDate(), f.name(), Long.toString(f.size()),
							MODIFIED.format(f.modified()), f.sha256() });
				}
			}
		}
		finally {
			pool.shutdown();
		}
		this.fingerprints = fingerprints;
		return result;
	}

	/**
	 * Starts a job, or on resume continues its instance: a completed one is returned as it is, an
	 * interrupted one (still marked started after a kill) is first recovered, a failed one restarts
	 * from its last committed chunk.
	 */
	private JobExecution launch(Job job, JobParameters parameters, boolean resume) throws Exception {
		if (resume) {
			JobExecution last = this.jobRepository.getLastJobExecution(job.getName(), parameters);
			if (last != null) {
				if (last.getStatus() == BatchStatus.COMPLETED) {
					return last;
				}
				if (last.getStatus().isRunning()) {
					last = this.jobOperator.recover(last);
				}
				return this.jobOperator.restart(last);
			}
		}
		return this.jobOperator.start(job, parameters);
	}

	/**
	 * The partial working copy of a failed build goes: it may be as large as the warehouse, and a
	 * restart builds a fresh one from the published file anyway.
	 */
	private void discardWorkingCopy() {
		Path copy = WarehousePublishJobConfiguration.workingCopy(this.properties);
		try {
			Files.deleteIfExists(copy);
			Files.deleteIfExists(Path.of(copy + ".wal"));
			deleteTree(copy.toAbsolutePath().getParent().resolve("duckdb-spill"));
		}
		catch (IOException ex) {
			log.warn("Could not remove the working copy {}: {}", copy, ex.getMessage());
		}
	}

	private List<RunReport.DistrictResult> stageAll(String runId, LocalDateTime startedAt,
			List<RunReport.DistrictResult> plan, StagingArea staging, Path reportFile, boolean resume, PrintStream out)
			throws Exception {
		// each district's outcome goes into the report as it comes, so `status` after a kill shows
		// which districts had staged and which had not
		List<RunReport.DistrictResult> progress = new ArrayList<>(plan);
		ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, this.properties.getThreads()));
		try {
			// largest snapshots first: a big roster started last would leave the other threads idle
			// while it finishes (results keep the plan's order)
			List<Integer> order = new ArrayList<>();
			long[] bytes = new long[plan.size()];
			for (int i = 0; i < plan.size(); i++) {
				order.add(i);
				bytes[i] = folderBytes(Path.of(plan.get(i).snapshotFolder()));
			}
			order.sort((a, b) -> Long.compare(bytes[b], bytes[a]));
			List<Future<RunReport.DistrictResult>> futures = new ArrayList<>(java.util.Collections.nCopies(plan.size(), null));
			for (int i : order) {
				RunReport.DistrictResult snapshot = plan.get(i);
				futures.set(i, pool.submit(RunLogContext.carry(snapshot.district(), () -> {
					RunReport.DistrictResult result = stage(runId, snapshot, staging, resume, out);
					if (result != snapshot) {
						synchronized (progress) {
							progress.set(i, result);
							new RunReport(runId, startedAt.toString(), null, "running", -1, staging.root().toString(),
									List.copyOf(progress), null).write(reportFile);
						}
					}
					return result;
				})));
			}
			List<RunReport.DistrictResult> results = new ArrayList<>();
			for (Future<RunReport.DistrictResult> f : futures) {
				results.add(f.get());
			}
			return results;
		}
		finally {
			pool.shutdown();
		}
	}

	/** The staged snapshots the build could not read back and failed alone (each with its reason). */
	private static List<RunReport.DistrictResult> failedInBuild(StagingArea staging, List<RunReport.DistrictResult> results)
			throws IOException {
		Path file = staging.root().resolve(WarehouseBuilder.BUILD_FAILURES_FILE);
		List<RunReport.DistrictResult> failed = new ArrayList<>();
		if (!Files.exists(file)) {
			return failed;
		}
		try (var parser = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
			.parse(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
			for (var row : parser) {
				for (RunReport.DistrictResult r : results) {
					if (r.district().equals(row.get("district_code")) && r.snapshotDate().equals(row.get("snapshot_date"))) {
						failed.add(r.with("failed", row.get("message")));
					}
				}
			}
		}
		return failed;
	}

	private static List<RunReport.DistrictResult> withFailures(List<RunReport.DistrictResult> results,
			List<RunReport.DistrictResult> failed) {
		List<RunReport.DistrictResult> merged = new ArrayList<>();
		for (RunReport.DistrictResult r : results) {
			merged.add(failed.stream().filter((f) -> f.district().equals(r.district())
					&& f.snapshotDate().equals(r.snapshotDate())).findFirst().orElse(r));
		}
		return merged;
	}

	/** Why a snapshot may not be read because a link leads out of the landing zone, or null. */
	private String linkLeavingLanding(RunReport.DistrictResult d) {
		PipelineDefinition pipeline = PipelineCatalog.readChecked(Path.of(d.pipelineFile()));
		if (pipeline.pullsFromDatabases()) {
			return null; // its snapshot folder is the run's own pull, in staging
		}
		java.time.LocalDate date = java.time.LocalDate.parse(d.snapshotDate());
		return new LandingZone(this.properties.getLanding()).linkLeavingRoot(Path.of(d.snapshotFolder()),
				(name) -> LandingZone.Snapshot.holds(pipeline, date, name));
	}

	/** Bytes of the files in a snapshot folder (0 when it cannot be listed: the stage step will say why). */
	private static long folderBytes(Path folder) {
		try (var files = Files.list(folder)) {
			return files.filter(Files::isRegularFile).mapToLong((f) -> f.toFile().length()).sum();
		}
		catch (IOException | UncheckedIOException ex) {
			return 0;
		}
	}

	private RunReport.DistrictResult stage(String runId, RunReport.DistrictResult snapshot, StagingArea staging,
			boolean resume, PrintStream out) {
		String label = snapshot.district() + " " + snapshot.name() + " @ " + snapshot.snapshotDate();
		if (this.stopRequested) {
			return snapshot.with("pending", null);
		}
		if (snapshot.status().equals("skipped") || snapshot.status().equals("staged")
				|| (!resume && snapshot.status().equals("failed"))) {
			return snapshot;
		}
		String leaving = linkLeavingLanding(snapshot);
		if (leaving != null) {
			out.println("  FAILED  " + label + ": " + leaving);
			return snapshot.with("failed", leaving);
		}
		out.println("  staging " + label + " ...");
		long stagingAt = System.nanoTime();
		JobParameters parameters = new JobParametersBuilder()
			.addString(DistrictStageJobConfiguration.RUN_ID, runId)
			.addString(DistrictStageJobConfiguration.PIPELINE_FILE, snapshot.pipelineFile())
			.addString(DistrictStageJobConfiguration.SNAPSHOT_DATE, snapshot.snapshotDate())
			.addString(DistrictStageJobConfiguration.SNAPSHOT_FOLDER, snapshot.snapshotFolder())
			.addString(DistrictStageJobConfiguration.STAGING_ROOT, staging.root().toString())
			.toJobParameters();
		try {
			JobExecution execution = launch(this.districtStageJob, parameters, resume);
			if (execution.getStatus() == BatchStatus.STOPPED) {
				out.println("  stopped " + label + " (resume with restart)");
				return snapshot.with("pending", null);
			}
			if (execution.getStatus() == BatchStatus.COMPLETED) {
				log.debug("staged {} in {} ms", label, (System.nanoTime() - stagingAt) / 1_000_000);
				out.println("  staged  " + label);
				return snapshot.with("staged", null);
			}
			String message = failureMessage(execution);
			out.println("  FAILED  " + label + ": " + message);
			return snapshot.with("failed", message);
		}
		catch (Exception ex) {
			log.debug("district stage job could not start", ex);
			String message = "could not start: " + ex.getMessage();
			out.println("  FAILED  " + label + ": " + message);
			return snapshot.with("failed", message);
		}
	}

	private static List<RunReport.SourceResult> sourceResults(StagingArea staging, List<RunReport.DistrictResult> results) {
		List<RunReport.SourceResult> sources = new ArrayList<>();
		for (RunReport.DistrictResult r : results) {
			for (SourceKind kind : SourceKind.values()) {
				Path meta = staging.meta(kind, r.district(), java.time.LocalDate.parse(r.snapshotDate()));
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
	private Map<String, String> latestPublishedSnapshots() {
		Map<String, String> latest = new java.util.TreeMap<>();
		for (String key : LoadedSnapshot.read(this.properties.getWarehouse()).keySet()) {
			String[] parts = key.split("@", 2);
			latest.merge(parts[0], parts[1], (a, b) -> (a.compareTo(b) >= 0) ? a : b);
		}
		return latest;
	}

	private static java.util.Map<String, String> versions(Seeds seeds) {
		java.util.Map<String, String> versions = new java.util.LinkedHashMap<>();
		// the reference data is an input like the code: which seeds built this warehouse
		versions.put("seeds_sha256", seeds.sha256());
		String app = LoadRun.class.getPackage().getImplementationVersion();
		versions.put("talent-warehouse", (app != null) ? app : "development build");
		versions.put("java", System.getProperty("java.version"));
		String batch = org.springframework.batch.core.job.Job.class.getPackage().getImplementationVersion();
		versions.put("spring-batch", (batch != null) ? batch : "unknown");
		try (Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("select version()")) {
			rs.next();
			versions.put("duckdb", rs.getString(1));
		}
		catch (java.sql.SQLException ex) {
			versions.put("duckdb", "unknown (" + ex.getMessage() + ")");
		}
		return versions;
	}

	/** The first failure's own message: a SourceException already reads as a sentence for operators. */
	static String failureMessage(JobExecution execution) {
		for (StepExecution step : execution.getStepExecutions()) {
			for (Throwable t : step.getFailureExceptions()) {
				return rootMessage(t);
			}
		}
		for (Throwable t : execution.getAllFailureExceptions()) {
			return rootMessage(t);
		}
		return "job ended " + execution.getStatus();
	}

	private static String rootMessage(Throwable t) {
		Throwable cause = t;
		while (cause.getCause() != null && !(cause instanceof cq.talentwarehouse.source.SourceException)
				&& cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

	private void writeFingerprints(StagingArea staging) throws IOException {
		StringBuilder csv = new StringBuilder("district_code,snapshot_date,file_name,size_bytes,modified_at,sha256\n");
		Path file = staging.root().resolve(WarehouseBuilder.FINGERPRINTS_FILE);
		if (this.fingerprints.isEmpty() && Files.exists(file)) {
			return; // a restart keeps the fingerprints its run recorded
		}
		for (String[] f : this.fingerprints) {
			csv.append(f[0]).append(',').append(f[1]).append(",\"").append(f[2].replace("\"", "\"\"")).append("\",")
				.append(f[3]).append(',').append(f[4]).append(',').append(f[5]).append('\n');
		}
		Files.writeString(file, csv, StandardCharsets.UTF_8);
	}

	private static void writeFeeds(StagingArea staging, List<RunReport.DistrictResult> results) throws IOException {
		StringBuilder csv = new StringBuilder("district_code,snapshot_date,status,message\n");
		for (RunReport.DistrictResult r : results) {
			csv.append(r.district()).append(',').append(r.snapshotDate()).append(',').append(r.status()).append(',');
			if (r.message() != null) {
				csv.append('"').append(r.message().replace("\"", "\"\"").replace('\n', ' ')).append('"');
			}
			csv.append('\n');
		}
		Files.writeString(staging.root().resolve(WarehouseBuilder.FEEDS_FILE), csv, StandardCharsets.UTF_8);
	}

	private void printSummary(String runId, PrintStream out) throws Exception {
		List<String[]> rows = new ArrayList<>();
		long[] totals = new long[3];
		try (Connection c = DuckDb.openReadOnly(this.properties.getWarehouse()); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("select c.district_code, d.short_name, c.source, c.read, c.loaded,"
						+ " c.quarantined, c.seconds, regexp_extract(c.file, '[^/]+$'), cast(c.snapshot_date as varchar)"
						+ " from ops.source_counts c left join (select distinct district_code,"
						+ " short_name from dw.dim_district) d using (district_code) where run_id = "
						+ DuckDb.literal(runId) + " order by c.district_code, c.snapshot_date, c.source")) {
			while (rs.next()) {
				rows.add(new String[] { rs.getString(1), rs.getString(2), rs.getString(9), rs.getString(3), rs.getString(8),
						rs.getString(4), rs.getString(5), rs.getString(6),
						String.format(java.util.Locale.ROOT, "%.1f", rs.getDouble(7)) });
				for (int i = 0; i < 3; i++) {
					totals[i] += rs.getLong(4 + i);
				}
			}
		}
		rows.add(new String[] { "total", "", "", "", "", Long.toString(totals[0]), Long.toString(totals[1]),
				Long.toString(totals[2]), "" });
		out.println();
		cq.talentwarehouse.cli.Tables.print(List.of("district", "name", "snapshot", "source", "file", "read", "loaded",
				"quarantined", "seconds"), rows, out);
		// one line per warning: two snapshots of a district are told apart by their date, never printed twice
		try (Connection c = DuckDb.openReadOnly(this.properties.getWarehouse()); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("select distinct district_code, cast(snapshot_date as varchar), source, rule,"
						+ " records, example from ops.warnings where run_id = " + DuckDb.literal(runId) + " order by all")) {
			while (rs.next()) {
				out.printf("warning: %s @ %s %s: %d record(s) %s (e.g. %s) — loaded, but worth asking the district about%n",
						rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(5), rs.getString(4), rs.getString(6));
			}
		}
		out.println();
	}

}
