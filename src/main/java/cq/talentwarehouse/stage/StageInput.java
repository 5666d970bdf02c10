package cq.talentwarehouse.stage;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Stream;

import cq.talentwarehouse.pipeline.PipelineCatalog;
import cq.talentwarehouse.pipeline.PipelineDefinition;
import cq.talentwarehouse.pipeline.SourceDefinition;
import cq.talentwarehouse.pipeline.SourceKind;
import cq.talentwarehouse.reference.ReferenceData;
import cq.talentwarehouse.reference.Seeds;

import static cq.talentwarehouse.stage.DistrictStageJobConfiguration.PIPELINE_FILE;
import static cq.talentwarehouse.stage.DistrictStageJobConfiguration.RUN_ID;
import static cq.talentwarehouse.stage.DistrictStageJobConfiguration.SNAPSHOT_DATE;
import static cq.talentwarehouse.stage.DistrictStageJobConfiguration.SNAPSHOT_FOLDER;
import static cq.talentwarehouse.stage.DistrictStageJobConfiguration.STAGING_ROOT;

/** The job parameters of one district snapshot, typed: what every bean of a {@code districtStageJob} reads. */
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
			return Files.exists(this.snapshotFolder.resolve(file));
		}
		PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + file);
		try (Stream<Path> files = Files.list(this.snapshotFolder)) {
			return files.anyMatch((f) -> matcher.matches(f.getFileName()));
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Dates in records may not lie after the day the snapshot was taken. */
	LocalDate snapshotDateOrToday() {
		LocalDate today = LocalDate.now();
		return this.snapshotDate.isAfter(today) ? today : this.snapshotDate;
	}

}
