package cq.talentwarehouse.run;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cq.talentwarehouse.TalentProperties;
import cq.talentwarehouse.load.WarehouseBuilder;
import cq.talentwarehouse.load.WarehousePublishJobConfiguration;
import cq.talentwarehouse.reference.Seeds;

/**
 * The next run's working copy, prepared between runs by a process that outlives them (the
 * {@code schedule}): it idles for hours between nights, and a night that finds its copy of the
 * published file seeded, migrated and warm stages its districts on both cores and builds at once
 * (docs/scaling.md, a night). Prepared under the run lock, so that no run of another process
 * copies or builds the working copy meanwhile; a run of this process waits for a preparation under
 * way before it takes the lock ({@link LoadRun}). A run takes the copy only when the published file
 * and its seeds are as they were ({@code WarehouseBuilder#takePreparedBetweenRuns}); otherwise it
 * prepares its own. Nothing is prepared while the last run awaits {@code restart}, whose working copy
 * may hold a completed build. {@code TALENT_PREPAREBETWEENRUNS=false} switches it off.
 */
public final class NextRunPreparation {

	private static final Logger log = LoggerFactory.getLogger(NextRunPreparation.class);

	/** The seeds the copy is prepared with, beside it: the operator's folder as it is when a run ends. */
	private static final String SEEDS_FOLDER = "next-run-seeds";

	/** How a last run ends that {@code restart} resumes: its working copy is left alone. */
	private static final List<RunStatus> AWAITING_RESTART = List.of(RunStatus.RUNNING, RunStatus.STOPPED,
			RunStatus.FAILED);

	private final TalentProperties properties;

	private final RunRecorder recorder;

	private Thread thread;

	private boolean stopped;

	NextRunPreparation(TalentProperties properties, RunRecorder recorder) {
		this.properties = properties;
		this.recorder = recorder;
	}

	/** Starts preparing on a thread of its own, unless switched off, stopped or already under way. */
	public synchronized void start() {
		if (!this.properties.isPrepareBetweenRuns() || this.stopped || (this.thread != null && this.thread.isAlive())) {
			return;
		}
		this.thread = new Thread(this::prepare, "next-run-prepare");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** Waits for a preparation under way to end. */
	public void await() throws InterruptedException {
		Thread running;
		synchronized (this) {
			running = this.thread;
		}
		if (running != null) {
			running.join();
		}
	}

	/** Starts no more preparations: the process is ending (one under way ends on its own). */
	public synchronized void stop() {
		this.stopped = true;
	}

	/**
	 * Stops, waits for a preparation under way, then closes the prepared database: for a process
	 * ending between runs (during one, the run's build may hold the working copy's database).
	 */
	public void close() throws InterruptedException {
		stop();
		await();
		WarehouseBuilder.releaseWorkingCopy();
	}

	private void prepare() {
		try (RunLock lock = RunLock.acquire(this.properties.stateDir().resolve("run.lock"),
				"preparing the next run's working copy")) {
			List<RunReport> runs = RunReport.list(this.recorder.runsFolder());
			if (!runs.isEmpty() && AWAITING_RESTART.stream().anyMatch(runs.get(0)::is)) {
				// its build may have completed before it ended: that working copy is the one restart publishes
				log.debug("next run's working copy not prepared: run {} is {}, for restart", runs.get(0).runId(),
						runs.get(0).status());
				return;
			}
			Path workingCopy = WarehousePublishJobConfiguration.workingCopy(this.properties);
			Path seeds = workingCopy.toAbsolutePath().getParent().resolve(SEEDS_FOLDER);
			Seeds.at(this.properties.getSeeds()).copyTo(seeds);
			long startedAt = System.nanoTime();
			WarehouseBuilder.prepareBetweenRuns(this.properties.getWarehouse(), workingCopy, seeds,
					this.properties.getWarehouseMemoryLimit());
			log.debug("next run's working copy prepared in {} ms", (System.nanoTime() - startedAt) / 1_000_000);
			readPublishedFacts();
		}
		catch (RunLock.RunInProgressException ex) {
			// a run of another process, which prepares its own copy; the schedule prepares again after its next run
			log.debug("next run's working copy not prepared: {}", ex.getMessage());
		}
		catch (IOException | RuntimeException ex) {
			log.debug("preparing the next run's working copy failed; the next run prepares its own", ex);
		}
	}

	/** The next plan's reads of the published file, done now: the night then never opens it. */
	private void readPublishedFacts() {
		long readAt = System.nanoTime();
		try {
			PublishedFacts.of(this.properties.getWarehouse());
			log.debug("published file's key and snapshots read in {} ms", (System.nanoTime() - readAt) / 1_000_000);
		}
		catch (SQLException | RuntimeException ex) {
			// only the plan's speed depends on it: the next plan reads the file itself and names a problem
			log.debug("reading the published file's key and snapshots ahead failed; the next plan reads them", ex);
		}
	}

}
