package cq.talentwarehouse.load;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;

import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import cq.talentwarehouse.TalentProperties;
import cq.talentwarehouse.publish.Publisher;
import cq.talentwarehouse.stage.DistrictStageJobConfiguration;
import cq.talentwarehouse.stage.StagingArea;

/**
 * {@code warehousePublishJob}: builds the working copy from the staged district snapshots
 * ({@code warehouseBuildStep}), tests it ({@code warehouseTestStep}) and only then publishes it
 * ({@code warehousePublishStep}). Every step can be repeated: a restart rebuilds from the published
 * file, which nothing before the last step touches.
 */
@Configuration(proxyBeanMethods = false)
public class WarehousePublishJobConfiguration {

	private static final Logger log = LoggerFactory.getLogger(WarehousePublishJobConfiguration.class);

	public static final String JOB_NAME = "warehousePublishJob";

	// a run hands both of its jobs the same run id and staging folder: one spelling of each parameter
	public static final String RUN_ID = DistrictStageJobConfiguration.RUN_ID;

	public static final String STAGING_ROOT = DistrictStageJobConfiguration.STAGING_ROOT;

	public static final String STARTED_AT = "startedAt";

	/** The job's context entry holding the text of {@link RunSummary}, read once the data tests passed. */
	public static final String SUMMARY = "run.summary";

	@Bean
	public Job warehousePublishJob(JobRepository jobRepository, Step warehouseBuildStep, Step warehouseTestStep,
			Step warehousePublishStep, ObservationRegistry observationRegistry) {
		return new JobBuilder(JOB_NAME, jobRepository).observationRegistry(observationRegistry)
			.start(warehouseBuildStep)
			.next(warehouseTestStep)
			.next(warehousePublishStep)
			.build();
	}

	@Bean
	public Step warehouseBuildStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			TalentProperties properties, ObservationRegistry observationRegistry) {
		return new StepBuilder("warehouseBuildStep", jobRepository).observationRegistry(observationRegistry).tasklet((contribution, context) -> {
			var parameters = context.getStepContext().getJobParameters();
			Path stagingRoot = Path.of(String.valueOf(parameters.get(STAGING_ROOT)));
			HeapRelease.beforeBuild(stagingRoot);
			WarehouseBuilder.build(properties.getWarehouse(), workingCopy(properties), new StagingArea(stagingRoot),
					String.valueOf(parameters.get(RUN_ID)), LocalDateTime.parse(String.valueOf(parameters.get(STARTED_AT))),
					properties.getWarehouseMemoryLimit());
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	@Bean
	public Step warehouseTestStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			TalentProperties properties, ObservationRegistry observationRegistry, ObjectProvider<RunSummary> summaries) {
		return new StepBuilder("warehouseTestStep", jobRepository).observationRegistry(observationRegistry).tasklet((contribution, context) -> {
			RunSummary summary = summaries.getIfAvailable();
			String runId = String.valueOf(context.getStepContext().getJobParameters().get(RUN_ID));
			ExecutionContext job = context.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
			List<WarehouseTests.Failure> failures = WarehouseTests.run(workingCopy(properties),
					properties.getWarehouseMemoryLimit(), properties.getWarehouse(), (tested) -> {
						// read here, on the tested database, the summary is what gets published, and printing
						// it after the publish opens the published file no more
						if (summary != null) {
							try {
								job.putString(SUMMARY, summary.read(tested, runId));
							}
							catch (SQLException ex) {
								log.debug("the run's summary could not be read before the publish; it is read after it", ex);
							}
						}
					});
			if (!failures.isEmpty()) {
				throw new WarehouseTestException(failures);
			}
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	@Bean
	public Step warehousePublishStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			TalentProperties properties, ObservationRegistry observationRegistry) {
		return new StepBuilder("warehousePublishStep", jobRepository).observationRegistry(observationRegistry).tasklet((contribution, context) -> {
			// the file is renamed over the published one: no database of this process may hold it open
			OpenWorkingCopy.discard();
			Publisher.publish(workingCopy(properties), properties.getWarehouse());
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	public static Path workingCopy(TalentProperties properties) {
		return properties.workDir().resolve(properties.getWarehouse().getFileName().toString());
	}

	/** The working copy failed its data tests; nothing was published. */
	public static class WarehouseTestException extends RuntimeException {

		public WarehouseTestException(List<WarehouseTests.Failure> failures) {
			super("data tests failed, nothing published: "
					+ String.join(" | ", failures.stream().map(Object::toString).toList()));
		}

	}

}
