package cq.talentwarehouse.stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
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
import cq.talentwarehouse.reference.ReferenceData;
import cq.talentwarehouse.reference.Seeds;
import cq.talentwarehouse.pipeline.PipelineCatalog;
import cq.talentwarehouse.pipeline.PipelineDefinition;
import cq.talentwarehouse.pipeline.SourceDefinition;
import cq.talentwarehouse.pipeline.SourceKind;
import cq.talentwarehouse.source.DelimitedSourceReader;
import cq.talentwarehouse.source.RawRecord;
import cq.talentwarehouse.source.SourceException;
import cq.talentwarehouse.source.SourceLocation;
import cq.talentwarehouse.source.SizeLimits;
import cq.talentwarehouse.source.SourceReaders;

/**
 * {@code districtStageJob}: one district snapshot, read, normalized, validated and staged for the
 * warehouse — a step per source ({@code rosterStageStep}, {@code platformStageStep},
 * {@code enterpriseStageStep}) and a last step failing the district when a source rejected more than
 * its threshold. One job instance per district snapshot and run, so a district fails, and restarts,
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
		return new JobBuilder(JOB_NAME, jobRepository).observationRegistry(observationRegistry)
			.start(rosterStageStep)
			.next(platformStageStep)
			.next(enterpriseStageStep)
			.next(programStageStep)
			.next(rejectThresholdStep)
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
				input.staging().quarantine(kind, input.district(), input.snapshotDate()), kind);
	}

	/** The job parameters of one district snapshot, typed. */
	record StageInput(String runId, PipelineDefinition pipeline, LocalDate snapshotDate, Path snapshotFolder,
			StagingArea staging) {

		static StageInput of(Map<String, Object> parameters) {
			StagingArea staging = new StagingArea(Path.of(String.valueOf(parameters.get(STAGING_ROOT))));
			return new StageInput(String.valueOf(parameters.get(RUN_ID)),
					PipelineCatalog.readChecked(Path.of(String.valueOf(parameters.get(PIPELINE_FILE))),
							reference(staging)),
					LocalDate.parse(String.valueOf(parameters.get(SNAPSHOT_DATE))),
					Path.of(String.valueOf(parameters.get(SNAPSHOT_FOLDER))), staging);
		}

		/** The seeds the run copied into its staging folder (the bundled ones for a job started without a run). */
		static ReferenceData reference(StagingArea staging) {
			return Seeds.at(staging.root().resolve("seeds")).reference();
		}

		ReferenceData reference() {
			return reference(this.staging);
		}

		String district() {
			return this.pipeline.district();
		}

		/**
		 * The source as it reads this snapshot (a dated file name filled in); null when the district
		 * does not send it, or for a source not sent with every snapshot (a programme ledger) when
		 * this snapshot folder holds no file of it.
		 */
		SourceDefinition source(SourceKind kind) {
			SourceDefinition source = this.pipeline.source(kind, this.snapshotDate);
			if (source != null && !kind.sentWithEverySnapshot() && source.url() == null && !source.isJdbc() && source.file() != null
					&& !holdsFile(source.file())) {
				return null;
			}
			return source;
		}

		private boolean holdsFile(String file) {
			if (!file.matches(".*[*?\\[{].*")) {
				return java.nio.file.Files.exists(this.snapshotFolder.resolve(file));
			}
			java.nio.file.PathMatcher matcher = java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + file);
			try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(this.snapshotFolder)) {
				return files.anyMatch((f) -> matcher.matches(f.getFileName()));
			}
			catch (java.io.IOException ex) {
				return false;
			}
		}

		/** Dates in records may not lie after the day the snapshot was taken. */
		LocalDate snapshotDateOrToday() {
			LocalDate today = LocalDate.now();
			return this.snapshotDate.isAfter(today) ? today : this.snapshotDate;
		}

	}

	/** A source a district does not send: the step runs and stages nothing. */
	static final class EmptyReader extends ListItemReader<RawRecord> implements ItemStreamReader<RawRecord> {

		EmptyReader() {
			super(List.of());
		}

	}

	/**
	 * Records what a source step read and staged, for the warehouse and the threshold check, and
	 * reports progress of long steps every few seconds.
	 */
	public static class StageListener
			implements StepExecutionListener, ChunkListener<RecordBlock<RawRecord>, RecordBlock<StagedRecord>> {

		private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StageListener.class);

		private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

		private final StageInput input;

		private final SourceKind kind;

		private final BlockReader reader;

		private StepExecution step;

		private long startedNanos;

		private long lastProgressNanos;

		StageListener(StageInput input, SourceKind kind, BlockReader reader) {
			this.input = input;
			this.kind = kind;
			this.reader = reader;
		}

		@Override
		public void beforeStep(StepExecution step) {
			this.step = step;
			this.startedNanos = System.nanoTime();
			this.lastProgressNanos = this.startedNanos;
		}

		@Override
		public void afterChunk(org.springframework.batch.infrastructure.item.Chunk<RecordBlock<StagedRecord>> chunk) {
			progress();
		}

		@Override
		public void afterChunk(org.springframework.batch.core.scope.context.ChunkContext context) {
			progress();
		}

		private void progress() {
			long now = System.nanoTime();
			if (this.step == null || now - this.lastProgressNanos < PROGRESS_EVERY_NANOS) {
				return;
			}
			this.lastProgressNanos = now;
			long read = this.reader.recordsRead();
			double seconds = (now - this.startedNanos) / 1e9;
			ExecutionContext context = this.step.getExecutionContext();
			long total = context.getLong(DelimitedSourceReader.BYTES_TOTAL, 0L);
			String share = (total > 0) ? String.format(java.util.Locale.ROOT, " (%.0f%% of the file)",
					100.0 * context.getLong(DelimitedSourceReader.BYTES_READ, 0L) / total) : "";
			log.info("  {} {} @ {}: {} records so far{}, {} records/s", this.input.district(), this.kind.key(),
					this.input.snapshotDate(), read, share, Math.round(read / seconds));
		}

		@Override
		public ExitStatus afterStep(StepExecution step) {
			SourceDefinition source = this.input.source(this.kind);
			if (source == null || !ExitStatus.COMPLETED.getExitCode().equals(step.getExitStatus().getExitCode())) {
				return null;
			}
			ExecutionContext context = step.getExecutionContext();
			LocalDateTime start = step.getStartTime();
			double seconds = (start != null) ? Duration.between(start, LocalDateTime.now()).toMillis() / 1000.0 : 0;
			List<Map.Entry<String, Long>> rules = new ArrayList<>();
			for (Map.Entry<String, Object> e : context.entrySet()) {
				if (e.getKey().startsWith(StagingWriter.RULE_PREFIX)) {
					rules.add(Map.entry(e.getKey().substring(StagingWriter.RULE_PREFIX.length()),
							((Number) e.getValue()).longValue()));
				}
			}
			// largest first, ties by name: the same counts always read the same
			rules.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
				.thenComparing(Map.Entry.comparingByKey()));
			// counts from the saved execution context, not the step's own counters: after a restart the
			// step execution only counts what its last attempt read
			long read = context.getLong(DelimitedSourceReader.READ_COUNT, 0L);
			long accepted = context.getLong(StagingWriter.ACCEPTED, 0L);
			long quarantined = context.getLong(StagingWriter.QUARANTINED, 0L);
			StageMeta meta = new StageMeta(SourceLocation.describe(this.input.snapshotFolder(), source),
					// a workbook has no text encoding of its own to report
					"xlsx".equals(source.formatOrDefault()) || source.isJdbc() ? source.formatOrDefault()
							: source.encodingOrDefault(), read, accepted,
					quarantined, seconds, rules);
			meta.write(this.input.staging().meta(this.kind, this.input.district(), this.input.snapshotDate()));
			return null;
		}

	}

}
