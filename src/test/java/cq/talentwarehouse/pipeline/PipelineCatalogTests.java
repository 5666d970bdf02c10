package cq.talentwarehouse.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.reference.FileProblem;
import cq.talentwarehouse.reference.ReferenceData;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
		assertThat(only()).contains("typo.yaml:6: sources.roster.colums: unknown key here (allowed: file, format,");
		write("typo.yaml", """
				district: "500116"
				landing: jiangjin
				sources:
				  roster:
				    file: r.csv
				    columns:
				      name: 姓名
				""");
		assertThat(problems())
			.extracting(Object::toString)
			.anyMatch((p) -> p.contains("typo.yaml:6: sources.roster.columns.id_number: missing; allowed: 身份证号"))
			.anyMatch((p) -> p.contains("sources.roster.columns.categories: missing"));
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
			.anyMatch((p) -> p.contains("escape.yaml:2: landing: '../../etc' leaves the landing root"))
			.anyMatch((p) -> p.contains("escape.yaml:5: sources.roster.file: '../passwd' must be a name inside the snapshot folder"));
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
		assertThat(problems())
			.extracting(Object::toString)
			.anyMatch((p) -> p.contains("bad.yaml:1: district: '510000' is not a Chongqing county-level code"))
			.anyMatch((p) -> p.contains("bad.yaml:6: sources.roster.encoding: 'LATIN-9000' is not a known charset"))
			.anyMatch((p) -> p.contains("bad.yaml:9: sources.roster.values.categories.志愿者: value map target 'volunteers' is not a code of seeds/talent_categories.csv; allowed: party_government,"));
	}

	@Test
	void acceptsWorkbookDownloadedPageAndHttpSources() throws IOException {
		// given
		write("forms.yaml", """
				district: "500241"
				landing: xiushan
				sources:
				  enterprise:
				    file: 企业名单.xlsx
				    format: xlsx
				    sheet: 名单
				    header_row: 3
				    columns: {uscc: 信用代码, enterprise_name: 名称, qualification: 资质}
				  platform:
				    file: pt_page_*.json
				    format: json
				    records: /data/records
				    pagination: {total_pages: data.pages}
				    columns: {platform_name: name, platform_type: type, platform_level: level}
				  roster:
				    format: json
				    url: https://rencai.example.cn/api/v1/talents?district=500241
				    token_env: XS_API_TOKEN
				    records: data.records
				    pagination: {type: cursor, size: 500, next: data.nextCursor}
				    connect_timeout_seconds: 5
				    read_timeout_seconds: 30
				    retries: 4
				    retry_backoff_seconds: 1
				    columns: {id_number: idNumber, name: name, categories: talentTypes, employer_uscc: employer.creditCode}
				""");

		// when
		PipelineCatalog catalog = load();

		// then
		assertThat(catalog.problems()).isEmpty();
		assertThat(catalog.pipelines().get(0).sources().get("roster").isHttp()).isTrue();
	}

	@Test
	void reportsSettingsOfAnotherFormatAndBadHttpSettingsWithTheirLines() throws IOException {
		// given
		write("mixed.yaml", """
				district: "500110"
				landing: qijiang
				sources:
				  enterprise:
				    file: e.xlsx
				    format: xlsx
				    delimiter: ";"
				    header_row: 0
				    columns: {uscc: a, enterprise_name: b, qualification: c}
				  platform:
				    file: p.csv
				    retries: 2
				    columns: {platform_name: a, platform_type: b, platform_level: c}
				  roster:
				    format: json
				    url: ftp://rencai.example.cn/talents
				    token_env: "Bearer abc123"
				    read_timeout_seconds: 0
				    pagination: {type: cursor}
				    columns: {id_number: a, name: b, categories: c}
				""");

		// when
		var problems = problems();

		// then
		assertThat(problems).extracting(Object::toString)
			.anyMatch((p) -> p.endsWith("mixed.yaml:7: sources.enterprise.delimiter: does not apply to format xlsx; allowed: only with format csv"))
			.anyMatch((p) -> p.contains("mixed.yaml:8: sources.enterprise.header_row: '0' is out of range; allowed: xlsx only: the row number of the header as Excel shows it (1 or more)"))
			.anyMatch((p) -> p.endsWith("mixed.yaml:12: sources.platform.retries: applies only to a json source with a 'url'; allowed: remove it, or read the source over HTTP"))
			.anyMatch((p) -> p.contains("mixed.yaml:16: sources.roster.url: 'ftp://rencai.example.cn/talents' must start with http:// or https://"))
			.anyMatch((p) -> p.contains("mixed.yaml:17: sources.roster.token_env: 'Bearer abc123' is not allowed; allowed: json over HTTP: the name of the environment variable holding the bearer token (XS_API_TOKEN), never the token itself"))
			.anyMatch((p) -> p.contains("mixed.yaml:18: sources.roster.read_timeout_seconds: '0' is out of range; allowed: json over HTTP: seconds one page may take, more than 0 and at most 3600"))
			.anyMatch((p) -> p.contains("mixed.yaml:19: sources.roster.pagination: cursor pagination needs 'next'"))
			.hasSize(7);
	}

	@Test
	void refusesUnknownFormatsPatternsOutsideJsonAndJsonWithoutFileOrUrl() throws IOException {
		// given
		write("odd.yaml", """
				district: "500116"
				landing: jiangjin
				sources:
				  roster:
				    file: r.ods
				    format: ods
				    columns: {id_number: a, name: b, categories: c}
				  enterprise:
				    file: e_*.csv
				    columns: {uscc: a, enterprise_name: b, qualification: c}
				  platform:
				    format: json
				    pagination: {type: cursor, total_pages: data.pages}
				    columns: {platform_name: a, platform_type: b, platform_level: c}
				""");

		// when
		var problems = problems();

		// then
		assertThat(problems).extracting(Object::toString)
			.anyMatch((p) -> p.endsWith("odd.yaml:6: sources.roster.format: 'ods' is not allowed; allowed: csv (delimited text, the default), xlsx (an Excel workbook), json (downloaded pages, or pages fetched from url) or jdbc (a table or query of a database, pulled through datasource)"))
			.anyMatch((p) -> p.contains("odd.yaml:9: sources.enterprise.file: 'e_*.csv' is a pattern; allowed: one file name"))
			.anyMatch((p) -> p.contains("odd.yaml:11: sources.platform.file: missing; allowed: the file's name inside the snapshot folder, or 'url' for pages fetched over HTTP"))
			.hasSize(3);
	}

	@Test
	void saysAPercentIsAShareAndNamesNoJavaType() throws IOException {
		// given the newcomer's reject threshold written as a percent
		write("wanzhou.yaml", """
				district: "500101"
				landing: wanzhou
				sources:
				  roster:
				    file: roster.csv
				    reject_threshold: 30%
				    columns: {id_number: 身份证号, name: 姓名, categories: 人才类别}
				""");

		// when
		String problem = only();

		// then: file, line, key, what is wrong, what is allowed, and no Java internals
		assertThat(problem).isEqualTo(this.dir.resolve("wanzhou.yaml") + ":6: sources.roster.reject_threshold: '30%' is a"
				+ " percent; write it as a share: 0.3; allowed: the share of the source's records (a number from 0 to 1,"
				+ " not a percent: 0.05 = 5 %, 0.3 = 30 %) that may be quarantined before the district fails; default 0.05");
		assertThat(problem).doesNotContain("java.", "Cannot deserialize", "Double");
	}

	@Test
	void saysWhereAMisIndentedKeyBelongs() throws IOException {
		// given the keys of a source written at the level of the source itself
		write("wanzhou.yaml", """
				district: "500101"
				landing: wanzhou
				sources:
				  roster:
				  file: roster.csv
				  columns: {id_number: 身份证号, name: 姓名, categories: 人才类别}
				""");

		// when
		var problems = problems();

		// then every problem is file:line: key: sentence, and none names a Java type
		assertThat(problems).extracting(Object::toString)
			.anyMatch((p) -> p.startsWith(this.dir.resolve("wanzhou.yaml") + ":4: sources.roster: is empty, not a mapping of"
					+ " keys (are the keys below it indented under it?); allowed: the talent roster"))
			.anyMatch((p) -> p.startsWith(this.dir.resolve("wanzhou.yaml") + ":5: sources.file: unknown key here (allowed:"
					+ " roster, platform, enterprise, program); 'file' is a key of a source (roster, platform, enterprise or"
					+ " program): check its"
					+ " indentation"))
			.allMatch((p) -> p.matches(".*wanzhou\\.yaml:[0-9]+: [a-z_.]+: .*; .*"))
			.noneMatch((p) -> p.contains("cq.talentwarehouse") || p.contains("Cannot construct") || p.contains("java."));
	}

	@Test
	void reportsAWrongTypeAndAYamlSyntaxErrorAsSentences() throws IOException {
		// given a header row written as text and, in another file, a list never closed
		write("a.yaml", """
				district: "500110"
				landing: qijiang
				sources:
				  enterprise:
				    file: e.xlsx
				    format: xlsx
				    header_row: second
				    columns: {uscc: a, enterprise_name: b, qualification: c}
				""");
		write("b.yaml", "district: \"500116\"\nlanding: x\nsources:\n  roster:\n    file: [a\n");

		// when
		var problems = problems();

		// then
		assertThat(problems).extracting(Object::toString)
			.anyMatch((p) -> p.startsWith(this.dir.resolve("a.yaml") + ":7: sources.enterprise.header_row: 'second' is text,"
					+ " not a whole number; allowed: xlsx only: the row number"))
			.anyMatch((p) -> p.matches(".*b\\.yaml:[0-9]+: [a-z_]+: not well-formed YAML \\(.*\\); allowed: one 'key: value' per line.*"))
			.hasSize(2);
	}

	@Test
	void theBundledSchemaIsThePublishedOneAndKnowsEveryCanonicalField() throws IOException {
		// the file editors point at (pipelines/pipeline.schema.json) is the one the validator uses
		try (var in = PipelineSchema.class.getResourceAsStream(PipelineSchema.RESOURCE)) {
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
				.isEqualTo(Files.readString(Path.of("pipelines", PipelineSchema.FILE_NAME), StandardCharsets.UTF_8));
		}
		for (SourceKind kind : SourceKind.values()) {
			var columns = PipelineSchema.schemaAt("/sources/" + kind.key() + "/columns");
			var names = new java.util.ArrayList<String>();
			PipelineSchema.tree().at("/$defs/" + kind.key() + "/properties/columns/properties").fieldNames().forEachRemaining(names::add);
			assertThat(names).containsExactlyElementsOf(kind.fields().stream().map(SourceKind.Field::name).toList());
			var required = new java.util.ArrayList<String>();
			columns.get("required").forEach((n) -> required.add(n.asText()));
			assertThat(required).containsExactlyElementsOf(
					kind.fields().stream().filter(SourceKind.Field::required).map(SourceKind.Field::name).toList());
		}
	}

	@Test
	void readsAPipelineFileAgainWhenItsContentChanges() throws IOException {
		// given a pipeline file read once (a stage step's beans read it several times per job)
		Path file = this.dir.resolve("feed.yaml");
		write("feed.yaml", "district: \"500116\"\nname: 江津区\nlanding: jiangjin\nsources:\n  roster:\n    file: r.csv\n    columns:\n      id_number: 身份证号\n      name: 姓名\n      categories: 人才类别\n");
		PipelineDefinition first = PipelineCatalog.readChecked(file);

		// when the operator edits it between two runs of a long-lived schedule process
		write("feed.yaml", "district: 黔江区\nname: 黔江区\nlanding: qianjiang\nsources:\n  roster:\n    file: r.csv\n    columns:\n      id_number: 身份证号\n      name: 姓名\n      categories: 人才类别\n");
		PipelineDefinition second = PipelineCatalog.readChecked(file);

		// then the second read sees the edit (the district name resolved to its code), and the same
		// content read again is the same definition
		assertThat(first.district()).isEqualTo("500116");
		assertThat(second.district()).isEqualTo("500114");
		assertThat(second.landing()).isEqualTo("qianjiang");
		assertThat(PipelineCatalog.readChecked(file)).isEqualTo(second);
	}

	@Test
	void checksWhatTheLandingZoneAndTheSeedsDecideOnEveryLoadOfAnUnchangedFile() throws IOException {
		// given a pipeline file whose landing folder lies inside one landing root and outside another
		write("jiangjin.yaml", """
				district: "500116"
				landing: ../jiangjin
				sources:
				  roster:
				    file: r.csv
				    columns:
				      id_number: 身份证号
				      name: 姓名
				      categories: 人才类别
				""");
		Path inside = Files.createDirectories(this.dir.resolve("landing/nested"));

		// when the same text is loaded against the one root, then the other, then the first again
		PipelineCatalog first = PipelineCatalog.load(this.dir, inside.getParent(), ReferenceData.bundled());
		PipelineCatalog second = PipelineCatalog.load(this.dir, inside, ReferenceData.bundled());
		PipelineCatalog third = PipelineCatalog.load(this.dir, inside.getParent(), ReferenceData.bundled());

		// then each load answers for its own root: a file read before is not taken as checked
		assertThat(second.problems()).extracting(Object::toString).singleElement().asString()
			.contains("jiangjin.yaml:2: landing: '../jiangjin' leaves the landing root");
		assertThat(first.problems()).isEqualTo(third.problems());
		assertThat(first.pipelines()).hasSameSizeAs(third.pipelines());
	}

	@Test
	void readsAChangedFileAnew() throws IOException {
		// given a file loaded once with a mistake
		write("typo.yaml", "district: \"500116\"\nlanding: jiangjin\nsourcs: {}\n");
		assertThat(problems()).extracting(Object::toString).anyMatch((p) -> p.contains("typo.yaml:3: sourcs: unknown key here"));

		// when the operator fixes it, then the next load reads the fixed text
		write("typo.yaml", "district: \"500116\"\nlanding: jiangjin\nsources:\n  roster:\n    file: r.csv\n"
				+ "    columns:\n      id_number: 身份证号\n      name: 姓名\n      categories: 人才类别\n");
		assertThat(problems()).isEmpty();
	}

	@Test
	void refusesAPipelineFileThatChangedIntoAMistakeSinceTheRunCheckedIt() throws IOException {
		// given a file a step reads after the run checked it, edited meanwhile into an unknown key
		write("feed.yaml", "district: \"500116\"\nlanding: jiangjin\nsourcs: {}\n");

		// then the step stops on the file's own problem, with its line
		assertThatThrownBy(() -> PipelineCatalog.readChecked(this.dir.resolve("feed.yaml")))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("feed.yaml:")
			.hasMessageNotContaining("Exception");
	}

	private void write(String name, String yaml) throws IOException {
		Files.writeString(this.dir.resolve(name), yaml, StandardCharsets.UTF_8);
	}

	private String only() {
		PipelineCatalog catalog = load();
		assertThat(catalog.problems()).hasSize(1);
		return catalog.problems().get(0).toString();
	}

	/** The pipeline files written into the test folder, read with the bundled seeds (landing root: the same folder). */
	private PipelineCatalog load() {
		return PipelineCatalog.load(this.dir, this.dir, ReferenceData.bundled());
	}

	private List<FileProblem> problems() {
		return load().problems();
	}

}
