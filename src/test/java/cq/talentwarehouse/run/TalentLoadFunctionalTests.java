package cq.talentwarehouse.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole load — stage jobs, warehouse build, data tests, publish — on the small fixture landing
 * zone of {@code src/test/resources/functional} (see its README for what it holds), with the
 * project's own pipeline files, into DuckDB files in a temp folder.
 */
class TalentLoadFunctionalTests {

	@TempDir
	Path dir;

	@Test
	void loadsFixtureDistrictsAndPublishesExactCounts() throws Exception {
		// given
		Path landing = copyFixtureLanding();
		Path warehouse = this.dir.resolve("warehouse/talent.duckdb");

		// when
		RunResult result = run(landing, warehouse);

		// then
		assertThat(result.exit).as(result.output).isEqualTo(LoadRun.PUBLISHED);
		assertThat(warehouse).exists();
		assertThat(rows(warehouse, "select district_code, talent_total, high_level_total from mart.district_talent_totals"))
			.containsExactly(List.of("500116", "11", "4"), List.of("500241", "6", "0"));
		assertThat(rows(warehouse, "select district_code, specialized_sme, little_giant, high_tech, tech_sme"
				+ " from mart.district_enterprise_counts"))
			.containsExactly(List.of("500116", "2", "1", "1", "1"), List.of("500241", "0", "0", "1", "2"));
		assertThat(rows(warehouse, "select count(distinct person_sk) from dw.fct_talent_snapshot"))
			.containsExactly(List.of("16"));
		// readable by DuckDB 1.x clients (BI drivers pin 1.4): written with the v1.2.0 storage format
		assertThat(rows(warehouse, "select cast(tags as varchar) from duckdb_databases() where database_name = current_database()")
			.get(0).get(0)).contains("storage_version=v1.2.0");
	}

	@Test
	void quarantinesEachBrokenRecordUnderItsRuleAndReconcilesEverySource() throws Exception {
		// given
		Path landing = copyFixtureLanding();
		Path warehouse = this.dir.resolve("warehouse/talent.duckdb");

		// when
		RunResult result = run(landing, warehouse);

		// then
		assertThat(result.exit).as(result.output).isEqualTo(LoadRun.PUBLISHED);
		assertThat(rows(warehouse, "select district_code, source, rule, field, line from ops.quarantine order by all"))
			.containsExactly(
					List.of("500116", "enterprise", "uscc_checksum", "uscc", "7"),
					List.of("500116", "enterprise", "vocabulary_unknown", "qualification", "8"),
					List.of("500116", "platform", "vocabulary_unknown", "platform_level", "4"),
					List.of("500116", "roster", "category_unknown", "categories", "16"),
					List.of("500116", "roster", "duplicate", "id_number", "15"),
					List.of("500116", "roster", "id_birth_date", "id_number", "14"),
					List.of("500116", "roster", "id_checksum", "id_number", "13"),
					List.of("500241", "enterprise", "date_invalid", "granted_date", "5"));
		assertThat(rows(warehouse, "select source, read, loaded, quarantined from ops.source_counts"
				+ " where district_code = '500116' order by source"))
			.containsExactly(List.of("enterprise", "7", "5", "2"), List.of("platform", "3", "2", "1"),
					List.of("roster", "15", "11", "4"));
		assertThat(rows(warehouse, "select count(*) from ops.source_counts where read <> loaded + quarantined"))
			.containsExactly(List.of("0"));
		assertThat(rows(warehouse, "select raw_value from ops.quarantine where rule = 'id_checksum'").get(0).get(0))
			.matches("500116\\*{8}[0-9X]{4}");
		// a published run's staged files are gone: nothing to restart, and no stray personal data
		assertThat(warehouse.getParent().resolve("work/runs")).isEmptyDirectory();
	}

