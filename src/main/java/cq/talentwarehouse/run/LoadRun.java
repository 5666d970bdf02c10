package cq.talentwarehouse.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import cq.talentwarehouse.TalentProperties;
import cq.talentwarehouse.load.RunSummary;
import cq.talentwarehouse.load.WarehouseBuilder;
import cq.talentwarehouse.pipeline.LandingZone;
import cq.talentwarehouse.pipeline.PipelineCatalog;
import cq.talentwarehouse.pipeline.PipelineDefinition;
import cq.talentwarehouse.reference.FileProblem;
import cq.talentwarehouse.reference.Seeds;

/**
 * One load of the warehouse: plan the district snapshots of the landing zone ({@link SnapshotPlanner}),
 * stage each by its own {@code districtStageJob} (districts in parallel, each failing on its own:
 * {@link DistrictStaging}), then one {@code warehousePublishJob} over those that staged, recording
 * every step ({@link RunRecorder}). Exit codes: 0 all published, 1 nothing published, 3 some districts
 * failed and the rest published, 4 another run holds the lock, 5 published but not served to the
 * PostgreSQL of {@code TALENT_SERVE_URL} (status {@code published_not_served}), 6 the landing zone is
 * missing or empty.
 */
@Component
public class LoadRun {

	public static final int PUBLISHED = 0;

	public static final int NOTHING_PUBLISHED = 1;

	public static final int PARTIAL = 3;

	public static final int RUN_IN_PROGRESS = 4;

	/** Published in DuckDB, but serving it to PostgreSQL failed; {@code serve} or the next run serves it. */
	public static final int PUBLISHED_NOT_SERVED = 5;

	public static final String PUBLISHED_NOT_SERVED_STATUS = RunStatus.PUBLISHED_NOT_SERVED.key();

	/**
	 * The landing zone is missing or holds no district snapshot: nothing was loaded, and unlike a quiet
	 * night (every snapshot unchanged, exit 0) this is an incident — a failed mount, a wrong path.
	 */
	public static final int LANDING_EMPTY = 6;

	private static final Logger log = LoggerFactory.getLogger(LoadRun.class);

	private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS");

	private final TalentProperties properties;

	private final SnapshotPlanner planner;

	private final RunRecorder recorder;

	private final RunExecution execution;

	private final DatabasePulls pulls;

	private final NextRunPreparation nextRun;

	/** Told how each run ended (notifications, metrics); see {@link #announce}. */
	private List<RunOutcomeListener> outcomeListeners = List.of();

	/** The run under way, for {@link #requestStop}; null between runs. */
	private volatile RunState current;

	public LoadRun(TalentProperties properties, JobOperator jobOperator, JobRepository jobRepository,
			MeterRegistry meterRegistry, @Qualifier("districtStageJob") Job districtStageJob,
			@Qualifier("warehousePublishJob") Job warehousePublishJob) {
		this.properties = properties;
		BatchJobs jobs = new BatchJobs(jobOperator, jobRepository);
		this.planner = new SnapshotPlanner(properties);
		this.recorder = new RunRecorder(properties);
		this.pulls = new DatabasePulls(properties, this.recorder);
		this.nextRun = new NextRunPreparation(properties, this.recorder);
		this.execution = new RunExecution(properties, meterRegistry, warehousePublishJob, jobs,
				new DistrictStaging(districtStageJob, jobs, this.planner, properties::getThreads), this.recorder);
	}

	@Autowired(required = false)
	public void setOutcomeListeners(List<RunOutcomeListener> outcomeListeners) {
		this.outcomeListeners = List.copyOf(outcomeListeners);
	}

	@Autowired(required = false)
	public void setSummary(RunSummary summary) {
		this.execution.setSummary(summary);
	}

