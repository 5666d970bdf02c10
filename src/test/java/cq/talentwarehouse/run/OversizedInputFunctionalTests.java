package cq.talentwarehouse.run;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.load.DuckDb;
import cq.talentwarehouse.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reliability defect 5: one oversized cell or one unreadable district must stay inside its
 * district — a long value quarantines its record, a damaged file (one field of millions of
 * characters) fails its source with file and line, and staged data the build cannot read back fails
 * that district alone (exit 3) instead of every district.
 */
class OversizedInputFunctionalTests {

	@TempDir
	Path dir;

	@Test
	void platformNameOfTenThousandCharactersIsQuarantinedAsValueTooLong() throws Exception {
		// given
		Path landing = Fixtures.functionalLanding(this.dir);
		append(landing.resolve("jiangjin/2023-12-31/创新平台名单.csv"), "江津" + "长".repeat(10_000) + ",研发机构,市级,,2019年1月\r\n");

		// when
		Fixtures.LoadResult result = load(landing);

		// then
		assertThat(result.exit()).as(result.output()).isEqualTo(LoadRun.PUBLISHED);
		assertThat(Fixtures.rows(this.dir.resolve("warehouse/talent.duckdb"), "select line, field, rule, length(raw_value) < 100"
				+ " from ops.quarantine where rule = 'value_too_long'"))
			.containsExactly(List.of("5", "platform_name", "value_too_long", "true"));
	}

	@Test
	void threeMillionCharacterCellFailsItsDistrictWithFileAndLineAndTheOtherDistrictPublishes() throws Exception {
		// given
		Path landing = Fixtures.functionalLanding(this.dir);
		Path platforms = landing.resolve("jiangjin/2023-12-31/创新平台名单.csv");
		append(platforms, "江津" + "A".repeat(3_000_000) + ",研发机构,市级,,2019年1月\r\n");

		// when
		Fixtures.LoadResult result = load(landing);

		// then
		assertThat(result.exit()).as(result.output()).isEqualTo(LoadRun.PARTIAL);
		assertThat(result.output()).contains(platforms + ": line 5, column 1 (平台名称): a field longer than 1048576 characters");
		assertThat(Fixtures.rows(this.dir.resolve("warehouse/talent.duckdb"), "select district_code from mart.district_talent_totals"))
			.containsExactly(List.of("500241"));
	}

	@Test
	void stagedRecordsTheBuildCannotReadFailOnlyTheirDistrict() throws Exception {
		// given: a published warehouse whose next build fails after both districts staged (a table changed
		// by hand), so the run's staged files stay for restart
		Path warehouse = Fixtures.fixtureLoad(this.dir);
		List<String> arguments = Fixtures.arguments(this.dir.resolve("pipelines"), this.dir.resolve("landing"), warehouse,
				this.dir.resolve("key"));
		alter(warehouse, "alter table ops.snapshot_files drop column sha256");
		Fixtures.LoadResult failed = Fixtures.runForced(arguments);
		assertThat(failed.exit()).as(failed.output()).isEqualTo(LoadRun.NOTHING_PUBLISHED);
		alter(warehouse, "alter table ops.snapshot_files add column sha256 varchar");
		// ... and 江津's staged roster is damaged before the restart builds from it
		Path stagedRoster;
		try (var files = Files.walk(warehouse.getParent().resolve("work/runs"))) {
			stagedRoster = files.filter((p) -> p.toString().contains("roster") && p.toString().contains("500116")
					&& p.getFileName().toString().equals("data.csv")).findFirst().orElseThrow();
		}
		append(stagedRoster, "1,not-a-uuid,x,y\n");

		// when
		Fixtures.LoadResult restarted = Fixtures.restart(arguments);

		// then
		assertThat(restarted.exit()).as(restarted.output()).isEqualTo(LoadRun.PARTIAL);
		assertThat(restarted.output()).contains("district 500116").contains("its staged records could not be read back");
		assertThat(Fixtures.rows(warehouse, "select district_code, status from ops.district_results"
				+ " where run_id = (select max(run_id) from ops.runs) order by all"))
			.containsExactly(List.of("500116", "failed"), List.of("500241", "loaded"));
		// 江津 keeps its last published snapshot
		assertThat(Fixtures.rows(warehouse, "select district_code, talent_total from mart.district_talent_totals order by all"))
			.containsExactly(List.of("500116", "11"), List.of("500241", "6"));
	}

	private Fixtures.LoadResult load(Path landing) throws Exception {
		return Fixtures.run(Fixtures.arguments(Fixtures.relaxedPipelines(this.dir.resolve("pipelines")), landing,
				this.dir.resolve("warehouse/talent.duckdb"), this.dir.resolve("key")));
	}

	private static void append(Path file, String text) throws Exception {
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
			out.write(text);
		}
	}

	private static void alter(Path warehouse, String sql) throws Exception {
		try (Connection c = DuckDb.openReadWrite(warehouse); Statement s = c.createStatement()) {
			s.execute(sql);
		}
	}

}
