package cq.talentwarehouse.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import cq.talentwarehouse.TalentProperties;
import cq.talentwarehouse.load.DuckDb;
import cq.talentwarehouse.load.RunSummary;
import cq.talentwarehouse.load.WarehouseBuilder;
import cq.talentwarehouse.load.WarehousePublishJobConfiguration;
import cq.talentwarehouse.reference.Seeds;
import cq.talentwarehouse.serve.ServeState;
import cq.talentwarehouse.serve.WarehouseServer;
import cq.talentwarehouse.stage.StagingArea;

import static cq.talentwarehouse.run.LoadRun.NOTHING_PUBLISHED;
import static cq.talentwarehouse.run.LoadRun.PARTIAL;
import static cq.talentwarehouse.run.LoadRun.PUBLISHED;
import static cq.talentwarehouse.run.LoadRun.PUBLISHED_NOT_SERVED;

/**
 * A planned run carried out: its plan recorded, the districts staged ({@link DistrictStaging}), the
 * {@code warehousePublishJob} over those that staged, the published warehouse served, and the
 * outcome recorded and said.
 */
final class RunExecution {

	private static final Logger log = LoggerFactory.getLogger(RunExecution.class);

	private final TalentProperties properties;

	private final MeterRegistry meterRegistry;

	private final Job warehousePublishJob;

	private final BatchJobs jobs;

	private final DistrictStaging staging;

	private final RunRecorder recorder;

	/** Reads the per-source table of a published run; null: none is printed. */
	private RunSummary summary;

	RunExecution(TalentProperties properties, MeterRegistry meterRegistry, Job warehousePublishJob, BatchJobs jobs,
			DistrictStaging staging, RunRecorder recorder) {
		this.properties = properties;
		this.meterRegistry = meterRegistry;
		this.warehousePublishJob = warehousePublishJob;
		this.jobs = jobs;
		this.staging = staging;
		this.recorder = recorder;
	}

	void setSummary(RunSummary summary) {
		this.summary = summary;
	}

	/** Records the plan, stages the planned snapshots and publishes; a run that cannot go on is recorded as failed. */
	int execute(String runId, LocalDateTime startedAt, List<RunReport.DistrictResult> plan, boolean resume,
			boolean demo, String keyFingerprint, RunState run) throws Exception {
		StagingArea stagingArea = new StagingArea(this.recorder.stagingRoot(runId));
		Files.createDirectories(stagingArea.root());
		// staging, the build and a restart read the seeds the run started with, from its staging folder
		Path seedCopy = stagingArea.root().resolve("seeds");
		if (!Files.isDirectory(seedCopy)) {
			((run.seeds != null) ? run.seeds : Seeds.at(this.properties.getSeeds())).copyTo(seedCopy);
		}
		Path reportFile = this.recorder.reportFile(runId);
		new RunReport(runId, startedAt.toString(), null, RunStatus.RUNNING.key(), -1, stagingArea.root().toString(), plan,
				null).write(reportFile);
		// recorded before anything stages, so a run killed while staging and resumed by restart still
		// records which files its snapshots came from
		RunFacts.writeIfAbsent(stagingArea.root(), runId, startedAt, demo, keyFingerprint);
		this.recorder.writeFingerprints(stagingArea, run.fingerprints);

		// one run's timers per report, also when the schedule keeps this process alive for months
		this.meterRegistry.clear();
		Preparing preparing = prepareAheadOnAnIdleThread(runId, plan, stagingArea, resume);
		try {
			return stageAndPublish(runId, startedAt, plan, stagingArea, reportFile, preparing, resume, run);
		}
		catch (Exception | OutOfMemoryError ex) {
			// a run that cannot go on (a full disk, a lost file system) is recorded as failed, never left "running"
			String message = RunFailures.describe(ex);
			log.error("run {} failed: {}", runId, message, ex);
			this.recorder.discardWorkingCopy();
			new RunReport(runId, startedAt.toString(), LocalDateTime.now().toString(), RunStatus.FAILED.key(),
					NOTHING_PUBLISHED, stagingArea.root().toString(), plan, message).write(reportFile);
			run.err.println("Nothing published: " + message);
			return NOTHING_PUBLISHED;
		}
		finally {
			// never left writing the working copy behind a returning run (the schedule starts the next)
			preparing.close();
		}
	}

