package cq.talentwarehouse.stage;

import java.nio.file.Path;
import java.time.LocalDate;

import cq.talentwarehouse.pipeline.SourceKind;

/**
 * Where a run stages normalized records for DuckDB to ingest: hive-style folders
 * ({@code roster/district_code=500116/snapshot_date=2023-12-31/data.csv}) so one {@code read_csv}
 * call takes every district at once and knows each row's district and snapshot from its path.
 */
public record StagingArea(Path root) {

	public Path accepted(SourceKind kind, String district, LocalDate snapshot) {
		return partition(this.root.resolve(kind.key()), district, snapshot);
	}

	public Path quarantine(SourceKind kind, String district, LocalDate snapshot) {
		return partition(this.root.resolve("quarantine").resolve("source=" + kind.key()), district, snapshot);
	}

	/** The distinct values of a snapshot's listed columns ({@link SourceKind#listedColumns()}), for the build's enums. */
	public Path values(SourceKind kind, String district, LocalDate snapshot) {
		return partition(this.root.resolve("values").resolve("source=" + kind.key()), district, snapshot);
	}

	public Path meta(SourceKind kind, String district, LocalDate snapshot) {
		return partition(this.root.resolve("meta").resolve("source=" + kind.key()), district, snapshot);
	}

	private static Path partition(Path base, String district, LocalDate snapshot) {
		return base.resolve("district_code=" + district).resolve("snapshot_date=" + snapshot).resolve("data.csv");
	}

}
