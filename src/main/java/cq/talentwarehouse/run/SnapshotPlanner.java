package cq.talentwarehouse.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import cq.talentwarehouse.TalentProperties;
import cq.talentwarehouse.pipeline.LandingZone;
import cq.talentwarehouse.pipeline.FilesHashedAhead;
import cq.talentwarehouse.pipeline.PipelineCatalog;
import cq.talentwarehouse.pipeline.PipelineDefinition;
import cq.talentwarehouse.pipeline.SnapshotFingerprint;

/**
 * Planning a run: the district snapshots of the landing zone (pipelines × dated folders), and which
 * of them are unchanged since they were loaded, by their files' fingerprints.
 */
final class SnapshotPlanner {

	// UTC, whole seconds: what ops.snapshot_files.modified_at stores and compares
	/** Up to this many unchanged snapshots are each named in a run's output; past it, counted in one line. */
	static final int SKIPPED_LINES = 20;

	private static final DateTimeFormatter MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private final TalentProperties properties;

	SnapshotPlanner(TalentProperties properties) {
		this.properties = properties;
	}

	/**
	 * Every snapshot for the pipelines of {@code districts} (all when empty), pending: a pulled
	 * district's from its pull, the others' from the landing zone.
	 */
	List<RunReport.DistrictResult> snapshots(PipelineCatalog catalog, LandingZone landing, Set<String> districts,
			Map<String, List<RunReport.DistrictResult>> pulled) throws IOException {
		List<RunReport.DistrictResult> plan = new ArrayList<>();
		for (PipelineDefinition pipeline : catalog.pipelines()) {
			if (districts.isEmpty() || districts.contains(pipeline.district())) {
				plan.addAll(pulled.getOrDefault(pipeline.district(), List.of()));
				for (LandingZone.Snapshot snapshot : landing.snapshots(pipeline)) {
					plan.add(new RunReport.DistrictResult(pipeline.district(), pipeline.name(), snapshot.date().toString(),
							pipeline.file().toAbsolutePath().toString(), snapshot.folder().toString(),
							DistrictStatus.PENDING.key(), null));
				}
			}
		}
		return plan;
	}

	/**
	 * Marks the snapshots whose files hold the same content as when they were last loaded as
	 * skipped, so a night where one district delivers reads one district. Hashes of files whose
	 * size and modification time did not change are taken from the warehouse, not recomputed
	 * (unless {@code TALENT_REHASHFILES}). The
	 * fingerprints of every planned file go into {@code run}.
	 */
	List<RunReport.DistrictResult> skipUnchanged(List<RunReport.DistrictResult> plan, boolean force, RunState run)
			throws Exception {
		Map<String, LoadedSnapshot> loaded = LoadedSnapshot.read(this.properties.getWarehouse());
		List<RunReport.DistrictResult> result = new ArrayList<>();
		List<String[]> fingerprints = new ArrayList<>();
		List<String> skipped = new ArrayList<>();
		Set<String> skippedDistricts = new java.util.HashSet<>();
		ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, this.properties.getThreads()));
		try {
			// a landing zone keeping years of monthly folders plans hundreds of snapshots of a few dozen
			// pipeline files: each file read once, each folder checked and fingerprinted on the pool
			Map<String, PipelineDefinition> pipelines = new HashMap<>();
			LandingZone landing = new LandingZone(this.properties.getLanding());
			List<Future<Checked>> futures = new ArrayList<>();
			for (RunReport.DistrictResult d : plan) {
				LoadedSnapshot previous = loaded.get(d.district() + "@" + d.snapshotDate());
				PipelineDefinition pipeline = pipelines.computeIfAbsent(d.pipelineFile(),
						(file) -> PipelineCatalog.readChecked(Path.of(file)));
				Map<String, SnapshotFingerprint.FileEntry> known = (previous != null && !this.properties.isRehashFiles())
						? previous.byName() : Map.of();
				futures.add(pool.submit(() -> check(d, pipeline, landing, known)));
			}
			for (int i = 0; i < plan.size(); i++) {
				RunReport.DistrictResult d = plan.get(i);
				Checked checked = futures.get(i).get();
				if (checked.leaving() != null) {
					// not even hashed: a file outside the landing zone is never read
					result.add(d.with(DistrictStatus.FAILED, checked.leaving()));
					continue;
				}
				SnapshotFingerprint fingerprint = checked.fingerprint();
				if (d.is(DistrictStatus.FAILED)) {
					result.add(d); // a pull that failed: nothing to compare
					continue;
				}
				LoadedSnapshot previous = loaded.get(d.district() + "@" + d.snapshotDate());
				if (!force && previous != null && fingerprint.sameContentAs(previous.files())) {
					skipped.add(String.format("  skipped %s %s @ %s: its %d file(s) are unchanged since %s", d.district(),
							d.name(), d.snapshotDate(), fingerprint.files().size(), previous.runId()));
					skippedDistricts.add(d.district());
					result.add(d.with(DistrictStatus.SKIPPED, "unchanged since " + previous.runId()));
				}
				else {
					result.add(d);
				}
				for (SnapshotFingerprint.FileEntry f : fingerprint.files()) {
					fingerprints.add(new String[] { d.district(), d.snapshotDate(), f.name(), Long.toString(f.size()),
							MODIFIED.format(f.modified()), f.sha256() });
				}
			}
		}
		finally {
			pool.shutdown();
			FilesHashedAhead.stop();
		}
		// a landing zone that keeps months of snapshots would print a line a month a district every night
		if (skipped.size() <= SKIPPED_LINES) {
			skipped.forEach(run.out::println);
		}
		else {
			run.out.printf("  skipped %d unchanged snapshot(s) of %d district(s): their files are as when they were"
					+ " loaded (`status` lists them; `run --force` reloads)%n", skipped.size(), skippedDistricts.size());
		}
		run.fingerprints = fingerprints;
		return result;
	}

	/** Why a snapshot may not be read because a link leads out of the landing zone, or null. */
	String linkLeavingLanding(RunReport.DistrictResult d) {
		return linkLeaving(d, PipelineCatalog.readChecked(Path.of(d.pipelineFile())),
				new LandingZone(this.properties.getLanding()));
	}

	private static String linkLeaving(RunReport.DistrictResult d, PipelineDefinition pipeline, LandingZone landing) {
		return linkLeaving(d, pipeline, LocalDate.parse(d.snapshotDate()), landing);
	}

	private static String linkLeaving(RunReport.DistrictResult d, PipelineDefinition pipeline, LocalDate date,
			LandingZone landing) {
		if (pipeline.pullsFromDatabases()) {
			return null; // its snapshot folder is the run's own pull, in staging
		}
		return landing.linkLeavingRoot(Path.of(d.snapshotFolder()), (name) -> LandingZone.Snapshot.holds(pipeline, date, name));
	}

	/** A planned snapshot's folder checked for links out of the landing zone and, when none, fingerprinted. */
	private static Checked check(RunReport.DistrictResult d, PipelineDefinition pipeline, LandingZone landing,
			Map<String, SnapshotFingerprint.FileEntry> known) throws IOException {
		LocalDate date = LocalDate.parse(d.snapshotDate());
		String leaving = linkLeaving(d, pipeline, date, landing);
		if (leaving != null) {
			return new Checked(leaving, null);
		}
		return new Checked(null, SnapshotFingerprint.of(Path.of(d.snapshotFolder()),
				(name) -> LandingZone.Snapshot.holds(pipeline, date, name), known));
	}

	/** Why a snapshot's folder may not be read, or its files' fingerprint. */
	private record Checked(String leaving, SnapshotFingerprint fingerprint) {
	}

}
