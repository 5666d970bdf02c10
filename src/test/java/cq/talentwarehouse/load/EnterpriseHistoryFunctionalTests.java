package cq.talentwarehouse.load;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.run.LoadRun;

import cq.talentwarehouse.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dim_enterprise keeps a type 2 history of an enterprise's name across 江津's snapshots, whatever
 * order they arrive in and when one is corrected; facts point at the version valid on their date.
 */
class EnterpriseHistoryFunctionalTests {

	private static final String FIXTURE = "src/test/resources/functional/landing/jiangjin/2023-12-31";

	private static final String ENTERPRISE_FILE = "企业资质名单.csv";

	@TempDir
	Path dir;

	@Test
	void keepsOneVersionPerNameAndRederivesThemWhenSnapshotsArriveLateOrCorrected() throws Exception {
		// given: 甲 renamed between the 2022 and 2023 snapshots
		snapshot("2022-12-31", "重庆江津甲机械有限公司");
		snapshot("2023-12-31", "重庆江津甲机械股份有限公司");

		// when
		load();

		// then
		assertThat(versionsOfJia()).containsExactly(
				List.of("重庆江津甲机械有限公司", "1900-01-01", "2023-12-30", "false"),
				List.of("重庆江津甲机械股份有限公司", "2023-12-31", "null", "true"));
		assertThat(namesOfJiaByFactSnapshot()).containsExactly(
				List.of("20221231", "重庆江津甲机械有限公司"), List.of("20231231", "重庆江津甲机械股份有限公司"));

		// when: an older snapshot arrives late, with the old name
		snapshot("2022-06-30", "重庆江津甲机械有限公司");
		load();

		// then: still two versions
		assertThat(versionsOfJia()).hasSize(2);
		assertThat(namesOfJiaByFactSnapshot()).containsExactly(List.of("20220630", "重庆江津甲机械有限公司"),
				List.of("20221231", "重庆江津甲机械有限公司"), List.of("20231231", "重庆江津甲机械股份有限公司"));

		// when: the 2023 snapshot is corrected — the rename was a typo
		snapshot("2023-12-31", "重庆江津甲机械有限公司");
		load();

		// then: one version, every fact points at it
		assertThat(versionsOfJia()).containsExactly(List.of("重庆江津甲机械有限公司", "1900-01-01", "null", "true"));
		assertThat(namesOfJiaByFactSnapshot()).extracting((row) -> row.get(1)).containsOnly("重庆江津甲机械有限公司");
	}

	@Test
	void pointsProgrammeAwardsOfLedgersNotLoadedAgainAtTheVersionValidOnTheirSnapshot() throws Exception {
		// given: 甲 renamed between the 2022 and 2023 snapshots; each snapshot's ledger names a holder employed by 甲
		snapshot("2022-12-31", "重庆江津甲机械有限公司");
		snapshot("2023-12-31", "重庆江津甲机械股份有限公司");
		snapshot("2024-12-31", "重庆江津甲机械股份有限公司");
		for (String date : List.of("2022-12-31", "2023-12-31", "2024-12-31")) {
			ledger(date);
		}
		load();

		// when: the 2023 snapshot is corrected (the rename happened in 2024): the renamed version gets a
		// new validity and key, and the 2024 ledger is not loaded again
		snapshot("2023-12-31", "重庆江津甲机械有限公司");
		load();

		// then: the 2024 award points at the renamed version valid in 2024, not at the removed one
		assertThat(namesOfJiaByProgrammeSnapshot()).containsExactly(List.of("20221231", "重庆江津甲机械有限公司"),
				List.of("20231231", "重庆江津甲机械有限公司"), List.of("20241231", "重庆江津甲机械股份有限公司"));
	}

	private void ledger(String date) throws Exception {
		Files.writeString(this.dir.resolve("landing/jiangjin").resolve(date).resolve("人才项目台账.csv"),
				"公民身份号码,姓名,项目名称,层次类别,学历,认定时间,截止时间,工作单位统一社会信用代码\n"
						+ "500116198001150002,张三0,渝才荟认定,,硕士研究生,2022/5/12,,91500116MA5U000008\n",
				StandardCharsets.UTF_8);
	}

	private List<List<String>> namesOfJiaByProgrammeSnapshot() throws Exception {
		return rows("select cast(f.snapshot_date_sk as varchar), e.enterprise_name from dw.fct_talent_programme f"
				+ " join dw.dim_enterprise e on e.enterprise_sk = f.employer_enterprise_sk order by 1");
	}

	private void snapshot(String date, String name) throws Exception {
		Path folder = Files.createDirectories(this.dir.resolve("landing/jiangjin").resolve(date));
		try (Stream<Path> files = Files.list(Path.of(FIXTURE))) {
			for (Path f : files.toList()) {
				Files.copy(f, folder.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
		}
		Path enterprises = folder.resolve(ENTERPRISE_FILE);
		String text = Files.readString(enterprises, StandardCharsets.UTF_8).replace("重庆江津甲机械有限公司", name);
		Files.writeString(enterprises, text, StandardCharsets.UTF_8);
	}

	private void load() throws Exception {
		Path pipelines = Files.createDirectories(this.dir.resolve("pipelines"));
		// 0.9: grant dates after an early snapshot's date are rightly rejected, and this test is about versions
		Files.writeString(pipelines.resolve("jiangjin.yaml"), Fixtures.relaxed(
				Files.readString(Path.of("pipelines/jiangjin.yaml"), StandardCharsets.UTF_8), "0.9"), StandardCharsets.UTF_8);
		Path warehouse = this.dir.resolve("warehouse/talent.duckdb");
		Fixtures.LoadResult result = Fixtures.run(Fixtures.arguments(pipelines, this.dir.resolve("landing"), warehouse,
				this.dir.resolve("key")));
		assertThat(result.exit()).as(result.output()).isEqualTo(LoadRun.PUBLISHED);
	}

	private List<List<String>> versionsOfJia() throws Exception {
		return rows("select enterprise_name, cast(valid_from as varchar), coalesce(cast(valid_to as varchar), 'null'),"
				+ " cast(is_current as varchar) from dw.dim_enterprise where uscc = (select uscc from dw.dim_enterprise"
				+ " where enterprise_name like '重庆江津甲机械%' limit 1) order by valid_from");
	}

	private List<List<String>> namesOfJiaByFactSnapshot() throws Exception {
		return rows("select distinct cast(f.snapshot_date_sk as varchar), e.enterprise_name"
				+ " from dw.fct_enterprise_qualification f join dw.dim_enterprise e using (enterprise_sk)"
				+ " where e.enterprise_name like '重庆江津甲机械%' order by 1");
	}

	private List<List<String>> rows(String sql) throws Exception {
		return Fixtures.rows(this.dir.resolve("warehouse/talent.duckdb"), sql);
	}

}