	public int run(Set<String> districts, PrintStream out) throws Exception {
		return run(districts, false, out);
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
		return underLock(err, () -> {
			RunState run = new RunState(out, err);
			return announced(run, "the run stopped on an error: ", () -> runLocked(districts, force, run));
		});
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
		return underLock(err, () -> {
			List<RunReport> reports = RunReport.list(this.recorder.runsFolder());
			if (reports.isEmpty()) {
				out.println("Nothing to restart: no run has been started yet.");
				return NOTHING_PUBLISHED;
			}
			RunReport last = reports.get(0);
			if (last.is(RunStatus.PUBLISHED) || last.is(RunStatus.PUBLISHED_NOT_SERVED)) {
				out.println("Nothing to restart: the last run " + last.runId() + " published.");
				return PUBLISHED;
			}
			if (last.is(RunStatus.PARTIAL)) {
				// its failed districts failed on their data; a fixed file is a new delivery for `run`
				out.println("Nothing to restart: the last run " + last.runId() + " published; its failed districts"
						+ " load again with the next run once their files are fixed.");
				return PUBLISHED;
			}
			out.printf("Restarting run %s (%s)%n", last.runId(), last.status());
			String keyFingerprint = PseudonymKeyGuard.checkOrSay(this.properties.getWarehouse(),
					this.properties.getPseudonymKeyFile(), err);
			if (keyFingerprint == null) {
				return NOTHING_PUBLISHED;
			}
			RunState run = new RunState(out, err);
			Path recorded = this.recorder.stagingRoot(last.runId()).resolve(WarehouseBuilder.FINGERPRINTS_FILE);
			if (!Files.exists(recorded)) {
				// a run of an older version recorded them only after staging: take them again
				this.planner.skipUnchanged(last.districts(), true, run);
			}
			MDC.put(RunLogContext.RUN_ID, last.runId());
			return announced(run, "the resumed run stopped on an error: ", () -> this.execution.execute(last.runId(),
					LocalDateTime.parse(last.startedAt()), last.districts(), true,
					new LandingZone(this.properties.getLanding()).holdsDemoData(), keyFingerprint, run));
		});
	}

	@FunctionalInterface
	private interface RunBody {

		int exit() throws Exception;

	}

	/** The next run's working copy, which a process that outlives its runs prepares between them. */
	public NextRunPreparation nextRun() {
		return this.nextRun;
	}

	/** Runs {@code body} holding the run lock; when another run holds it, says so on {@code err}: exit 4. */
	private int underLock(PrintStream err, RunBody body) throws Exception {
		this.nextRun.await();
		try (RunLock lock = RunLock.acquire(this.properties.stateDir().resolve("run.lock"))) {
			try {
				return body.exit();
			}
			finally {
				// only the run holding the lock is the current one: a refused run (a handed run while the
				// schedule loads, in this process) must not forget the run it was refused for
				this.current = null;
				MDC.remove(RunLogContext.RUN_ID);
			}
		}
		catch (RunLock.RunInProgressException ex) {
			err.println(ex.getMessage());
			return RUN_IN_PROGRESS;
		}
	}

	/** Runs {@code body} as the current run and tells the outcome listeners how it ended, an error included. */
	private int announced(RunState run, String stoppedOnError, RunBody body) throws Exception {
		LocalDateTime begun = LocalDateTime.now();
		this.current = run;
		int exit;
		try {
			exit = body.exit();
		}
		catch (Exception ex) {
			// an unexpected error (disk full, a crashed driver) is a failed night too
			run.endedWithoutReport = stoppedOnError + RunFailures.rootMessage(ex);
			announce(NOTHING_PUBLISHED, begun, run);
			throw ex;
		}
		announce(exit, begun, run);
		return exit;
	}

	/**
	 * Asks a running load to wind down: district jobs not yet started stay pending, nothing is
	 * published, and the run can be resumed with {@link #restart}. Running jobs are stopped by the
	 * caller through the job operator.
	 */
	public void requestStop() {
		RunState run = this.current;
		if (run != null) {
			run.stopRequested = true;
		}
	}

