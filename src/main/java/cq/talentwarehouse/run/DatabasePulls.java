package cq.talentwarehouse.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

import cq.talentwarehouse.TalentProperties;
import cq.talentwarehouse.pipeline.PipelineDefinition;
import cq.talentwarehouse.pipeline.SnapshotFingerprint;
import cq.talentwarehouse.pipeline.SourceDefinition;
import cq.talentwarehouse.pipeline.SourceKind;
import cq.talentwarehouse.source.JdbcPull;
import cq.talentwarehouse.source.SourceException;

/**
 * Planning the districts whose sources are databases: every snapshot is pulled into the run's
 * staging folder ({@code pulled/district_code=X/snapshot_date=D}), districts in parallel; those
 * folders then take the place of dated landing folders, their {@code <source>.jdbc} digests the
 * place of files in the fingerprints. A district whose database cannot be read fails alone, before
 * anything of it is staged.
 */
final class DatabasePulls {

	private static final Logger log = LoggerFactory.getLogger(DatabasePulls.class);

	private final TalentProperties properties;

	private final RunRecorder recorder;

	DatabasePulls(TalentProperties properties, RunRecorder recorder) {
		this.properties = properties;
		this.recorder = recorder;
	}

	/** Each pulled district's planned snapshots, by district code. */
	Map<String, List<RunReport.DistrictResult>> pullAll(List<PipelineDefinition> pipelines, String runId, boolean force,
			RunState run) throws Exception {
		Map<String, List<RunReport.DistrictResult>> plans = new ConcurrentHashMap<>();
		if (pipelines.isEmpty()) {
			return plans;
		}
		Map<String, LoadedSnapshot> loaded = LoadedSnapshot.read(this.properties.getWarehouse());
		ExecutorService pool = Executors
			.newFixedThreadPool(Math.max(1, Math.min(pipelines.size(), this.properties.getThreads())));
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (PipelineDefinition pipeline : pipelines) {
				futures.add(pool.submit(() -> {
					plans.put(pipeline.district(), pull(pipeline, runId, force ? Map.of() : loaded, run));
					return null;
				}));
			}
			for (Future<?> f : futures) {
				f.get();
			}
		}
		finally {
			pool.shutdown();
		}
		return plans;
	}

	private List<RunReport.DistrictResult> pull(PipelineDefinition pipeline, String runId,
			Map<String, LoadedSnapshot> loaded, RunState run) throws IOException {
		Path base = this.recorder.stagingRoot(runId).resolve("pulled").resolve("district_code=" + pipeline.district());
		LocalDate today = LocalDate.now();
		Function<LocalDate, Path> folder = (date) -> base.resolve("snapshot_date=" + date);
		String file = pipeline.file().toAbsolutePath().toString();
		TreeSet<LocalDate> dates = new TreeSet<>();
		List<String> empty = new ArrayList<>();
		int sources = 0;
		long started = System.nanoTime();
		try {
			for (SourceKind kind : SourceKind.values()) {
				SourceDefinition source = pipeline.source(kind);
				if (source != null) {
					Map<LocalDate, Long> rows = new JdbcPull(source, kind, System::getenv).pullAll(today, folder);
					dates.addAll(rows.keySet());
					sources++;
					if (rows.values().stream().mapToLong(Long::longValue).sum() == 0) {
						empty.add(JdbcPull.describe(source) + " holds no rows");
					}
					run.out.printf("  pulled  %s %s %s: %d snapshot(s), %d rows from %s%n", pipeline.district(),
							pipeline.name(), kind.key(), rows.size(), rows.values().stream().mapToLong(Long::longValue).sum(),
							JdbcPull.describe(source));
				}
			}
		}
		catch (SourceException ex) {
			run.out.println("  FAILED  " + pipeline.district() + " " + pipeline.name() + ": " + ex.getMessage());
			log.debug("pull of {} failed", pipeline.district(), ex);
			Files.createDirectories(folder.apply(today));
			return List.of(new RunReport.DistrictResult(pipeline.district(), pipeline.name(), today.toString(), file,
					folder.apply(today).toString(), DistrictStatus.FAILED.key(), ex.getMessage()));
		}
		log.debug("pulled {} in {} ms", pipeline.district(), (System.nanoTime() - started) / 1_000_000);
		if (empty.size() == sources) {
			// an exchange table not yet written tonight is no snapshot: publishing it would empty the district
			for (LocalDate date : dates) {
				FileSystemUtils.deleteRecursively(folder.apply(date));
			}
			String sentence = pipeline.district() + " " + pipeline.name() + ": " + String.join("; ", empty);
			run.out.println("  empty   " + sentence + "; nothing to load from it");
			run.emptyPulls.add(sentence);
			return List.of();
		}
		List<RunReport.DistrictResult> plan = new ArrayList<>();
		for (LocalDate date : dates) {
			Files.createDirectories(folder.apply(date));
			RunReport.DistrictResult d = new RunReport.DistrictResult(pipeline.district(), pipeline.name(), date.toString(),
					file, folder.apply(date).toString(), DistrictStatus.PENDING.key(), null);
			if (date.equals(today) && !loaded.containsKey(pipeline.district() + "@" + date)) {
				// a pull dated today whose rows equal the district's latest loaded snapshot is no new snapshot
				String latest = loaded.keySet().stream().filter((k) -> k.startsWith(pipeline.district() + "@"))
					.max(String::compareTo).orElse(null);
				if (latest != null && SnapshotFingerprint.of(folder.apply(date), Map.of())
					.sameContentAs(loaded.get(latest).files())) {
					run.out.printf("  skipped %s %s @ %s: the pulled rows are unchanged since its snapshot %s%n",
							pipeline.district(), pipeline.name(), date, latest.substring(latest.indexOf('@') + 1));
					d = d.with(DistrictStatus.SKIPPED, "unchanged since " + latest);
				}
			}
			plan.add(d);
		}
		return plan;
	}

}
