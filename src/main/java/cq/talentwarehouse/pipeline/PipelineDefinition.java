package cq.talentwarehouse.pipeline;

import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One district feed as written in {@code pipelines/<name>.yaml}.
 *
 * @param district the district: its GB/T 2260 code, or any name variant of seeds/districts.csv
 * (江津, 重庆市江津区), which the loader turns into the code
 * @param name district name, for messages
 * @param landing folder under the landing root that holds one {@code yyyy-mm-dd} folder per snapshot
 * @param sources the district's feeds by kind ({@code roster}, {@code platform}, {@code enterprise})
 * @param file the pipeline file this was read from (set by the loader)
 */
public record PipelineDefinition(
		String district,
		String name,
		String landing,
		Map<String, SourceDefinition> sources,
		@JsonIgnore Path file) {

	public PipelineDefinition withFile(Path file) {
		return new PipelineDefinition(this.district, this.name, this.landing, this.sources, file);
	}

	/** The same pipeline with its district written as the GB/T 2260 code. */
	public PipelineDefinition withDistrict(String code) {
		return new PipelineDefinition(code, this.name, this.landing, this.sources, this.file);
	}

	@JsonIgnore
	public SourceDefinition source(SourceKind kind) {
		return (this.sources == null) ? null : this.sources.get(kind.key());
	}

}