	/**
	 * Hands the outcome of the run that just ended (its final report) to the listeners, inside the
	 * run lock, so no later run has replaced it. A listener that fails is logged; the exit code stays.
	 */
	private void announce(int exit, LocalDateTime begun, RunState run) {
		if (this.outcomeListeners.isEmpty()) {
			return;
		}
		RunOutcome outcome;
		try {
			String runId = MDC.get(RunLogContext.RUN_ID);
			Path report = (runId != null) ? this.recorder.reportFile(runId) : null;
			RunReport written = (report != null && Files.exists(report)) ? RunReport.read(report) : null;
			outcome = (written != null && !written.is(RunStatus.RUNNING)) ? RunOutcome.of(written)
					: RunOutcome.withoutReport(runId, exit, run.endedWithoutReport, begun.toString(),
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

	/** Checks the inputs, plans the snapshots and loads those that are new or changed. */
	private int runLocked(Set<String> districts, boolean force, RunState run) throws Exception {
		LocalDateTime startedAt = LocalDateTime.now();
		String runId = "run-" + RUN_ID.format(startedAt);
		MDC.put(RunLogContext.RUN_ID, runId);
		LandingZone landing = new LandingZone(this.properties.getLanding());
		// the seeds operators edit (TALENT_SEEDS), checked like the pipeline files before anything is read
		Seeds seeds = Seeds.at(this.properties.getSeeds());
		List<FileProblem> seedProblems = seeds.check();
		if (!seedProblems.isEmpty()) {
			seedProblems.forEach(run.err::println);
			run.err.println("Nothing loaded: fix the seeds above (check them with: validate).");
			return NOTHING_PUBLISHED;
		}
		PipelineCatalog catalog = PipelineCatalog.load(this.properties.getPipelines(), landing.root(), seeds.reference());
		if (!catalog.isValid()) {
			for (FileProblem problem : catalog.problems()) {
				run.err.println(problem);
			}
			run.err.println("Nothing loaded: fix the pipeline files above (check them with: validate).");
			run.endedWithoutReport = "pipeline files are invalid: " + catalog.problems().get(0)
					+ ((catalog.problems().size() > 1) ? " (and " + (catalog.problems().size() - 1) + " more)" : "");
			return NOTHING_PUBLISHED;
		}
		// a district pulled from its databases needs no landing folder; a fresh clone's demo extracts are
		// written by the command line's run (demo.FirstStart), never here
		List<PipelineDefinition> pulled = catalog.pipelines().stream().filter((p) -> p.pullsFromDatabases()
				&& (districts.isEmpty() || districts.contains(p.district()))).toList();
		if (landing.isEmpty() && pulled.isEmpty()) {
			return this.recorder.landingEmpty(runId, startedAt, landing.root() + (Files.isDirectory(landing.root())
					? " is empty" : " does not exist"), run);
		}
		// the key check and the skip of unchanged snapshots both read the published file: opened once
		// (PublishedFacts), or not at all when the schedule read it between runs
		String keyFingerprint = PseudonymKeyGuard.checkOrSay(this.properties.getWarehouse(),
				this.properties.getPseudonymKeyFile(), run.err);
		if (keyFingerprint == null) {
			run.endedWithoutReport = "the pseudonym key does not match the warehouse";
			return NOTHING_PUBLISHED;
		}
		for (String d : districts) {
			if (catalog.pipelines().stream().noneMatch((p) -> p.district().equals(d))) {
				run.err.println("No pipeline file for district " + d + " in " + this.properties.getPipelines());
				run.endedWithoutReport = "no pipeline file for district " + d;
				return NOTHING_PUBLISHED;
			}
		}
		run.seeds = seeds;
		Map<String, List<RunReport.DistrictResult>> pulledPlans = this.pulls.pullAll(pulled, runId, force, run);
		List<RunReport.DistrictResult> plan = this.planner.snapshots(catalog, landing, districts, pulledPlans);
		if (plan.isEmpty()) {
			return this.recorder.landingEmpty(runId, startedAt, landing.root() + " holds no district snapshot for "
					+ (districts.isEmpty() ? "any pipeline" : "district(s) " + String.join(", ", districts)), run);
		}
		plan = this.planner.skipUnchanged(plan, force, run);
		log.debug("planned {} snapshot(s)", plan.size());
		long toLoad = plan.stream().filter((d) -> d.is(DistrictStatus.PENDING)).count();
		run.out.printf("Run %s: %d district snapshot(s) from %s, %d new or changed%n", runId, plan.size(), landing.root(),
				toLoad);
		// a database that could not be read is a failed district, not a quiet night
		boolean pullFailed = pulledPlans.values().stream().flatMap(List::stream).anyMatch((d) -> d.is(DistrictStatus.FAILED));
		if (toLoad == 0 && !pullFailed && !plan.isEmpty()) {
			return this.execution.unchanged(runId, startedAt, plan, run);
		}
		return this.execution.execute(runId, startedAt, plan, false, landing.holdsDemoData(), keyFingerprint, run);
	}

}
