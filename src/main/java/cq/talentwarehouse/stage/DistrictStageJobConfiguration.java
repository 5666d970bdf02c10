package cq.talentwarehouse.stage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.support.SimpleFlow;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.support.ListItemReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import cq.talentwarehouse.TalentProperties;
import cq.talentwarehouse.normalize.PseudonymKey;
import cq.talentwarehouse.normalize.Pseudonymizer;
import cq.talentwarehouse.normalize.RecordNormalizer;
import cq.talentwarehouse.normalize.StagedRecord;
import cq.talentwarehouse.pipeline.SourceDefinition;
import cq.talentwarehouse.pipeline.SourceKind;
import cq.talentwarehouse.source.RawRecord;
import cq.talentwarehouse.source.SourceException;
import cq.talentwarehouse.source.SourceLocation;
import cq.talentwarehouse.source.SizeLimits;
import cq.talentwarehouse.source.SourceReaders;

/**
 * {@code districtStageJob}: one district snapshot, read, normalized, validated and staged for the
 * warehouse — a step per source ({@code rosterStageStep} beside {@code platformStageStep},
 * {@code enterpriseStageStep} and {@code programStageStep}) and a last step failing the district when
 * a source rejected more than its threshold. One job instance per district snapshot and run, so a district fails, and restarts,
 * on its own.
 */
@Configuration(proxyBeanMethods = false)
public class DistrictStageJobConfiguration {

	public static final String JOB_NAME = "districtStageJob";

	public static final String RUN_ID = "runId";

	public static final String PIPELINE_FILE = "pipelineFile";

	public static final String SNAPSHOT_DATE = "snapshotDate";

	public static final String SNAPSHOT_FOLDER = "snapshotFolder";

	public static final String STAGING_ROOT = "stagingRoot";

	@Bean
	public Job districtStageJob(JobRepository jobRepository, Step rosterStageStep, Step platformStageStep,
			Step enterpriseStageStep, Step programStageStep, Step rejectThresholdStep,
			ObservationRegistry observationRegistry) {
		// the roster stages beside the small sources, whose steps are mostly the job repository's writes:
		// on a night of one district they would otherwise keep the other core waiting after the roster
		// (SourceFlows: only while a core is free)
		Flow roster = new FlowBuilder<SimpleFlow>("rosterFlow").start(rosterStageStep).build();
		Flow otherSources = new FlowBuilder<SimpleFlow>("otherSourcesFlow").start(platformStageStep)
			.next(enterpriseStageStep)
			.next(programStageStep)
			.build();
		Flow sources = new FlowBuilder<SimpleFlow>("sourcesFlow").split(SourceFlows.executor())
			.add(roster, otherSources)
			.build();
		return new JobBuilder(JOB_NAME, jobRepository).observationRegistry(observationRegistry)
			.listener(SourceFlows.JOBS)
			.start(sources)
			.next(rejectThresholdStep)
			.end()
			.build();
	}

	// The stage steps are job-scoped and build their reader, normalizer and writer as plain objects:
	// step-scoped proxies would look their target up on every item, a seventh of the staging time
	// at millions of records.

	@Bean
	@JobScope
	public Step rosterStageStep(@Value("#{jobParameters}") Map<String, Object> parameters, JobRepository jobRepository,
			PlatformTransactionManager transactionManager, TalentProperties properties,
			ObservationRegistry observationRegistry) {
		return stageStep("rosterStageStep", SourceKind.ROSTER, StageInput.of(parameters), jobRepository,
				transactionManager, properties, observationRegistry);
	}

	@Bean
	@JobScope
	public Step platformStageStep(@Value("#{jobParameters}") Map<String, Object> parameters,
			JobRepository jobRepository, PlatformTransactionManager transactionManager, TalentProperties properties,
			ObservationRegistry observationRegistry) {
		return stageStep("platformStageStep", SourceKind.PLATFORM, StageInput.of(parameters), jobRepository,
				transactionManager, properties, observationRegistry);
	}

	@Bean
	@JobScope
	public Step enterpriseStageStep(@Value("#{jobParameters}") Map<String, Object> parameters,
			JobRepository jobRepository, PlatformTransactionManager transactionManager, TalentProperties properties,
			ObservationRegistry observationRegistry) {
		return stageStep("enterpriseStageStep", SourceKind.ENTERPRISE, StageInput.of(parameters), jobRepository,
				transactionManager, properties, observationRegistry);
	}

	@Bean
	@JobScope
	public Step programStageStep(@Value("#{jobParameters}") Map<String, Object> parameters,
			JobRepository jobRepository, PlatformTransactionManager transactionManager, TalentProperties properties,
			ObservationRegistry observationRegistry) {
		return stageStep("programStageStep", SourceKind.PROGRAM, StageInput.of(parameters), jobRepository,
				transactionManager, properties, observationRegistry);
	}

