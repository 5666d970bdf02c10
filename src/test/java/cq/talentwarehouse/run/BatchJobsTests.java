package cq.talentwarehouse.run;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import cq.talentwarehouse.testing.JobRepositoryFiles;

import static org.assertj.core.api.Assertions.assertThat;

/** Starting and resuming a run's jobs on a real job repository file. */
class BatchJobsTests {

	@TempDir
	Path dir;

	@Test
	void resumesAJobKilledBetweenItsInstanceAndItsFirstExecutionByStartingIt() throws Exception {
		// given: a job repository holding a job instance without an execution (killed between the two writes)
		SingleConnectionDataSource dataSource = JobRepositoryFiles.dataSource(this.dir);
		JobRepository repository = JobRepositoryFiles.repository(dataSource);
		JobParameters parameters = new JobParametersBuilder().addString("run.id", "run-1").toJobParameters();
		Job job = new JobBuilder("districtStageJob", repository)
			.start(new StepBuilder("rosterStageStep", repository)
				.tasklet((contribution, context) -> RepeatStatus.FINISHED, new DataSourceTransactionManager(dataSource))
				.build())
			.build();
		repository.createJobInstance(job.getName(), parameters);

		// when: the run is resumed
		JobExecution execution = new BatchJobs(JobRepositoryFiles.operator(repository), repository)
			.launch(job, parameters, true);

		// then: the job ran, as one instance with one execution
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(repository.getJobInstances(job.getName(), 0, 10)).hasSize(1);
		assertThat(repository.getJobExecutions(execution.getJobInstance())).hasSize(1);
		dataSource.destroy();
	}

}