	/**
	 * The build's working copy, prepared on a thread of its own while staging leaves a core idle: at
	 * once when fewer snapshots stage than there are staging threads (a night with one district), else
	 * when the staging queue drains, beside the last snapshots still staging (a full load's tail).
	 * With every thread staging it would only compete for the cores. Never for a resumed run: its
	 * build may have completed before the kill, and its working copy is then the one to test and publish.
	 */
	private Preparing prepareAheadOnAnIdleThread(String runId, List<RunReport.DistrictResult> plan, StagingArea stagingArea,
			boolean resume) {
		Preparing preparing = new Preparing(new Thread(RunLogContext.carry(() -> WarehouseBuilder.prepareAhead(
				this.properties.getWarehouse(), WarehousePublishJobConfiguration.workingCopy(this.properties),
				stagingArea.root().resolve("seeds"), runId, this.properties.getWarehouseMemoryLimit())), "warehouse-prepare"));
		if (resume) {
			preparing.neverStart();
			return preparing;
		}
		long toStage = plan.stream().filter((d) -> d.is(DistrictStatus.PENDING)).count();
		if (toStage > 0 && takePreparedBetweenRuns(runId, stagingArea)) {
			preparing.neverStart(); // the build has its copy
			return preparing;
		}
		if (toStage > 0) {
			// a stale copy's database is not held open through the staging
			WarehouseBuilder.releaseWorkingCopy();
		}
		if (toStage > 0 && toStage < Math.max(1, this.properties.getThreads())) {
			preparing.start();
		}
		return preparing;
	}

	/** Whether the schedule prepared this run's working copy between runs ({@code NextRunPreparation}); see the log. */
	private boolean takePreparedBetweenRuns(String runId, StagingArea stagingArea) {
		try {
			boolean taken = WarehouseBuilder.takePreparedBetweenRuns(this.properties.getWarehouse(),
					WarehousePublishJobConfiguration.workingCopy(this.properties), stagingArea.root().resolve("seeds"), runId);
			log.debug("working copy prepared between runs {}", taken ? "taken" : "none or stale: prepared for this run");
			return taken;
		}
		catch (IOException | RuntimeException ex) {
			log.debug("the working copy prepared between runs could not be taken; prepared for this run", ex);
			return false;
		}
	}

	/**
	 * The working copy's preparation ahead of the build: started at most once, never after the run
	 * is done with it (a run that fails while staging is not left writing the working copy behind it).
	 * Never started (a single staging thread, nothing to stage), the build prepares the copy itself.
	 */
	private static final class Preparing {

		private final Thread thread;

		private boolean closed;

		Preparing(Thread thread) {
			this.thread = thread;
		}

		synchronized void start() {
			if (!this.closed && this.thread.getState() == Thread.State.NEW) {
				this.thread.start();
			}
		}

		/** What the staging pool runs once it has handed out every snapshot (nothing with one staging thread: no core idles). */
		Runnable whenQueueDrains(int stagingThreads) {
			return (stagingThreads > 1) ? this::start : null;
		}

		synchronized void neverStart() {
			this.closed = true;
		}

		/** Lets it start no more, and waits for a started one to end. */
		void close() throws InterruptedException {
			synchronized (this) {
				this.closed = true;
			}
			this.thread.join();
		}

	}