	@Test
	void skipsUnchangedSnapshotsAndReplacesACorrectedOne() throws Exception {
		// given
		Path landing = copyFixtureLanding();
		Path warehouse = this.dir.resolve("warehouse/talent.duckdb");
		assertThat(run(landing, warehouse).exit).isEqualTo(LoadRun.PUBLISHED);

		// when: nothing changed
		RunResult second = run(landing, warehouse);

		// then: nothing is read, and the run says what it skipped
		assertThat(second.exit).as(second.output).isEqualTo(LoadRun.PUBLISHED);
		assertThat(second.output).contains("skipped 500116 江津区 @ 2023-12-31: its 3 file(s) are unchanged since run-")
			.contains("skipped 500241 秀山土家族苗族自治县 @ 2021-08-31").contains("Nothing new to load");
		assertThat(rows(warehouse, "select count(*) from ops.runs")).containsExactly(List.of("1"));

		// when: 江津 sends a corrected roster — one person removed
		Path roster = landing.resolve("jiangjin/2023-12-31/人才资源花名册.csv");
		List<String> lines = new java.util.ArrayList<>(Files.readAllLines(roster, StandardCharsets.UTF_8));
		lines.remove(2);
		Files.write(roster, lines, StandardCharsets.UTF_8);
		RunResult third = run(landing, warehouse);

		// then: 江津's snapshot is replaced, 秀山's kept
		assertThat(third.exit).as(third.output).isEqualTo(LoadRun.PUBLISHED);
		assertThat(third.output).contains("staging 500116").contains("skipped 500241");
		assertThat(rows(warehouse, "select district_code, talent_total from mart.district_talent_totals"))
			.containsExactly(List.of("500116", "10"), List.of("500241", "6"));
		assertThat(rows(warehouse, "select count(*) from dw.fct_talent_snapshot")).containsExactly(List.of("16"));
		assertThat(rows(warehouse, "select district_code, status from ops.district_results where run_id ="
				+ " (select max(run_id) from ops.runs) order by 1"))
			.containsExactly(List.of("500116", "loaded"), List.of("500241", "skipped"));

		// when: the next delivery of 江津 is unreadable while 秀山 is unchanged
		Files.write(roster, "公民身份号码,姓名\n".getBytes(java.nio.charset.Charset.forName("GB18030")));
		RunResult fourth = run(landing, warehouse);

		// then: a district failure (exit 3), not a failed night; the warehouse keeps 江津's last snapshot
		assertThat(fourth.exit).as(fourth.output).isEqualTo(LoadRun.PARTIAL);
		assertThat(fourth.output).contains("Nothing new published: every changed district failed; 1 unchanged snapshot(s)");
		assertThat(rows(warehouse, "select district_code, talent_total from mart.district_talent_totals"))
			.containsExactly(List.of("500116", "10"), List.of("500241", "6"));
	}

	@Test
	void rewriteWithTheSameSizeAndTimeIsSeenOnlyWhenEveryFileIsRehashed() throws Exception {
		// given a published load, then 江津's roster rewritten with one name changed, same size, same time
		Path landing = copyFixtureLanding();
		Path warehouse = this.dir.resolve("warehouse/talent.duckdb");
		assertThat(run(landing, warehouse).exit).isEqualTo(LoadRun.PUBLISHED);
		Path roster = landing.resolve("jiangjin/2023-12-31/人才资源花名册.csv");
		var modified = Files.getLastModifiedTime(roster);
		long size = Files.size(roster);
		Files.writeString(roster, Files.readString(roster, StandardCharsets.UTF_8).replace(",张三0,", ",李四0,"),
				StandardCharsets.UTF_8);
		Files.setLastModifiedTime(roster, modified);
		assertThat(Files.size(roster)).isEqualTo(size);

		// when the next night runs as usual: the accepted blind spot, size and time say unchanged
		RunResult usual = run(landing, warehouse);
		assertThat(usual.output).contains("skipped 500116");

		// when a night hashes every file (TALENT_REHASHFILES=true)
		List<String> arguments = new ArrayList<>(Fixtures.arguments(Fixtures.relaxedPipelines(this.dir.resolve("pipelines")),
				landing, warehouse, this.dir.resolve("key")));
		arguments.add("--talent.rehash-files=true");
		Fixtures.LoadResult rehashed = Fixtures.run(arguments);

		// then the rewritten roster is loaded again and the unchanged district still skipped
		assertThat(rehashed.exit()).as(rehashed.output()).isEqualTo(LoadRun.PUBLISHED);
		assertThat(rehashed.output()).contains("staging 500116").contains("skipped 500241");
	}

