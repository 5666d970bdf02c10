package cq.talentwarehouse.schedule;

import java.io.PrintStream;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

import cq.talentwarehouse.TalentProperties;
import cq.talentwarehouse.run.LoadRun;
import cq.talentwarehouse.stage.DistrictStageJobConfiguration;
import cq.talentwarehouse.load.WarehousePublishJobConfiguration;

/**
 * Keeps the process running and starts a load on a Spring six-field cron. A failed load is logged
 * and the next fire still happens; a fire while a load runs (here or in another process) is refused
 * by the run lock and logged. A {@code run} started by cron or by hand for the same warehouse is
 * handed to this process ({@link RunHandoff}) and loads here, warm. On shutdown (SIGTERM) running
 * jobs are asked to stop after their current chunk, so the interrupted run can be resumed with
 * {@code restart}.
 */
@Component
public class NightlySchedule {

	private static final Logger log = LoggerFactory.getLogger(NightlySchedule.class);

	public static final String DEFAULT_CRON = "0 0 2 * * *";

	public static final String DEFAULT_ZONE = "Asia/Shanghai";

	private final LoadRun loadRun;

	private final JobOperator jobOperator;

	private final TalentProperties properties;

	private final AtomicInteger fires = new AtomicInteger();

	/** Loads of this schedule (fired or handed) running now; the run lock lets one of them load at a time. */
	private final AtomicInteger loading = new AtomicInteger();

	private ThreadPoolTaskScheduler scheduler;

	private ScheduledFuture<?> future;

	private HandoffListener handoff;

	public NightlySchedule(LoadRun loadRun, JobOperator jobOperator, TalentProperties properties) {
		this.loadRun = loadRun;
		this.jobOperator = jobOperator;
		this.properties = properties;
	}

	/** Starts firing; returns at once. The cron is validated here, so a typo fails before any wait. */
	public synchronized void start(String cron, ZoneId zone, PrintStream out) {
		CronTrigger trigger = new CronTrigger(cron, zone);
		this.scheduler = new ThreadPoolTaskScheduler();
		this.scheduler.setPoolSize(1);
		this.scheduler.setThreadNamePrefix("nightly-load-");
		this.scheduler.setWaitForTasksToCompleteOnShutdown(true);
		this.scheduler.setAwaitTerminationSeconds(600);
		this.scheduler.initialize();
		this.future = this.scheduler.schedule(() -> fire(out), trigger);
		java.time.Instant next = trigger.nextExecution(new org.springframework.scheduling.support.SimpleTriggerContext());
		log.info("Scheduled loads on cron '{}' ({}); next at {}", cron, zone, describe(next, zone));
		this.handoff = HandoffListener.open(new RunHandoff.Request(this.properties.getWarehouse(),
				this.properties.getPipelines(), this.properties.getLanding(), this.properties.getSeeds(), java.util.List.of(),
				false), this::runHanded);
		// the first night finds its working copy prepared too
		this.loadRun.nextRun().start();
	}

	/** A run handed over by a {@code run} command: loads as that command would have, in this process. */
	int runHanded(RunHandoff.Request request, PrintStream out, PrintStream err) throws Exception {
		this.loading.incrementAndGet();
		try {
			log.info("Handed run starting ({}{})", request.districts().isEmpty() ? "every district"
					: String.join(", ", request.districts()), request.force() ? ", forced" : "");
			int exit = this.loadRun.run(new LinkedHashSet<>(request.districts()), request.force(), out, err);
			log.info("Handed run ended with exit {}", exit);
			return exit;
		}
		finally {
			this.loading.decrementAndGet();
			this.loadRun.nextRun().start();
		}
	}

	private void fire(PrintStream out) {
		int n = this.fires.incrementAndGet();
		log.info("Scheduled load #{} starting", n);
		this.loading.incrementAndGet();
		try {
			int exit = this.loadRun.run(Set.of(), out);
			log.info("Scheduled load #{} ended with exit {}", n, exit);
		}
		catch (Exception ex) {
			// the schedule outlives a failed night: log it, fire again next time
			log.error("Scheduled load #{} failed: {}", n, ex.getMessage());
		}
		finally {
			this.loading.decrementAndGet();
			this.loadRun.nextRun().start();
		}
	}

	/** How many times the schedule has fired so far. */
	public int fires() {
		return this.fires.get();
	}

	/** Asks running jobs to stop after their current chunk and waits for the load thread to end. */
	public synchronized void stop() {
		if (this.scheduler == null) {
			return;
		}
		if (this.future != null) {
			this.future.cancel(false);
		}
		HandoffListener listener = this.handoff;
		this.handoff = null;
		if (listener != null) {
			// no new handed run from here on; one under way is stopped below with the fired ones
			listener.close(0);
		}
		this.loadRun.requestStop();
		// Only a load of this schedule has jobs to stop. Between loads the job repository is left
		// alone: at JVM shutdown H2's own hook may have closed it already, and asking it for running
		// executions logged an ERROR with a stack trace on every SIGTERM of an idle schedule.
		if (this.loading.get() == 0) {
			closeNextRunPreparation();
			this.scheduler.shutdown();
			this.scheduler = null;
			return;
		}
		this.loadRun.nextRun().stop();
		for (String job : new String[] { DistrictStageJobConfiguration.JOB_NAME, WarehousePublishJobConfiguration.JOB_NAME }) {
			try {
				for (Long id : this.jobOperator.getRunningExecutions(job)) {
					log.info("Stopping {} execution {} after its current chunk", job, id);
					this.jobOperator.stop(id);
				}
			}
			catch (Exception ex) {
				// at JVM shutdown H2's own hook may have closed the job repository first: the jobs then end
				// at their next commit, their districts left pending (run.DistrictStaging)
				log.warn("Could not ask running {} executions to stop ({}); they end at their next commit and"
						+ " `restart` resumes the run", job, ex.getMessage());
			}
		}
		this.scheduler.shutdown();
		this.scheduler = null;
		if (listener != null) {
			listener.close(600);
		}
	}

	/** The next run's working copy prepared between runs is not left open behind the schedule. */
	private void closeNextRunPreparation() {
		try {
			this.loadRun.nextRun().close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A fire time with its zone and in UTC, so it reads right beside log lines stamped in another zone. */
	static String describe(java.time.Instant next, ZoneId zone) {
		if (next == null) {
			return "never";
		}
		return next.atZone(zone).toOffsetDateTime() + " " + zone + " (" + next + ")";
	}

}