	/** Stages the districts, then builds, tests and publishes the warehouse over those that staged. */
	private int stageAndPublish(String runId, LocalDateTime startedAt, List<RunReport.DistrictResult> plan,
			StagingArea stagingArea, Path reportFile, Preparing preparing, boolean resume, RunState run) throws Exception {
		List<RunReport.DistrictResult> results = this.staging.stageAll(runId, startedAt, plan, stagingArea, reportFile,
				resume, run, preparing.whenQueueDrains(this.properties.getThreads()));
		if (run.stopRequested) {
			new RunReport(runId, startedAt.toString(), null, RunStatus.STOPPED.key(), NOTHING_PUBLISHED,
					stagingArea.root().toString(), results, "stopped on request before publishing; resume with restart")
				.write(reportFile);
			run.out.printf("Run %s stopped before publishing; resume it with: restart%n", runId);
			return NOTHING_PUBLISHED;
		}
		RunRecorder.writeFeeds(stagingArea, results);
		long staged = results.stream().filter((r) -> r.is(DistrictStatus.STAGED)).count();
		long attempted = results.stream().filter((r) -> !r.is(DistrictStatus.SKIPPED)).count();
		int exit;
		String message = null;
		long skipped = results.size() - attempted;
		if (staged == 0 && skipped > 0 && attempted > 0) {
			// the warehouse stays current for the unchanged districts: a district failure, not a failed night
			exit = PARTIAL;
			message = "every changed district failed; " + skipped + " unchanged snapshot(s) stay as published";
			run.err.println("Nothing new published: " + message + ".");
		}
		else if (staged == 0) {
			exit = NOTHING_PUBLISHED;
			message = plan.isEmpty() ? "no snapshot folders (yyyy-mm-dd) found in the landing zone" : "every district failed";
			run.err.println("Nothing published: " + message + ".");
		}
		else {
			JobParameters parameters = new JobParametersBuilder()
				.addString(WarehousePublishJobConfiguration.RUN_ID, runId)
				.addString(WarehousePublishJobConfiguration.STAGING_ROOT, stagingArea.root().toString())
				.addString(WarehousePublishJobConfiguration.STARTED_AT, startedAt.toString())
				.toJobParameters();
			preparing.close();
			JobExecution publish = this.jobs.launch(this.warehousePublishJob, parameters, resume);
			if (publish.getStatus() == BatchStatus.COMPLETED) {
				List<RunReport.DistrictResult> unreadable = RunRecorder.failedInBuild(stagingArea, results);
				exit = (staged == attempted && unreadable.isEmpty()) ? PUBLISHED : PARTIAL;
				results = unreadable.isEmpty() ? results : RunRecorder.withFailures(results, unreadable);
				printSummary(publish, runId, run.out);
				String notServed = serve(run.out);
				if (notServed != null) {
					exit = PUBLISHED_NOT_SERVED;
					message = notServed;
				}
			}
			else {
				exit = NOTHING_PUBLISHED;
				message = BatchJobs.failureMessage(publish);
				this.recorder.discardWorkingCopy();
				if (RunFailures.isDiskFull(message)) {
					message = "out of disk space: " + message + "; the partial working copy was removed (free space, then run"
							+ " again or resume with restart)";
				}
				run.err.println("Nothing published: " + message);
			}
		}
		LocalDateTime finishedAt = LocalDateTime.now();
		RunStatus status = switch (exit) {
			case PUBLISHED -> RunStatus.PUBLISHED;
			case PARTIAL -> RunStatus.PARTIAL;
			case PUBLISHED_NOT_SERVED -> RunStatus.PUBLISHED_NOT_SERVED;
			default -> RunStatus.FAILED;
		};
		new RunReport(runId, startedAt.toString(), finishedAt.toString(), status.key(), exit,
				stagingArea.root().toString(), results, message, RunRecorder.sourceResults(stagingArea, results),
				MetricsSummary.of(this.meterRegistry), RunRecorder.versions(Seeds.at(stagingArea.root().resolve("seeds"))))
			.write(reportFile);
		this.recorder.pruneWorkFolders(runId, exit);
		// one write: printf writes each piece, and a handed run's pieces reach the client one by one
		run.out.println(String.format("Run %s %s in %.1f s (exit %d).", runId, status.key(),
				Duration.between(startedAt, finishedAt).toMillis() / 1000.0, exit));
		// read (an open of the published file) only when a district failed
		Map<String, String> latest = results.stream().anyMatch((r) -> r.is(DistrictStatus.FAILED))
				? this.recorder.latestPublishedSnapshots() : Map.of();
		for (RunReport.DistrictResult r : results) {
			if (r.is(DistrictStatus.FAILED)) {
				// only a district that has one keeps a published snapshot; a first delivery that fails has none
				String kept = latest.containsKey(r.district())
						? "keeps its last published snapshot (" + latest.get(r.district()) + ")"
						: "has no published snapshot yet (nothing of it is in the warehouse)";
				run.err.printf("  district %s %s @ %s failed and %s: %s%n", r.district(), r.name(), r.snapshotDate(), kept,
						r.message());
			}
		}
		return exit;
	}

	/** A run whose every snapshot is unchanged since it was loaded: served again, reported, nothing built. */
	int unchanged(String runId, LocalDateTime startedAt, List<RunReport.DistrictResult> plan, RunState run)
			throws java.io.IOException {
		run.out.println("Nothing new to load: every snapshot is unchanged since it was loaded (run --force reloads).");
		// served again all the same: a night after a failed serve (or a hand-edited table) repairs it
		String notServed = serve(run.out);
		int exit = (notServed == null) ? PUBLISHED : PUBLISHED_NOT_SERVED;
		new RunReport(runId, startedAt.toString(), LocalDateTime.now().toString(),
				((notServed == null) ? RunStatus.UNCHANGED : RunStatus.PUBLISHED_NOT_SERVED).key(), exit, null, plan,
				"every snapshot unchanged" + ((notServed == null) ? "" : "; " + notServed))
			.write(this.recorder.reportFile(runId));
		return exit;
	}

	/**
	 * Prints the summary the data tests' step read off the working copy it published; read from the
	 * published file when that step did not (it ran in an earlier process of a restart that kept no
	 * context, or the read failed there).
	 */
	private void printSummary(JobExecution publish, String runId, PrintStream out) throws SQLException {
		if (this.summary == null) {
			return;
		}
		String text = publish.getExecutionContext().getString(WarehousePublishJobConfiguration.SUMMARY, null);
		if (text == null) {
			try (Connection published = DuckDb.openReadOnly(this.properties.getWarehouse())) {
				text = this.summary.read(published, runId);
			}
		}
		out.print(text);
	}

	/** Serves the published warehouse when TALENT_SERVE_URL is set; why it could not, or null. */
	String serve(PrintStream out) {
		ServeState served = WarehouseServer.servePublished(this.properties, out);
		return (served != null && !served.served()) ? "published but not served: " + served.message() : null;
	}

}
