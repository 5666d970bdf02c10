package cq.talentwarehouse.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.normalize.ReferenceData;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineCatalogTests {

	@TempDir
	Path dir;

	@Test
	void acceptsTheProjectsOwnPipelines() {
		PipelineCatalog catalog = PipelineCatalog.load(Path.of("pipelines"), Path.of("landing"), ReferenceData.bundled());
		assertThat(catalog.problems()).isEmpty();
		assertThat(catalog.pipelines()).extracting(PipelineDefinition::district)
			.containsExactlyInAnyOrder("500116", "500114", "500110", "500241");
	}

	@Test
	void reportsYamlSyntaxErrorsWithFileAndLine() throws IOException {
		write("broken.yaml", "district: \"500116\"\nlanding: x\nsources:\n  roster:\n    file: [a\n");
		String problem = only();
		assertThat(problem).startsWith(this.dir.resolve("broken.yaml") + ":").matches(".*broken\\.yaml:[0-9]+: .*");
	}

	@Test
	void reportsUnknownKeysAndMissingRequiredColumns() throws IOException {
		write("typo.yaml", """
				district: "500116"
				landing: jiangjin
				sources:
				  roster:
				    file: r.csv
				    colums:
				      name: 姓名
				""");
		assertThat(only()).contains("typo.yaml:6: unknown key 'colums'");
		write("typo.yaml", """
				district: "500116"
				landing: jiangjin
				sources:
				  roster:
				    file: r.csv
				    columns:
				      name: 姓名
				""");
		assertThat(PipelineCatalog.load(this.dir, this.dir, ReferenceData.bundled()).problems())
			.extracting(Object::toString)
			.anyMatch((p) -> p.contains("typo.yaml:4: roster: no column mapped for required field 'id_number' (身份证号)"))
			.anyMatch((p) -> p.contains("required field 'categories'"));
	}

	@Test
	void refusesLandingFoldersAndFilesOutsideTheLandingRoot() throws IOException {
		write("escape.yaml", """
				district: "500116"
				landing: ../../etc
				sources:
				  roster:
				    file: ../passwd
				    columns: {id_number: a, name: b, categories: c}
				""");
		assertThat(PipelineCatalog.load(this.dir, this.dir.resolve("landing"), ReferenceData.bundled()).problems())
			.extracting(Object::toString)
			.anyMatch((p) -> p.contains("escape.yaml:2: landing '../../etc' leaves the landing root"))
			.anyMatch((p) -> p.contains("file '../passwd' must be a name inside the snapshot folder"));
	}

	@Test
	void refusesUnknownDistrictsEncodingsAndValueMapTargets() throws IOException {
		write("bad.yaml", """
				district: "510000"
				landing: x
				sources:
				  roster:
				    file: r.csv
				    encoding: LATIN-9000
				    columns: {id_number: a, name: b, categories: c}
				    values:
				      categories: {志愿者: volunteers}
				""");
		assertThat(PipelineCatalog.load(this.dir, this.dir, ReferenceData.bundled()).problems())
			.extracting(Object::toString)
			.anyMatch((p) -> p.contains("district '510000' is not a Chongqing county-level code"))
			.anyMatch((p) -> p.contains("unknown encoding 'LATIN-9000'"))
			.anyMatch((p) -> p.contains("value map target 'volunteers' is not a code of seeds/talent_categories.csv"));
	}

	private void write(String name, String yaml) throws IOException {
		Files.writeString(this.dir.resolve(name), yaml, StandardCharsets.UTF_8);
	}

	private String only() {
		PipelineCatalog catalog = PipelineCatalog.load(this.dir, this.dir, ReferenceData.bundled());
		assertThat(catalog.problems()).hasSize(1);
		return catalog.problems().get(0).toString();
	}

}
