package cq.talentwarehouse.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static cq.talentwarehouse.export.TestWarehouses.execute;
import static cq.talentwarehouse.export.TestWarehouses.platform;
import static cq.talentwarehouse.export.TestWarehouses.qualification;
import static cq.talentwarehouse.export.TestWarehouses.roster;
import static cq.talentwarehouse.export.TestWarehouses.rows;
import static org.assertj.core.api.Assertions.assertThat;

/** The mart views on warehouses holding exactly the facts each test inserts. */
class AnalystMartsTests {

	private static final String JIANGJIN = "500116";

	private static final String QIJIANG = "500110";

	private static final String QIANJIANG = "500114";

	private static final String XIUSHAN = "500241";

	/** 彭水: no cited population in the seeds, so no per-10,000 figure. */
	private static final String PENGSHUI = "500243";

	@TempDir
	static Path shared;

	private static Path template;

	@TempDir
	Path dir;

	private Path warehouse;

	@BeforeAll
	static void migrateOnce() throws Exception {
		template = TestWarehouses.migrated(shared.resolve("template.duckdb"));
	}

	@BeforeEach
	void copyTemplate() throws Exception {
		this.warehouse = Files.copy(template, this.dir.resolve("talent.duckdb"));
	}

	@Test
	void talentHistoryGivesYearOnYearGrowthOnlyAgainstASnapshotAboutAYearEarlier() throws Exception {
		// given: 江津 at 2022-12-31, a year later, half a year after that, and 355 days after 2023-12-31
		execute(this.warehouse, sql(roster(JIANGJIN, "2022-12-31", 1, 100, "professional_technical"),
				roster(JIANGJIN, "2023-12-31", 1, 110, "professional_technical"),
				roster(JIANGJIN, "2024-06-30", 1, 120, "professional_technical"),
				roster(JIANGJIN, "2024-12-20", 1, 99, "professional_technical")));

		// when
		List<List<String>> history = rows(this.warehouse, "select snapshot_date, is_latest, talent_total, prior_snapshot_date,"
				+ " prior_talent_total, talent_total_yoy_growth_pct from mart.district_talent_history order by snapshot_date");

		// then
		assertThat(history).containsExactly(
				Arrays.asList("2022-12-31", "false", "100", null, null, null),
				List.of("2023-12-31", "false", "110", "2022-12-31", "100", "10.0"),
				Arrays.asList("2024-06-30", "false", "120", null, null, null),
				List.of("2024-12-20", "true", "99", "2023-12-31", "110", "-10.0"));
	}

	@Test
	void municipalTotalsCountAPersonOnTwoRostersOnceAndShowHowFarApartTheSnapshotsAre() throws Exception {
		// given: people 91-100 are on both 江津's and 秀山's rosters; 綦江's roster is older
		execute(this.warehouse, sql(roster(JIANGJIN, "2023-12-31", 1, 100, "professional_technical"),
				roster(XIUSHAN, "2023-12-31", 91, 150, "professional_technical"),
				roster(QIJIANG, "2022-06-30", 201, 250, "professional_technical")));

		// when
		List<List<String>> totals = rows(this.warehouse, "select as_of_date, is_latest, districts_included,"
				+ " districts_snapshot_on_as_of_date, oldest_snapshot_date, snapshot_spread_days, sum_of_district_totals,"
				+ " distinct_talents, counted_in_several_districts, talents_on_several_rosters"
				+ " from mart.municipal_talent_totals order by as_of_date");

		// then: a row per year end and the latest date, districts carried forward to it
		assertThat(totals).containsExactly(
				List.of("2022-12-31", "false", "1", "0", "2022-06-30", "184", "50", "50", "0", "0"),
				List.of("2023-12-31", "true", "3", "2", "2022-06-30", "549", "210", "200", "10", "10"));
	}

	@Test
	void municipalTotalsDoNotCarryAnAbolishedDistrictPastItsEnd() throws Exception {
		// given: 江北区 (abolished 2025-11-06) before, 两江新区 after, the same people
		execute(this.warehouse, sql(roster("500105", "2024-12-31", 1, 30, "professional_technical"),
				roster("500105", "2025-06-30", 1, 40, "professional_technical"),
				roster("500157", "2025-12-31", 1, 45, "professional_technical")));

		// when
		List<List<String>> totals = rows(this.warehouse, "select as_of_date, districts_included, sum_of_district_totals,"
				+ " distinct_talents from mart.municipal_talent_totals order by as_of_date");

		// then
		assertThat(totals).containsExactly(List.of("2024-12-31", "1", "30", "30"), List.of("2025-12-31", "1", "45", "45"));
	}

