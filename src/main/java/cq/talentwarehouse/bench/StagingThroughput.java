package cq.talentwarehouse.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import cq.talentwarehouse.reference.ReferenceData;
import cq.talentwarehouse.pipeline.LandingZone;
import cq.talentwarehouse.pipeline.PipelineCatalog;
import cq.talentwarehouse.pipeline.PipelineDefinition;
import cq.talentwarehouse.pipeline.SourceDefinition;
import cq.talentwarehouse.pipeline.SourceKind;
import cq.talentwarehouse.source.RawRecord;
import cq.talentwarehouse.source.SourceReaders;
import cq.talentwarehouse.normalize.Pseudonymizer;
import cq.talentwarehouse.stage.RecordBlock;
import cq.talentwarehouse.normalize.RecordNormalizer;
import cq.talentwarehouse.normalize.StagedRecord;
import cq.talentwarehouse.stage.StagingWriter;

/**
 * What staging one roster costs per record on one warm thread, outside Spring Batch: the district's
 * roster read (decode, parse, map columns), then read and normalized (clean, fold, vocabularies,
 * ID check, HMAC), then read, normalized and written (staged CSV, duplicate check), each timed over
 * the whole file for a few rounds so the JIT has compiled it by the last:
 *
 * <pre>
 * java -cp target/talent-warehouse.jar -Dloader.main=cq.talentwarehouse.bench.StagingThroughput \
 *     org.springframework.boot.loader.launch.PropertiesLauncher PIPELINE_FILE LANDING WORKDIR [ROUNDS]
 * </pre>
 *
 * Prints {@code round=<n> phase=<read|normalize|write> records=<n> ns_per_record=<t>}. The difference
 * between phases is the cost of the step added; the last round is the warm figure.
 */
public final class StagingThroughput {

	/** Records per commit, the load's default chunk ({@code TALENT_CHUNKSIZE}). */
	private static final int CHUNK_SIZE = 5000;

	private StagingThroughput() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 3) {
			System.err.println("usage: StagingThroughput PIPELINE_FILE LANDING WORKDIR [ROUNDS]");
			System.exit(2);
		}
		PipelineDefinition pipeline = PipelineCatalog.readChecked(Path.of(args[0]));
		LandingZone landing = new LandingZone(Path.of(args[1]));
		Path work = Path.of(args[2]);
		int rounds = (args.length > 3) ? Integer.parseInt(args[3]) : 3;
		LandingZone.Snapshot snapshot = landing.snapshots(pipeline)
			.stream()
			.max(Comparator.comparing(LandingZone.Snapshot::date))
			.orElseThrow(() -> new IllegalArgumentException("no snapshot of " + pipeline.district() + " in " + args[1]));
		SourceDefinition roster = pipeline.source(SourceKind.ROSTER, snapshot.date());
		Files.createDirectories(work);
		for (int round = 1; round <= rounds; round++) {
			for (String phase : List.of("read", "normalize", "write")) {
				long started = System.nanoTime();
				long records = run(phase, pipeline.district(), snapshot.folder(), roster, snapshot.date(), work);
				System.out.printf(Locale.ROOT, "round=%d phase=%s records=%d ns_per_record=%.0f%n", round, phase, records,
						(System.nanoTime() - started) / (double) records);
			}
		}
	}

	/** Reads the source, with {@code normalize} also normalizes, with {@code write} also stages it; returns the records. */
	static long run(String phase, String district, Path folder, SourceDefinition source, LocalDate date,
			Path work) throws Exception {
		ItemStreamReader<RawRecord> reader = SourceReaders.create(folder, work.resolve("spool"), SourceKind.ROSTER,
				source);
		RecordNormalizer normalizer = new RecordNormalizer(district, SourceKind.ROSTER, source, ReferenceData.bundled(),
				new Pseudonymizer("staging-throughput-benchmark".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
				date);
		StagingWriter writer = new StagingWriter(work.resolve("accepted.csv"), work.resolve("quarantine.csv"),
				work.resolve("values.csv"), SourceKind.ROSTER);
		reader.open(new ExecutionContext());
		ExecutionContext context = new ExecutionContext();
		if (phase.equals("write")) {
			writer.open(context);
		}
		long records = 0;
		List<StagedRecord> block = new ArrayList<>(RecordBlock.SIZE);
		RawRecord raw;
		while ((raw = reader.read()) != null) {
			records++;
			if (phase.equals("read")) {
				continue;
			}
			block.add(normalizer.process(raw));
			if (block.size() == RecordBlock.SIZE && phase.equals("write")) {
				writer.write(new Chunk<>(List.of(new RecordBlock<>(block))));
				block = new ArrayList<>(RecordBlock.SIZE);
				// a commit every chunk, as a step makes them (the roster's Parquet part is written there)
				if (records % CHUNK_SIZE == 0) {
					writer.update(context);
				}
			}
			else if (block.size() == RecordBlock.SIZE) {
				block.clear();
			}
		}
		if (phase.equals("write")) {
			writer.write(new Chunk<>(List.of(new RecordBlock<>(block))));
			writer.update(context);
			writer.close();
		}
		reader.close();
		return Math.max(1, records);
	}

}
