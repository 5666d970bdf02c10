package cq.talentwarehouse.stage;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.JobSynchronizationManager;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import cq.talentwarehouse.testing.JobRepositoryFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code districtStageJob}'s flow on a real job repository file, its source steps stood in by steps
 * that record where they ran: the roster beside the small sources, each on a thread that carries the
 * job (its job-scoped steps resolve there) and the run's log context, the threshold last.
 */
class DistrictStageJobConfigurationTests {

	@TempDir
	Path dir;

	@Test
	void stagesTheRosterBesideTheSmallSourcesAndChecksTheThresholdAfterAll() throws Exception {
		assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one core: the sources stage one after another");
		// given: a roster step that ends only once the platform step has started beside it
		HikariDataSource dataSource = JobRepositoryFiles.pooledDataSource(this.dir);
		JobRepository repository = JobRepositoryFiles.repository(dataSource);
		CountDownLatch platformStarted = new CountDownLatch(1);
		List<String> order = new CopyOnWriteArrayList<>();
		Map<String, String> seen = new ConcurrentHashMap<>();
		Step roster = step("rosterStageStep", repository, dataSource, order, seen,
				() -> assertThat(platformStarted.await(30, TimeUnit.SECONDS)).as("the platform step ran beside the roster").isTrue());
		Step platform = step("platformStageStep", repository, dataSource, order, seen, platformStarted::countDown);
		Step enterprise = step("enterpriseStageStep", repository, dataSource, order, seen, () -> { });
		Step program = step("programStageStep", repository, dataSource, order, seen, () -> { });
		Step threshold = step("rejectThresholdStep", repository, dataSource, order, seen, () -> { });
		Job job = new DistrictStageJobConfiguration().districtStageJob(repository, roster, platform, enterprise, program,
				threshold, ObservationRegistry.NOOP);

		// when
		MDC.put("run", "run-1");
		JobExecution execution;
		try {
			execution = JobRepositoryFiles.operator(repository).start(job,
					new JobParametersBuilder().addString("runId", "run-1").toJobParameters());
		}
		finally {
			MDC.remove("run");
		}

		// then
		assertThat(execution.getStatus()).as(execution.getAllFailureExceptions().toString()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(execution.getStepExecutions()).extracting(StepExecution::getStatus).containsOnly(BatchStatus.COMPLETED);
		assertThat(order).hasSize(5).endsWith("rejectThresholdStep");
		assertThat(order.subList(0, 4)).containsSubsequence("platformStageStep", "enterpriseStageStep", "programStageStep");
		assertThat(seen.get("rosterStageStep")).startsWith("district-sources-").endsWith(" job run-1 log run-1");
		assertThat(seen.get("platformStageStep")).startsWith("district-sources-").endsWith(" job run-1 log run-1")
			.isNotEqualTo(seen.get("rosterStageStep"));
		dataSource.close();
	}

	@Test
	void stagesTheSourcesOneAfterAnotherOnTheJobsThreadWhileEveryCoreHasADistrictJob() throws Exception {
		// given: as many other district jobs running as there are cores
		HikariDataSource dataSource = JobRepositoryFiles.pooledDataSource(this.dir);
		JobRepository repository = JobRepositoryFiles.repository(dataSource);
		List<String> order = new CopyOnWriteArrayList<>();
		Map<String, String> seen = new ConcurrentHashMap<>();
		Job job = new DistrictStageJobConfiguration().districtStageJob(repository,
				step("rosterStageStep", repository, dataSource, order, seen, () -> { }),
				step("platformStageStep", repository, dataSource, order, seen, () -> { }),
				step("enterpriseStageStep", repository, dataSource, order, seen, () -> { }),
				step("programStageStep", repository, dataSource, order, seen, () -> { }),
				step("rejectThresholdStep", repository, dataSource, order, seen, () -> { }), ObservationRegistry.NOOP);
		int cores = Runtime.getRuntime().availableProcessors();
		for (int i = 0; i < cores; i++) {
			SourceFlows.JOBS.beforeJob(null);
		}
		JobExecution execution;
		try {
			// when
			execution = JobRepositoryFiles.operator(repository).start(job,
					new JobParametersBuilder().addString("runId", "run-2").toJobParameters());
		}
		finally {
			for (int i = 0; i < cores; i++) {
				SourceFlows.JOBS.afterJob(null);
			}
		}

		// then: every step on this thread, the flows in the split's order
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(order).containsExactly("rosterStageStep", "platformStageStep", "enterpriseStageStep",
				"programStageStep", "rejectThresholdStep");
		assertThat(seen.values()).allMatch((where) -> where.startsWith(Thread.currentThread().getName() + " job run-2"));
		dataSource.close();
	}

	@FunctionalInterface
	private interface Work {

		void run() throws Exception;

	}

	/** A step recording its end in {@code order}, and its thread, job and log context in {@code seen}. */
	private static Step step(String name, JobRepository repository, DataSource dataSource,
			List<String> order, Map<String, String> seen, Work work) {
		return new StepBuilder(name, repository).tasklet((contribution, context) -> {
			var job = JobSynchronizationManager.getContext();
			seen.put(name, Thread.currentThread().getName() + " job "
					+ ((job != null) ? job.getJobExecution().getJobParameters().getString("runId") : "none") + " log "
					+ MDC.get("run"));
			work.run();
			order.add(name);
			return RepeatStatus.FINISHED;
		}, new DataSourceTransactionManager(dataSource)).build();
	}

}