	@Test
	void findsSnapshotDatesInFileNamesWhenThePipelineSaysSo() throws Exception {
		// given: 江津 delivering dated files side by side instead of dated folders
		Path flat = Files.createDirectories(this.dir.resolve("landing/jiangjin"));
		Path fixture = Path.of("src/test/resources/functional/landing/jiangjin/2023-12-31");
		for (String name : List.of("人才资源花名册", "企业资质名单", "创新平台名单")) {
			Files.copy(fixture.resolve(name + ".csv"), flat.resolve(name + "_20231231.csv"));
		}
		Path pipelines = Files.createDirectories(this.dir.resolve("flat-pipelines"));
		String yaml = Files.readString(Path.of("pipelines/jiangjin.yaml"), StandardCharsets.UTF_8)
			.replace("landing: jiangjin", "landing: jiangjin\nsnapshot_from: file_name")
			.replaceAll("(?m)^(\\s+)file: (.*)\\.csv$", "$1file: $2_{yyyyMMdd}.csv\n$1reject_threshold: 0.5");
		Files.writeString(pipelines.resolve("jiangjin.yaml"), yaml, StandardCharsets.UTF_8);
		Path warehouse = this.dir.resolve("warehouse/talent.duckdb");
		RunResult first = run(pipelines, this.dir.resolve("landing"), warehouse);
		assertThat(first.exit).as(first.output).isEqualTo(LoadRun.PUBLISHED);

		// when: a year later, the next files arrive beside the old ones
		for (String name : List.of("人才资源花名册", "企业资质名单", "创新平台名单")) {
			Files.copy(fixture.resolve(name + ".csv"), flat.resolve(name + "_20241231.csv"));
		}
		RunResult second = run(pipelines, this.dir.resolve("landing"), warehouse);

		// then: only the new snapshot is read, and the marts show it as the latest
		assertThat(second.exit).as(second.output).isEqualTo(LoadRun.PUBLISHED);
		assertThat(second.output).contains("skipped 500116 江津区 @ 2023-12-31").contains("staging 500116 江津区 @ 2024-12-31");
		assertThat(rows(warehouse, "select district_code, cast(snapshot_date as varchar), talent_total from mart.district_talent_totals"))
			.containsExactly(List.of("500116", "2024-12-31", "11"));
		assertThat(rows(warehouse, "select distinct regexp_extract(file, '[^/]+$') from ops.source_counts order by 1"))
			.contains(List.of("人才资源花名册_20231231.csv"), List.of("人才资源花名册_20241231.csv"));
	}

	@Test
	void failsOnlyTheDistrictWhoseFileCannotBeReadAndPublishesTheRest() throws Exception {
		// given: a page of 秀山's roster is not valid UTF-8
		Path landing = copyFixtureLanding();
		Path roster = landing.resolve("xiushan/2021-08-31/xs_rencai_page_001.json");
		Files.write(roster, "证件号码;姓名\n".getBytes(java.nio.charset.Charset.forName("GB18030")));
		Path warehouse = this.dir.resolve("warehouse/talent.duckdb");

		// when
		RunResult result = run(landing, warehouse);

		// then
		assertThat(result.exit).as(result.output).isEqualTo(LoadRun.PARTIAL);
		assertThat(result.output).contains("FAILED  500241").contains("xs_rencai_page_001.json").contains("not valid UTF-8");
		assertThat(result.output).doesNotContain("Exception");
		assertThat(rows(warehouse, "select district_code from mart.district_talent_totals"))
			.containsExactly(List.of("500116"));
		assertThat(rows(warehouse, "select district_code, status from ops.district_results order by 1"))
			.containsExactly(List.of("500116", "loaded"), List.of("500241", "failed"));
		assertThat(rows(warehouse, "select district_code, is_stale, last_attempt_status from mart.district_load_status"))
			.containsExactly(List.of("500116", "false", "loaded"), List.of("500241", "true", "failed"));
	}

	@Test
	void countsUnchangedSnapshotsInOneLineWhenTheLandingZoneKeepsMany() throws Exception {
		// given a landing zone that keeps 江津's roster for 21 months beside 秀山's, all loaded
		Path landing = copyFixtureLanding();
		for (int month = 1; month <= 20; month++) {
			Fixtures.copy(landing.resolve("jiangjin/2023-12-31"),
					landing.resolve("jiangjin/" + java.time.LocalDate.of(2023, 12, 31).plusMonths(month)));
		}
		Path warehouse = this.dir.resolve("warehouse/talent.duckdb");
		RunResult first = run(landing, warehouse);
		assertThat(first.exit).as(first.output).isEqualTo(LoadRun.PUBLISHED);

		// when nothing changed
		RunResult second = run(landing, warehouse);

		// then one line counts the unchanged snapshots instead of a line for each
		assertThat(second.exit).as(second.output).isEqualTo(LoadRun.PUBLISHED);
		// 江津's 21 months and 秀山's one
		assertThat(second.output).contains("skipped 22 unchanged snapshot(s) of 2 district(s)")
			.doesNotContain("skipped 500116 江津区 @").contains("Nothing new to load");
	}

	private Path copyFixtureLanding() throws IOException {
		return Fixtures.functionalLanding(this.dir);
	}

	record RunResult(int exit, String output) {
	}

	private RunResult run(Path landing, Path warehouse) throws Exception {
		return run(Fixtures.relaxedPipelines(this.dir.resolve("pipelines")), landing, warehouse);
	}

	private RunResult run(Path pipelines, Path landing, Path warehouse) throws Exception {
		Fixtures.LoadResult result = Fixtures.run(Fixtures.arguments(pipelines, landing, warehouse, this.dir.resolve("key")));
		return new RunResult(result.exit(), result.output());
	}

	static List<List<String>> rows(Path warehouse, String sql) throws Exception {
		return Fixtures.rows(warehouse, sql);
	}

}
