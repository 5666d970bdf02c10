package cq.talentwarehouse.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cq.talentwarehouse.run.DurableJobTransitions;
import cq.talentwarehouse.testing.ChildJvm;
import cq.talentwarehouse.testing.JobRepositoryFiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run killed with kill -9 restarts from what the job repository stored. H2 stores a commit up to
 * half a second later, so a kill soon after a job started could leave the job instance without its
 * execution, and the restart refused the district ("Cannot find any job execution for job
 * instance"). Chunk progress may lag; a job's or a step's transition may not.
 */
class JobRepositoryDurabilityTests {

	@TempDir
	Path dir;

	@Test
	void aJobExecutionCreatedThroughTheJobRepositorySurvivesTheProcessBeingKilledAtOnce() throws Exception {
		// given: the job repository's URL as a command line gives it to Spring
		String url = WarehouseOptions.jobRepositoryUrl(this.dir);

		// when: a child JVM creates a job instance and its execution, and is killed the moment that returns
		Process child = new ProcessBuilder(ChildJvm.command(StartJobThenHalt.class, List.of(), url))
			.redirectErrorStream(true)
			.start();
		assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String output = new String(child.getInputStream().readAllBytes());
		assertThat(child.exitValue()).as(output).isEqualTo(9);

		// then: both are in the file
		try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
				ResultSet rows = s.executeQuery("select (select count(*) from batch_job_instance),"
						+ " (select count(*) from batch_job_execution)")) {
			rows.next();
			assertThat(rows.getInt(1)).as("job instances").isEqualTo(1);
			assertThat(rows.getInt(2)).as("job executions").isEqualTo(1);
		}
	}

	@Test
	void storesAStepsEndAtOnceAndLeavesChunkProgressToTheWriteDelay() throws Exception {
		// given: a durable repository on a file whose write delay is a minute, and a step started through it
		String url = WarehouseOptions.jobRepositoryUrl(this.dir) + ";WRITE_DELAY=60000";
		DataSource dataSource = JobRepositoryFiles.dataSource(url);
		JobRepository repository = repository(dataSource);
		JobInstance instance = repository.createJobInstance("districtStageJob", parameters());
		JobExecution execution = repository.createJobExecution(instance, parameters(), new ExecutionContext());
		StepExecution step = repository.createStepExecution("rosterStageStep", execution);
		long writesAfterStart = JobRepositoryFiles.fileWrites(dataSource);

		// when: a chunk's progress is written inside the chunk's transaction
		step.getExecutionContext().putLong("read.count", 5000);
		new TransactionTemplate(new DataSourceTransactionManager(dataSource)).executeWithoutResult((status) -> {
			repository.updateExecutionContext(step);
			repository.update(step);
		});

		// then: it is committed (a reader sees it) but not forced to the file
		assertThat(repository.getStepExecution(step.getId()).getExecutionContext().getLong("read.count"))
			.isEqualTo(5000);
		assertThat(JobRepositoryFiles.fileWrites(dataSource)).isEqualTo(writesAfterStart);

		// when: the step ends
		step.setStatus(BatchStatus.COMPLETED);
		repository.update(step);

		// then: that is on the file at once
		assertThat(JobRepositoryFiles.fileWrites(dataSource)).isGreaterThan(writesAfterStart);
	}

	@Test
	void keepsEnoughParsedStatementsForWhatSpringBatchRepeatsEveryChunk() throws Exception {
		// given: the job repository's URL as a command line gives it to Spring
		String url = WarehouseOptions.jobRepositoryUrl(this.dir);

		// when: a session of it is asked for its statement cache
		try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
				ResultSet rows = s.executeQuery(
						"select setting_value from information_schema.settings where setting_name = 'QUERY_CACHE_SIZE'")) {
			rows.next();

			// then: it holds more than the dozen statements a step's chunk and lifecycle prepare (H2's default: 8)
			assertThat(Integer.parseInt(rows.getString(1))).isGreaterThanOrEqualTo(32);
		}
	}

	/** The durable repository the application wraps Spring Batch's in, over {@code dataSource}. */
	static JobRepository repository(DataSource dataSource) throws Exception {
		return DurableJobTransitions.of(JobRepositoryFiles.repository(dataSource), () -> dataSource);
	}

	static JobParameters parameters() {
		return new JobParametersBuilder().addString("district", "500229").toJobParameters();
	}

	/** The child: the schema made, a pause for H2's background writer to store it, a job started, then halt. */
	public static final class StartJobThenHalt {

		public static void main(String[] args) throws Exception {
			DataSource dataSource = JobRepositoryFiles.dataSource(args[0]);
			JobRepository repository = repository(dataSource);
			Thread.sleep(1500);
			JobInstance instance = repository.createJobInstance("districtStageJob", parameters());
			repository.createJobExecution(instance, parameters(), new ExecutionContext());
			Runtime.getRuntime().halt(9);
		}

	}

}
