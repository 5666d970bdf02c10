package cq.talentwarehouse.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.normalize.ReferenceData;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code validate} says about a {@code format: jdbc} source before connecting anywhere. */
class JdbcPipelineDefinitionTests {

	@TempDir
	Path dir;

	private static final String COLUMNS = """
			    columns: {id_number: 身份证号, name: 姓名, categories: 人才类别}
			""";

	@Test
	void acceptsAJdbcOnlyPipelineWithoutALandingFolder() throws IOException {
		write("""
				district: "500116"
				sources:
				  roster:
				    format: jdbc
				    datasource: {url: "jdbc:postgresql://10.1.2.3:5432/qzk", user: reader, password_env: JJ_DB_PASSWORD}
				    table: exchange.rencai
				    snapshot: {date_column: tjrq}
				    fetch_size: 2000
				    connect_timeout_seconds: 5
				""" + COLUMNS);
		PipelineCatalog catalog = load();
		assertThat(catalog.problems()).isEmpty();
		assertThat(catalog.pipelines().get(0).pullsFromDatabases()).isTrue();
		assertThat(catalog.pipelines().get(0).source(SourceKind.ROSTER).snapshotDateColumn()).isEqualTo("tjrq");
	}

	@Test
	void refusesAPasswordInTheUrlWithoutShowingIt() throws IOException {
		write("""
				district: "500116"
				sources:
				  roster:
				    format: jdbc
				    datasource: {url: "jdbc:mariadb://db:3306/qzk?user=r&password=Secret123", user: r}
				    table: rencai
				""" + COLUMNS);
		assertThat(problems()).anyMatch((p) -> p.contains("sources.roster.datasource.url: 'jdbc:mariadb://db:3306/qzk?user=r&password=***'"
				+ " holds a password")).noneMatch((p) -> p.contains("Secret123"));
	}

	@Test
	void refusesTableAndQueryTogetherAndTwoStatements() throws IOException {
		write("""
				district: "500116"
				sources:
				  roster:
				    format: jdbc
				    datasource: {url: "jdbc:dm://db:5236", user: r, password_file: /etc/talent/dm.password}
				    table: rencai
				    query: select * from rencai; drop table rencai
				""" + COLUMNS);
		assertThat(problems()).anyMatch((p) -> p.contains("sources.roster.query: names both table and query"))
			.anyMatch((p) -> p.contains("sources.roster.query: is not one SELECT statement"));
	}

	@Test
	void refusesMixingDatabaseAndLandingSourcesAndJdbcKeysOnAFile() throws IOException {
		write("""
				district: "500116"
				landing: jiangjin
				sources:
				  roster:
				    format: jdbc
				    datasource: {url: "jdbc:postgresql://db/qzk", user: r}
				    table: rencai
				""" + COLUMNS + """
				  enterprise:
				    file: e.csv
				    table: qiye
				    columns: {uscc: 统一社会信用代码, enterprise_name: 企业名称, qualification: 资质}
				""");
		assertThat(problems()).anyMatch((p) -> p.contains("sources: mixes format jdbc with sources read from the landing folder"))
			.anyMatch((p) -> p.contains("sources.enterprise.table: does not apply to format csv; allowed: only with format jdbc"));
	}

	@Test
	void aFileSourceStillNeedsALandingFolder() throws IOException {
		write("""
				district: "500116"
				sources:
				  roster:
				    file: r.csv
				""" + COLUMNS);
		assertThat(problems()).anyMatch((p) -> p.contains(": landing: missing; allowed:"));
	}

	private void write(String yaml) throws IOException {
		Files.writeString(this.dir.resolve("p.yaml"), yaml, StandardCharsets.UTF_8);
	}

	private PipelineCatalog load() {
		return PipelineCatalog.load(this.dir, this.dir.resolve("landing"), ReferenceData.bundled());
	}

	private List<String> problems() {
		return load().problems().stream().map(Object::toString).toList();
	}

}
