package cq.talentwarehouse.load;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import cq.talentwarehouse.TalentWarehouseApplication;
import cq.talentwarehouse.run.LoadRun;

import static org.assertj.core.api.Assertions.assertThat;

/** The data tests that gate publishing catch what they are named for, and pass on a good load. */
class WarehouseTestsIntegrationTests {

	@TempDir
	Path dir;

	Path warehouse;

	@BeforeEach
	void loadTheFixture() throws Exception {
		Path landing = this.dir.resolve("landing");
		Path source = Path.of("src/test/resources/functional/landing");
		try (Stream<Path> files = Files.walk(source)) {
			for (Path p : files.toList()) {
				Path t = landing.resolve(source.relativize(p).toString());
				if (Files.isDirectory(p)) {
					Files.createDirectories(t);
				}
				else {
					Files.copy(p, t);
				}
			}
		}
		Path pipelines = Files.createDirectories(this.dir.resolve("pipelines"));
		try (Stream<Path> files = Files.list(Path.of("pipelines"))) {
			for (Path p : files.toList()) {
				Files.writeString(pipelines.resolve(p.getFileName().toString()), Files.readString(p, StandardCharsets.UTF_8)
					.replaceAll("(?m)^(\\s+)file: (.*)$", "$1file: $2\n$1reject_threshold: 0.5"), StandardCharsets.UTF_8);
			}
		}
		this.warehouse = this.dir.resolve("warehouse/talent.duckdb");
		SpringApplication app = new SpringApplication(TalentWarehouseApplication.class);
		app.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = app.run("--talent.warehouse=" + this.warehouse,
				"--talent.pipelines=" + pipelines, "--talent.landing=" + landing,
				"--talent.pseudonym-key-file=" + this.dir.resolve("key"),
				"--spring.datasource.url=jdbc:h2:file:" + this.dir.resolve("warehouse/job-repository"))) {
			assertThat(context.getBean(LoadRun.class).run(Set.of(), System.out)).isEqualTo(LoadRun.PUBLISHED);
		}
	}

	@Test
	void passOnAGoodLoad() throws Exception {
		assertThat(WarehouseTests.run(this.warehouse)).isEmpty();
	}

	@Test
	void nameTheTestAndShowOffendingRowsWhenAFactIsCountedTwice() throws Exception {
		execute("insert into dw.fct_talent_snapshot select * from dw.fct_talent_snapshot limit 1");

		List<WarehouseTests.Failure> failures = WarehouseTests.run(this.warehouse);

		assertThat(failures).extracting(WarehouseTests.Failure::test).contains("fct_talent_snapshot_unique_grain",
				"source_counts_match_facts");
		assertThat(failures.get(0).toString()).contains("offending row(s), e.g. (");
	}

	@Test
	void catchARawIdNumberAnywhereInDwAndAPersonIdThatIsNoPseudonym() throws Exception {
		execute("update dw.dim_enterprise set enterprise_name = '法人 500116198001150002' where enterprise_sk ="
				+ " (select min(enterprise_sk) from dw.dim_enterprise)");
		execute("update dw.dim_person set person_id = '500116198001150002' where person_sk ="
				+ " (select min(person_sk) from dw.dim_person)");

		assertThat(WarehouseTests.run(this.warehouse)).extracting(WarehouseTests.Failure::test)
			.contains("dw_has_no_raw_id_numbers", "dim_person_id_is_a_pseudonym");
	}

	@Test
	void catchReadCountsThatDoNotReconcile() throws Exception {
		execute("update ops.source_counts set read = read + 1 where source = 'roster' and district_code = '500116'");

		assertThat(WarehouseTests.run(this.warehouse)).extracting(WarehouseTests.Failure::test)
			.contains("source_counts_reconcile");
	}

	private void execute(String sql) throws Exception {
		try (Connection c = DuckDb.openReadWrite(this.warehouse); Statement s = c.createStatement()) {
			s.execute(sql);
		}
	}

}
