package cq.talentwarehouse.pipeline;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One district feed as written in {@code pipelines/<name>.yaml}.
 *
 * @param district the district: its GB/T 2260 code, or any name variant of seeds/districts.csv
 * (江津, 重庆市江津区), which the loader turns into the code
 * @param name district name, for messages
 * @param landing folder under the landing root where the district delivers
 * @param snapshotFrom how a snapshot's date is found: {@code folder} (default: one {@code yyyy-mm-dd}
 * folder per snapshot) or {@code file_name} (files side by side, each source's {@code file} holding
 * a date placeholder such as {@code roster_{yyyyMMdd}.csv})
 * @param sources the district's feeds by kind ({@code roster}, {@code platform}, {@code enterprise})
 * @param file the pipeline file this was read from (set by the loader)
 */
public record PipelineDefinition(
		String district,
		String name,
		String landing,
		@JsonProperty("snapshot_from") String snapshotFrom,
		Map<String, SourceDefinition> sources,
		@JsonIgnore Path file) {

	public static final String FROM_FOLDER = "folder";

	public static final String FROM_FILE_NAME = "file_name";

	public PipelineDefinition withFile(Path file) {
		return new PipelineDefinition(this.district, this.name, this.landing, this.snapshotFrom, this.sources, file);
	}

	/** The same pipeline with its district written as the GB/T 2260 code. */
	public PipelineDefinition withDistrict(String code) {
		return new PipelineDefinition(code, this.name, this.landing, this.snapshotFrom, this.sources, this.file);
	}

	@JsonIgnore
	public boolean datesFromFileNames() {
		return FROM_FILE_NAME.equals(this.snapshotFrom);
	}

	/**
	 * Whether every source is pulled from a database ({@code format: jdbc}): such a pipeline's
	 * snapshots come from its databases, not from a landing folder.
	 */
	@JsonIgnore
	public boolean pullsFromDatabases() {
		return this.sources != null && !this.sources.isEmpty()
				&& this.sources.values().stream().allMatch((s) -> s != null && s.isJdbc());
	}

	@JsonIgnore
	public SourceDefinition source(SourceKind kind) {
		return (this.sources == null) ? null : this.sources.get(kind.key());
	}

	/**
	 * A source as it reads one snapshot: with dates in file names, its {@code file} placeholder
	 * filled in with the snapshot's date.
	 */
	public SourceDefinition source(SourceKind kind, LocalDate snapshotDate) {
		SourceDefinition source = source(kind);
		if (source == null || !datesFromFileNames() || source.file() == null) {
			return source;
		}
		return source.withFile(SnapshotFileNames.resolve(source.file(), snapshotDate));
	}

}
