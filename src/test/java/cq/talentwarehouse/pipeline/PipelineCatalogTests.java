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
		PipelineCatalog catalog = PipelineCatalog.load(this.dir, this.dir, ReferenceData.bundled());

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
		var problems = PipelineCatalog.load(this.dir, this.dir, ReferenceData.bundled()).problems();

		// then
		assertThat(problems).extracting(Object::toString)
			.anyMatch((p) -> p.endsWith("mixed.yaml:7: enterprise: 'delimiter' does not apply to format xlsx (it is for csv)"))
			.anyMatch((p) -> p.endsWith("mixed.yaml:8: enterprise: header_row is a row number as Excel shows it, 1 or more"))
			.anyMatch((p) -> p.endsWith("mixed.yaml:12: platform: 'retries' applies only to a json source with a 'url'"))
			.anyMatch((p) -> p.endsWith("mixed.yaml:16: roster: url 'ftp://rencai.example.cn/talents' must start with"
					+ " http:// or https://"))
			.anyMatch((p) -> p.endsWith("mixed.yaml:17: roster: token_env 'Bearer abc123' must be the name of an"
					+ " environment variable (e.g. XS_API_TOKEN), not the token"))
			.anyMatch((p) -> p.endsWith("mixed.yaml:18: roster: read_timeout_seconds must be more than 0 and at most 3600 seconds"))
			.anyMatch((p) -> p.endsWith("mixed.yaml:19: roster: cursor pagination needs 'next', the path of the next"
					+ " cursor or next-page URL in a page"))
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
		var problems = PipelineCatalog.load(this.dir, this.dir, ReferenceData.bundled()).problems();

		// then
		assertThat(problems).extracting(Object::toString)
			.anyMatch((p) -> p.endsWith("odd.yaml:6: roster: unsupported format 'ods' (supported: csv, xlsx, json)"))
			.anyMatch((p) -> p.endsWith("odd.yaml:9: enterprise: file 'e_*.csv' is a pattern; only json pages may name"
					+ " several files"))
			.anyMatch((p) -> p.endsWith("odd.yaml:11: platform: missing 'file' (or 'url' for pages fetched over HTTP)"))
			.hasSize(3);
	}

	@Test
	void readsAPipelineFileAgainWhenItsContentChanges() throws IOException {
		// given a pipeline file read once (a stage step's beans read it several times per job)
		Path file = this.dir.resolve("feed.yaml");
		write("feed.yaml", "district: \"500116\"\nname: 江津区\nlanding: jiangjin\nsources: {}\n");
		PipelineDefinition first = PipelineCatalog.readChecked(file);

		// when the operator edits it between two runs of a long-lived schedule process
		write("feed.yaml", "district: 黔江区\nname: 黔江区\nlanding: qianjiang\nsources: {}\n");
		PipelineDefinition second = PipelineCatalog.readChecked(file);

		// then the second read sees the edit (the district name resolved to its code), and the same
		// content read again is the same definition
		assertThat(first.district()).isEqualTo("500116");
		assertThat(second.district()).isEqualTo("500114");
		assertThat(second.landing()).isEqualTo("qianjiang");
		assertThat(PipelineCatalog.readChecked(file)).isSameAs(second);
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
