package cq.talentwarehouse.run;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import cq.talentwarehouse.cli.TalentWarehouseApplication;
import cq.talentwarehouse.testing.JobRepositoryFiles;

import static org.assertj.core.api.Assertions.assertThat;

/** The application's job repository is the durable one: a job's start is on the file when the call returns. */
class DurableJobTransitionsIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void theApplicationsJobRepositoryStoresAJobStartAtOnce() throws Exception {
		// given: the application on a job repository file whose write delay is a minute
		SpringApplication app = new SpringApplication(TalentWarehouseApplication.class);
		app.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = app.run("--talent.warehouse=" + this.dir.resolve("talent.duckdb"),
				"--talent.pipelines=" + Path.of("pipelines").toAbsolutePath(),
				"--talent.landing=" + this.dir.resolve("landing"),
				"--talent.pseudonym-key-file=" + this.dir.resolve("key"),
				"--spring.datasource.url=jdbc:h2:file:" + this.dir.resolve("job-repository") + ";WRITE_DELAY=60000")) {
			JobRepository repository = context.getBean(JobRepository.class);
			DataSource dataSource = context.getBean(DataSource.class);
			var parameters = new JobParametersBuilder().addString("district", "500229").toJobParameters();
			long before = JobRepositoryFiles.fileWrites(dataSource);

			// when: a job is started
			JobInstance instance = repository.createJobInstance("districtStageJob", parameters);
			repository.createJobExecution(instance, parameters, new ExecutionContext());

			// then: H2 wrote it to the file (the instance, then the execution) without waiting a minute
			assertThat(JobRepositoryFiles.fileWrites(dataSource)).isGreaterThanOrEqualTo(before + 2);
		}
	}

}