	@Test
	void talentByCategoryListsEveryCategoryWithZerosAndTheShareOfTheDistrictTotal() throws Exception {
		// given: ten people, four of them also 科技人才
		execute(this.warehouse, sql(roster(JIANGJIN, "2023-12-31", 1, 10, "professional_technical"),
				roster(JIANGJIN, "2022-12-31", 1, 3, "education")));
		execute(this.warehouse, "update dw.fct_talent_snapshot set category_sks = list_sort(list_append(category_sks,"
				+ " (select category_sk from dw.dim_talent_category where category_code = 'science_tech')))"
				+ " where snapshot_date_sk = 20231231 and person_sk <= 4",
				// and the aggregate a load keeps beside the facts, which the mart reads
				"insert into dw.agg_talent_category select district_sk, snapshot_date_sk, category_sk, count(*)"
						+ " from dw.fct_talent_category where snapshot_date_sk = 20231231 and category_sk ="
						+ " (select category_sk from dw.dim_talent_category where category_code = 'science_tech') group by all");

		// when
		List<List<String>> categories = rows(this.warehouse, "select snapshot_date, category_code, category_group, talents,"
				+ " talent_total, share_of_district_total_pct from mart.district_talent_by_category"
				+ " where category_code in ('professional_technical', 'science_tech', 'education') order by category_code");
		List<List<String>> count = rows(this.warehouse, "select count(*) from mart.district_talent_by_category");

		// then: the latest snapshot only, and a category nobody holds there is 0
		assertThat(categories).containsExactly(List.of("2023-12-31", "education", "重点领域", "0", "10", "0.0"),
				List.of("2023-12-31", "professional_technical", "人才资源总量", "10", "10", "100.0"),
				List.of("2023-12-31", "science_tech", "重点领域", "4", "10", "40.0"));
		assertThat(count).containsExactly(List.of("10"));
	}

	@Test
	void talentTotalsRankDistrictsWithinTheirRegionByTotalAndPerTenThousandResidents() throws Exception {
		// given: 江津 and 綦江 in 主城都市区; 彭水 (population unknown) and 秀山 in 渝东南
		execute(this.warehouse, sql(roster(JIANGJIN, "2023-12-31", 1, 100, "professional_technical"),
				roster(QIJIANG, "2021-08-31", 101, 250, "professional_technical"),
				roster(PENGSHUI, "2025-10-22", 301, 360, "professional_technical"),
				roster(XIUSHAN, "2021-08-31", 401, 430, "professional_technical")));

		// when
		List<List<String>> ranks = rows(this.warehouse, "select district_code, rank_in_region, rank_in_region_per_10k,"
				+ " districts_ranked_in_region from mart.district_talent_totals order by district_code");

		// then
		assertThat(ranks).containsExactly(List.of(QIJIANG, "1", "1", "2"), List.of(JIANGJIN, "2", "2", "2"),
				List.of(XIUSHAN, "2", "1", "2"), Arrays.asList(PENGSHUI, "1", null, "2"));
	}

	@Test
	void enterpriseTiersCountEachEnterpriseOnceUnderItsHighestQualification() throws Exception {
		// given: 1 is a little giant and a specialized SME, 2 a specialized SME, 3 innovative and high-tech,
		// 4 high-tech and a tech SME
		execute(this.warehouse, qualification(JIANGJIN, "2023-12-31", 1, "little_giant", "2022-07-01"),
				qualification(JIANGJIN, "2023-12-31", 1, "specialized_sme", "2021-03-01"),
				qualification(JIANGJIN, "2023-12-31", 2, "specialized_sme", "2019-03-01"),
				qualification(JIANGJIN, "2023-12-31", 3, "innovative_sme", "2023-01-01"),
				qualification(JIANGJIN, "2023-12-31", 3, "high_tech", "2020-01-01"),
				qualification(JIANGJIN, "2023-12-31", 4, "high_tech", "2020-06-01"),
				qualification(JIANGJIN, "2023-12-31", 4, "tech_sme", "2018-01-01"));

		// when
		List<List<String>> tiers = rows(this.warehouse, "select qualification_code, enterprises, family_total"
				+ " from mart.district_enterprise_by_tier order by qualification_family, tier_rank");
		List<List<String>> counts = rows(this.warehouse, "select specialized_sme, little_giant, high_tech"
				+ " from mart.district_enterprise_counts");
		List<List<String>> years = rows(this.warehouse, "select grant_year, enterprises, cumulative_enterprises"
				+ " from mart.district_enterprise_by_grant_year where qualification_code = 'specialized_sme' order by grant_year");

		// then
		assertThat(tiers).containsExactly(List.of("little_giant", "1", "3"), List.of("municipal_little_giant", "0", "3"),
				List.of("specialized_sme", "1", "3"), List.of("innovative_sme", "1", "3"), List.of("high_tech", "2", "2"),
				List.of("tech_sme", "0", "2"));
		assertThat(counts).containsExactly(List.of("2", "1", "2"));
		assertThat(years).containsExactly(List.of("2019", "1", "1"), List.of("2021", "1", "2"));
	}

	@Test
	void platformCountsFillEveryTypeAndLevelOfADistrictThatSentPlatforms() throws Exception {
		// given
		execute(this.warehouse, platform(JIANGJIN, "2023-12-31", "某某全国重点实验室", "key_laboratory", "national"),
				platform(JIANGJIN, "2023-12-31", "某某院士专家工作站", "academician_workstation", "municipal"));

		// when
		List<List<String>> counts = rows(this.warehouse, "select count(*), sum(platforms),"
				+ " sum(platforms) filter (where platform_type = 'key_laboratory' and level = 'national'),"
				+ " count(distinct district_code) from mart.district_platform_counts");

		// then: 7 types × 3 levels for 江津 only; 秀山, which sent no platforms, has no rows rather than zeros
		assertThat(counts).containsExactly(List.of("21", "2", "1", "1"));
	}

	private static String[] sql(String[]... groups) {
		List<String> all = new ArrayList<>();
		for (String[] group : groups) {
			all.addAll(List.of(group));
		}
		return all.toArray(String[]::new);
	}

}
