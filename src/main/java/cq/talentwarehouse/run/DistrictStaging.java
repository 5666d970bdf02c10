package cq.talentwarehouse.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import cq.talentwarehouse.stage.DistrictStageJobConfiguration;
import cq.talentwarehouse.stage.LoadPeople;
import cq.talentwarehouse.stage.StagingArea;

/**
 * Staging the planned district snapshots: one {@code districtStageJob} each, on a pool of the
 * configured threads, largest snapshots first; a district that fails fails alone.
 */
final class DistrictStaging {

	private static final Logger log = LoggerFactory.getLogger(DistrictStaging.class);

	/** Fewer file bytes than any roster record takes, for sizing the run's claims of people. */
	private static final long PERSON_BYTES = 64;

	private final Job districtStageJob;

	private final BatchJobs jobs;

	private final SnapshotPlanner planner;

	/** Staging threads, read when a run starts (TALENT_THREADS). */
	private final IntSupplier threads;

	DistrictStaging(Job districtStageJob, BatchJobs jobs, SnapshotPlanner planner, IntSupplier threads) {
		this.districtStageJob = districtStageJob;
		this.jobs = jobs;
		this.planner = planner;
		this.threads = threads;
	}

	/**
	 * Each snapshot's outcome, in the plan's order; each goes into the report as it comes.
	 * @param whenQueueDrains run (when not null) by the first staging thread that finds no snapshot
	 * left to start, while the others finish theirs; done before this returns
	 */
	List<RunReport.DistrictResult> stageAll(String runId, LocalDateTime startedAt, List<RunReport.DistrictResult> plan,
			StagingArea staging, Path reportFile, boolean resume, RunState run, Runnable whenQueueDrains) throws Exception {
		// each district's outcome goes into the report as it comes, so `status` after a kill shows
		// which districts had staged and which had not
		List<RunReport.DistrictResult> progress = new ArrayList<>(plan);
		// largest snapshots first: a big roster started last would leave the other threads idle
		// while it finishes (results keep the plan's order)
		List<Integer> order = new ArrayList<>();
		long[] bytes = new long[plan.size()];
		// a district's snapshots list mostly the same people: its largest one sizes the claims
		Map<String, Long> largestByDistrict = new HashMap<>();
		for (int i = 0; i < plan.size(); i++) {
			order.add(i);
			if (stages(plan.get(i), resume)) {
				bytes[i] = folderBytes(Path.of(plan.get(i).snapshotFolder()));
				largestByDistrict.merge(plan.get(i).district(), bytes[i], Math::max);
			}
		}
		order.sort((a, b) -> Long.compare(bytes[b], bytes[a]));
		long districtBytes = largestByDistrict.values().stream().mapToLong(Long::longValue).sum();
		// no roster record is shorter than PERSON_BYTES: room for at least as many people as records
		LoadPeople people = LoadPeople.open(staging, districtBytes / PERSON_BYTES, resume);
		ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, this.threads.getAsInt()));
		try {
			List<Future<RunReport.DistrictResult>> futures = new ArrayList<>(Collections.nCopies(plan.size(), null));
			for (int i : order) {
				RunReport.DistrictResult snapshot = plan.get(i);
				futures.set(i, pool.submit(RunLogContext.carry(snapshot.district(), () -> {
					RunReport.DistrictResult result = stage(runId, snapshot, staging, resume, run);
					if (result != snapshot) {
						synchronized (progress) {
							progress.set(i, result);
							new RunReport(runId, startedAt.toString(), null, RunStatus.RUNNING.key(), -1,
									staging.root().toString(), List.copyOf(progress), null).write(reportFile);
						}
					}
					return result;
				})));
			}
			// the pool's queue is first in, first out: this starts once every snapshot has a thread
			Future<?> drained = (whenQueueDrains != null) ? pool.submit(whenQueueDrains) : null;
			List<RunReport.DistrictResult> results = new ArrayList<>();
			for (Future<RunReport.DistrictResult> f : futures) {
				results.add(f.get());
			}
			if (drained != null) {
				drained.get();
			}
			return results;
		}
		finally {
			pool.shutdown();
			if (people != null) {
				people.close();
			}
		}
	}

	private RunReport.DistrictResult stage(String runId, RunReport.DistrictResult snapshot, StagingArea staging,
			boolean resume, RunState run) {
		String label = snapshot.district() + " " + snapshot.name() + " @ " + snapshot.snapshotDate();
		if (run.stopRequested) {
			return snapshot.with(DistrictStatus.PENDING, null);
		}
		if (!stages(snapshot, resume)) {
			return snapshot;
		}
		String leaving = this.planner.linkLeavingLanding(snapshot);
		if (leaving != null) {
			run.out.println("  FAILED  " + label + ": " + leaving);
			return snapshot.with(DistrictStatus.FAILED, leaving);
		}
		run.out.println("  staging " + label + " ...");
		long stagingAt = System.nanoTime();
		JobParameters parameters = new JobParametersBuilder()
			.addString(DistrictStageJobConfiguration.RUN_ID, runId)
			.addString(DistrictStageJobConfiguration.PIPELINE_FILE, snapshot.pipelineFile())
			.addString(DistrictStageJobConfiguration.SNAPSHOT_DATE, snapshot.snapshotDate())
			.addString(DistrictStageJobConfiguration.SNAPSHOT_FOLDER, snapshot.snapshotFolder())
			.addString(DistrictStageJobConfiguration.STAGING_ROOT, staging.root().toString())
			.toJobParameters();
		try {
			JobExecution execution = this.jobs.launch(this.districtStageJob, parameters, resume);
			if (execution.getStatus() == BatchStatus.STOPPED) {
				run.out.println("  stopped " + label + " (resume with restart)");
				return snapshot.with(DistrictStatus.PENDING, null);
			}
			if (execution.getStatus() == BatchStatus.COMPLETED) {
				log.debug("staged {} in {} ms", label, (System.nanoTime() - stagingAt) / 1_000_000);
				run.out.println("  staged  " + label);
				return snapshot.with(DistrictStatus.STAGED, null);
			}
			String message = BatchJobs.failureMessage(execution);
			if (run.stopRequested) {
				return stoppedUnder(snapshot, label, message, run);
			}
			run.out.println("  FAILED  " + label + ": " + message);
			return snapshot.with(DistrictStatus.FAILED, message);
		}
		catch (Exception ex) {
			log.debug("district stage job could not start", ex);
			String message = "could not start: " + ex.getMessage();
			if (run.stopRequested) {
				return stoppedUnder(snapshot, label, message, run);
			}
			run.out.println("  FAILED  " + label + ": " + message);
			return snapshot.with(DistrictStatus.FAILED, message);
		}
	}

	/**
	 * A district whose job failed while the run was being stopped: a stopping schedule's job
	 * repository is closed under its jobs by H2's own shutdown hook (which cannot be turned off
	 * beside AUTO_SERVER), so the failure says nothing about the district's data. It is left
	 * pending for restart, which stages it again and reports a real failure then, rather than
	 * reported (and alerted) as failed.
	 */
	private static RunReport.DistrictResult stoppedUnder(RunReport.DistrictResult snapshot, String label,
			String failure, RunState run) {
		log.info("{} ended while the run was being stopped ({}); restart stages it again", label, failure);
		run.out.println("  stopped " + label + " (resume with restart)");
		return snapshot.with(DistrictStatus.PENDING, null);
	}

	/** Whether {@link #stage} reads this snapshot's files (else it keeps the outcome it has). */
	private static boolean stages(RunReport.DistrictResult snapshot, boolean resume) {
		return !(snapshot.is(DistrictStatus.SKIPPED) || snapshot.is(DistrictStatus.STAGED)
				|| (!resume && snapshot.is(DistrictStatus.FAILED)));
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

}