	private static Step stageStep(String name, SourceKind kind, StageInput input, JobRepository jobRepository,
			PlatformTransactionManager transactionManager, TalentProperties properties,
			ObservationRegistry observationRegistry) {
		BlockReader reader = new BlockReader(reader(input, kind, SizeLimits.of(properties)));
		RecordNormalizer normalizer = normalizer(input, kind, properties);
		return new StepBuilder(name, jobRepository)
			.<RecordBlock<RawRecord>, RecordBlock<StagedRecord>>chunk(RecordBlock.blocksPerChunk(properties.getChunkSize()))
			.observationRegistry(observationRegistry)
			.transactionManager(transactionManager)
			.reader(reader)
			.processor((block) -> {
				List<RawRecord> records = block.records();
				List<StagedRecord> staged = new ArrayList<>(records.size());
				for (RawRecord record : records) {
					staged.add(normalizer.process(record));
				}
				return new RecordBlock<>(staged);
			})
			.writer(writer(input, kind))
			.listener(new StageListener(input, kind, reader))
			.build();
	}

	// --- threshold ---

	@Bean
	public Step rejectThresholdStep(JobRepository jobRepository, PlatformTransactionManager transactionManager) {
		return new StepBuilder("rejectThresholdStep", jobRepository).tasklet((contribution, chunkContext) -> {
			StageInput input = StageInput.of(chunkContext.getStepContext().getJobParameters());
			List<String> failures = new ArrayList<>();
			for (SourceKind kind : SourceKind.values()) {
				SourceDefinition source = input.source(kind);
				if (source == null) {
					continue;
				}
				StageMeta meta = StageMeta.read(input.staging().meta(kind, input.district(), input.snapshotDate()));
				if (meta.read() != meta.accepted() + meta.quarantined()) {
					throw new SourceException(meta.file() + ": read " + meta.read() + " records but staged "
							+ meta.accepted() + " and quarantined " + meta.quarantined() + "; nothing is loaded from it");
				}
				double share = (meta.read() == 0) ? 0 : (double) meta.quarantined() / meta.read();
				if (share > source.rejectThresholdOrDefault()) {
					// names the setting and where it is, so the operator knows what decides (docs/pipelines.md)
					failures.add(String.format(java.util.Locale.ROOT, "%s: %.1f%% of %d records quarantined, more than"
							+ " reject_threshold %s (%s: sources.%s): %s",
							SourceLocation.describe(input.snapshotFolder(), source), share * 100, meta.read(),
							java.math.BigDecimal.valueOf(source.rejectThresholdOrDefault()).stripTrailingZeros().toPlainString(),
							input.pipeline().file().getFileName(), kind.key(), meta.topRules(3)));
				}
			}
			if (!failures.isEmpty()) {
				throw new SourceException(String.join("; ", failures));
			}
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	private static ItemStreamReader<RawRecord> reader(StageInput input, SourceKind kind, SizeLimits limits) {
		SourceDefinition source = input.source(kind);
		if (source == null) {
			return new EmptyReader();
		}
		// fetched pages stay with the run, so a restarted step reads the same snapshot it began
		Path spool = input.staging().root().resolve("spool").resolve(kind.key())
			.resolve("district_code=" + input.district()).resolve("snapshot_date=" + input.snapshotDate());
		return SourceReaders.create(input.snapshotFolder(), spool, kind, source, limits);
	}

	private static RecordNormalizer normalizer(StageInput input, SourceKind kind, TalentProperties properties) {
		SourceDefinition source = input.source(kind);
		if (source == null) {
			source = new SourceDefinition(null, null, null, null, null, Map.of(), Map.of());
		}
		return new RecordNormalizer(input.district(), kind, source, input.reference(),
				new Pseudonymizer(PseudonymKey.resolve(properties.getPseudonymKeyFile())), input.snapshotDateOrToday(),
				SizeLimits.of(properties));
	}

	private static StagingWriter writer(StageInput input, SourceKind kind) {
		return new StagingWriter(input.staging().accepted(kind, input.district(), input.snapshotDate()),
				input.staging().quarantine(kind, input.district(), input.snapshotDate()),
				input.staging().values(kind, input.district(), input.snapshotDate()), kind,
				LoadPeople.of(input.staging()));
	}

	/** A source a district does not send: the step runs and stages nothing. */
	static final class EmptyReader extends ListItemReader<RawRecord> implements ItemStreamReader<RawRecord> {

		EmptyReader() {
			super(List.of());
		}

	}

}
