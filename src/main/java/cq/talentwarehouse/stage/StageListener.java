package cq.talentwarehouse.stage;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import cq.talentwarehouse.normalize.StagedRecord;
import cq.talentwarehouse.pipeline.SourceDefinition;
import cq.talentwarehouse.pipeline.SourceKind;
import cq.talentwarehouse.source.DelimitedSourceReader;
import cq.talentwarehouse.source.RawRecord;
import cq.talentwarehouse.source.SourceLocation;

/**
 * Records what a source step read and staged (its own class: the job configuration reads as the flow), for the warehouse and the threshold check, and
 * reports progress of long steps every few seconds.
 */
class StageListener
		implements StepExecutionListener, ChunkListener<RecordBlock<RawRecord>, RecordBlock<StagedRecord>> {

	private static final Logger log = LoggerFactory.getLogger(StageListener.class);

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
	public void afterChunk(Chunk<RecordBlock<StagedRecord>> chunk) {
		progress();
	}

	@Override
	public void afterChunk(ChunkContext context) {
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
		String share = (total > 0) ? String.format(Locale.ROOT, " (%.0f%% of the file)",
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
