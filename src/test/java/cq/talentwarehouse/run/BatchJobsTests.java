package cq.talentwarehouse.run;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;

/** Starting and resuming a run's jobs on a real job repository file. */
class BatchJobsTests {

	@TempDir
	Path dir;

	@Test
	void resumesAJobKilledBetweenItsInstanceAndItsFirstExecutionByStartingIt() throws Exception {
		// given: a job repository holding a job instance without an execution (killed between the two writes)
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
				"jdbc:h2:file:" + this.dir.resolve("job-repository"), "sa", "", true);
		new ResourceDatabasePopulator(new ClassPathResource("org/springframework/batch/core/schema-h2.sql"))
			.execute(dataSource);
		JobRepository repository = repository(dataSource);
		JobParameters parameters = new JobParametersBuilder().addString("run.id", "run-1").toJobParameters();
		Job job = new JobBuilder("districtStageJob", repository)
			.start(new StepBuilder("rosterStageStep", repository)
				.tasklet((contribution, context) -> RepeatStatus.FINISHED, new DataSourceTransactionManager(dataSource))
				.build())
			.build();
		repository.createJobInstance(job.getName(), parameters);

		// when: the run is resumed
		JobExecution execution = new BatchJobs(operator(repository), repository).launch(job, parameters, true);

		// then: the job ran, as one instance with one execution
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(repository.getJobInstances(job.getName(), 0, 10)).hasSize(1);
		assertThat(repository.getJobExecutions(execution.getJobInstance())).hasSize(1);
		dataSource.destroy();
	}

	private static JobRepository repository(DataSource dataSource) throws Exception {
		JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
		factory.setDataSource(dataSource);
		factory.setTransactionManager(new DataSourceTransactionManager(dataSource));
		factory.afterPropertiesSet();
		return factory.getObject();
	}

	private static TaskExecutorJobOperator operator(JobRepository repository) throws Exception {
		TaskExecutorJobOperator operator = new TaskExecutorJobOperator();
		operator.setJobRepository(repository);
		operator.setJobRegistry(new MapJobRegistry());
		operator.afterPropertiesSet();
		return operator;
	}

}
