package cq.talentwarehouse.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.reference.Seeds;
import cq.talentwarehouse.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run reads the seeds operators edit (TALENT_SEEDS) and says which it used; its summary tells
 * snapshots of one district apart; a failed district is said to keep a snapshot only when it has one.
 */
class RunSeedsAndSummaryFunctionalTests {

	@TempDir
	Path dir;

	@Test
	void loadsTheSeedsOfTheConfiguredFolderAndRecordsTheirHash() throws Exception {
		// given a seeds folder where an operator corrected 江津's population, without rebuilding
		Path seeds = seedsWithDistrict("500116", (cells) -> {
			cells[7] = "140";
			cells[8] = "2024";
			cells[9] = "operator's correction for this test";
		});
		Path warehouse = this.dir.resolve("warehouse/talent.duckdb");

		// when
		Fixtures.LoadResult result = Fixtures.run(with(seeds, warehouse));

		// then the warehouse holds the edited figure, and the run report names those seeds
		assertThat(result.exit()).as(result.output()).isEqualTo(LoadRun.PUBLISHED);
		assertThat(Fixtures.rows(warehouse, "select resident_population, population_year from mart.district_talent_totals"
				+ " where district_code = '500116'")).containsExactly(List.of("1400000", "2024"));
		RunReport report = RunReport.list(warehouse.getParent().resolve("runs")).get(0);
		assertThat(report.versions().get("seeds_sha256")).isEqualTo(Seeds.at(seeds).sha256())
			.isNotEqualTo(Seeds.bundled().sha256());
	}

	@Test
	void refusesToLoadWithBrokenSeedsAndSaysWhereOnStderr() throws Exception {
		// given a population without its source
		Path seeds = seedsWithDistrict("500103", (cells) -> {
			cells[7] = "58.6";
			cells[8] = "2023";
		});
		Path warehouse = this.dir.resolve("warehouse/talent.duckdb");

		// when
		Fixtures.LoadResult result = Fixtures.run(with(seeds, warehouse));

		// then
		assertThat(result.exit()).isEqualTo(LoadRun.NOTHING_PUBLISHED);
		assertThat(result.output()).contains(seeds.resolve("districts.csv") + ":4: population_10k needs its"
				+ " population_source").contains("Nothing loaded: fix the seeds above");
		assertThat(warehouse).doesNotExist();
	}

	@Test
	void summaryShowsEachSnapshotDateAndAFailedFirstDeliveryKeepsNothing() throws Exception {
		// given 江津 with two snapshots, 秀山 whose first delivery cannot be read
		Path landing = Fixtures.functionalLanding(this.dir);
		Fixtures.copy(landing.resolve("jiangjin/2023-12-31"), landing.resolve("jiangjin/2024-12-31"));
		Path page = landing.resolve("xiushan/2021-08-31/xs_rencai_page_001.json");
		byte[] good = Files.readAllBytes(page);
		Files.write(page, "证件号码;姓名\n".getBytes(java.nio.charset.Charset.forName("GB18030")));
		Path warehouse = this.dir.resolve("warehouse/talent.duckdb");
		List<String> arguments = Fixtures.arguments(Fixtures.relaxedPipelines(this.dir.resolve("pipelines")), landing,
				warehouse, this.dir.resolve("key"));

		// when
		Fixtures.LoadResult first = Fixtures.run(arguments);

		// then one row per snapshot and source, each warning once, and no snapshot claimed for 秀山
		assertThat(first.exit()).as(first.output()).isEqualTo(LoadRun.PARTIAL);
		assertThat(first.output()).containsPattern("500116 +\\| 江津 \\| 2023-12-31 \\| roster ")
			.containsPattern("500116 +\\| 江津 \\| 2024-12-31 \\| roster ")
			.contains("district 500241 秀山土家族苗族自治县 @ 2021-08-31 failed and has no published snapshot yet")
			.doesNotContain("keeps its last published snapshot");
		List<String> warnings = first.output().lines().filter((l) -> l.startsWith("warning: ")).toList();
		assertThat(warnings).doesNotHaveDuplicates();
		assertThat(new ArrayList<>(warnings)).allMatch((w) -> w.matches("warning: 500116 @ 20[0-9-]+ .*"));

		// and when 秀山 published once and then fails again, it keeps that snapshot
		Files.write(page, good);
		assertThat(Fixtures.run(arguments).exit()).isEqualTo(LoadRun.PUBLISHED);
		Fixtures.copy(landing.resolve("xiushan/2021-08-31"), landing.resolve("xiushan/2022-08-31"));
		Files.write(landing.resolve("xiushan/2022-08-31/xs_rencai_page_001.json"),
				"证件号码;姓名\n".getBytes(java.nio.charset.Charset.forName("GB18030")));
		Fixtures.LoadResult third = Fixtures.run(arguments);
		assertThat(third.exit()).as(third.output()).isEqualTo(LoadRun.PARTIAL);
		assertThat(third.output()).contains("district 500241 秀山土家族苗族自治县 @ 2022-08-31 failed and keeps its last"
				+ " published snapshot (2021-08-31)");
	}

	private List<String> with(Path seeds, Path warehouse) throws Exception {
		List<String> arguments = new ArrayList<>(Fixtures.arguments(Fixtures.relaxedPipelines(this.dir.resolve("pipelines")),
				Fixtures.functionalLanding(this.dir), warehouse, this.dir.resolve("key")));
		arguments.add("--talent.seeds=" + seeds);
		return arguments;
	}

	/** A copy of the seeds in which the cells of one district's row of districts.csv are edited. */
	private Path seedsWithDistrict(String code, java.util.function.Consumer<String[]> edit) throws Exception {
		Path seeds = Fixtures.copy(Path.of("seeds"), this.dir.resolve("seeds"));
		Path districts = seeds.resolve("districts.csv");
		String text = Files.readString(districts, StandardCharsets.UTF_8);
		String line = text.lines().filter((l) -> l.startsWith(code + ",")).findFirst().orElseThrow();
		String[] cells = line.split(",", -1);
		edit.accept(cells);
		Files.writeString(districts, text.replace(line, String.join(",", cells)), StandardCharsets.UTF_8);
		return seeds;
	}

}
