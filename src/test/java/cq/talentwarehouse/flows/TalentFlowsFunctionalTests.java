package cq.talentwarehouse.flows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.testing.Fixtures;
import cq.talentwarehouse.validate.ResidentIdNumber;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * mart.district_talent_flows and mart.municipal_talent_flows on a history small enough to count by
 * hand: the fixture city (江津 2023-12-31: 张三0-9 and 李四; 秀山 2021-08-31: 秀0-4 and 李四, who is on
 * both rosters) and a 2024-12-31 roster of each district.
 *
 * <pre>
 * 江津 2024: 张三0-7, 秀0, 秀1, 新甲        秀山 2024: 秀1, 秀2, 秀3, 李四, 张三8, 新乙, 新丙
 * 江津: stayed 8; arrived 秀0, 秀1 from 秀山 (秀1 still on 秀山's roster), 新甲 new;
 *       left 张三8 for 秀山, 李四 for 秀山 (listed there before too), 张三9 left the rosters.
 * 秀山: stayed 秀1, 秀2, 秀3, 李四; arrived 张三8 from 江津, 新乙 and 新丙 new;
 *       left 秀0 for 江津, 秀4 left the rosters.
 * </pre>
 */
class TalentFlowsFunctionalTests {

	// one history for every test: two loads take half a minute on a busy machine
	@TempDir
	static Path dir;

	static Path warehouse;

	@BeforeAll
	static void loadHistory() throws Exception {
		warehouse = Fixtures.fixtureLoad(dir);
		jiangjin2024("500116198001150002,张三0,专业技术人才,硕士研究生,高级工程师,,,",
				"500116198002150012,张三1,高技能人才,大学本科,,技师,,",
				"500116198003150022,张三2,企业经营管理人才,硕士研究生,,,,",
				"500116198004150032,张三3,专业技术人才,大学本科,,,,",
				"500116198005150042,张三4,党政人才,硕士研究生,,,,",
				"500116198006150052,张三5,农村实用人才,大学本科,,,,",
				"500116198007150062,张三6,社会工作专业人才,硕士研究生,,,,",
				"500116198008150072,张三7,专业技术人才,大学本科,,,,",
				"500241199001010006,秀0,专业技术人才,大专,,,,",
				"500241199002010016,秀1,专业技术人才,大专,,,,",
				id("50011619950101001") + ",新甲,专业技术人才,大学本科,,,,");
		xiushan2024(person("500241199002010016", "秀1"), person("500241199003010026", "秀2"),
				person("500241199004010036", "秀3"), person("510222197501011236", "李四"),
				person("500116198009150082", "张三8"), person(id("50024119960101002"), "新乙"),
				person(id("50024119970101003"), "新丙"));
		// the project's seeds with plan targets that fit this history
		Path seeds = Fixtures.copy(Path.of("seeds"), dir.resolve("seeds"));
		Files.writeString(seeds.resolve("plan_targets.csv"), String.join("\n",
				"target_id,district_code,indicator,baseline_date,target_date,target_kind,qualifier,target_value,unit,computable,reason,article_file,sentence",
				"jj-total,500116,talent_total,2023-12-31,2025-12-31,increase,exact,2,人,true,,t.txt,江津新增人才2人。",
				"jj-pt,500116,category.professional_technical,2023-12-31,2025-12-31,increase,at_least,1,人,true,,t.txt,江津专业技术人才增加1人以上。",
				"xs-total,500241,talent_total,2021-12-31,2024-12-31,increase,exact,1,人,true,,t.txt,秀山新增人才1人。",
				"xs-platforms,500241,platform.municipal_and_above,2021-12-31,2024-12-31,increase,exact,3,个,true,,t.txt,秀山新增市级以上平台3个。",
				"xs-farmers,500241,high_quality_farmers,2021-12-31,2024-12-31,increase,exact,10,人,false,no feed marks 高素质农民,t.txt,秀山新增高素质农民10人。")
				+ "\n", StandardCharsets.UTF_8);
		List<String> arguments = new ArrayList<>(Fixtures.arguments(dir.resolve("pipelines"), dir.resolve("landing"),
				warehouse, dir.resolve("key")));
		arguments.add("--talent.seeds=" + seeds);
		Fixtures.runPublished(arguments);
	}

	@Test
	void countsStayedArrivedAndLeftPerDistrictBetweenYearEnds() throws Exception {
		// when the flows of the period ending 2024-12-31 are read
		List<List<String>> flows = Fixtures.rows(warehouse, "select district_code, cast(previous_as_of_date as varchar),"
				+ " previous_total, current_total, stayed, arrived_from_other_districts, arrived_new_to_city,"
				+ " left_for_other_districts, left_city_rosters, net_inflow, arrived_from, left_for,"
				+ " arrived_still_listed_at_origin from mart.district_talent_flows"
				+ " where as_of_date = date '2024-12-31' order by district_code");

		// then each district's counts are the hand-counted ones
		assertThat(flows).containsExactly(
				List.of("500116", "2023-12-31", "11", "11", "8", "2", "1", "2", "1", "0", "秀山土家族苗族自治县 2",
						"秀山土家族苗族自治县 2", "1"),
				List.of("500241", "2023-12-31", "6", "7", "4", "1", "2", "1", "1", "1", "江津区 1", "江津区 1", "0"));
	}

	@Test
	void attributesPeopleOnTwoRostersExplicitly() throws Exception {
		// 李四 is on both rosters at the end of 2023 and only on 秀山's at the end of 2024: 江津 lost
		// him to 秀山, and 秀山, which listed him all along, did not gain him
		List<List<String>> matrix = Fixtures.rows(warehouse, "select origin_district_name, destination_district_name,"
				+ " people, arrivals, departures from mart.municipal_talent_flows where as_of_date = date '2024-12-31'"
				+ " order by all");
		assertThat(matrix).containsExactlyInAnyOrder(
				List.of("江津区", "秀山土家族苗族自治县", "2", "1", "2"),
				List.of("江津区", "（离开全市花名册）", "1", "0", "1"),
				List.of("秀山土家族苗族自治县", "江津区", "2", "2", "1"),
				List.of("秀山土家族苗族自治县", "（离开全市花名册）", "1", "0", "1"),
				List.of("（新进入全市花名册）", "江津区", "1", "1", "0"),
				List.of("（新进入全市花名册）", "秀山土家族苗族自治县", "2", "2", "0"));
	}

	@Test
	void showsNoMovementOnALaggingRosterAndArrivalsStillListedAtTheirOrigin() throws Exception {
		// in the period ending 2023-12-31 only 江津 sent a roster (its first): everyone on it arrived,
		// 李四 from 秀山, whose 2021 roster is carried and still lists him; 秀山 shows no movement
		List<List<String>> flows = Fixtures.rows(warehouse, "select district_code, cast(has_new_roster as varchar),"
				+ " previous_total, stayed, arrived_from_other_districts, arrived_new_to_city, \"left\","
				+ " arrived_still_listed_at_origin from mart.district_talent_flows"
				+ " where as_of_date = date '2023-12-31' order by district_code");
		assertThat(flows).containsExactly(List.of("500116", "true", "0", "0", "1", "10", "0", "1"),
				List.of("500241", "false", "6", "6", "0", "0", "0", "0"));
	}

	@Test
	void balancesEveryPeriodAndMatchesTheMatrix() throws Exception {
		// the data tests the load ran (it published) hold, and so does every period's arithmetic here
		assertThat(Fixtures.rows(warehouse, "select count(*) from mart.district_talent_flows"
				+ " where stayed + \"left\" <> previous_total or stayed + arrived <> current_total").get(0).get(0))
			.isEqualTo("0");
		assertThat(Fixtures.rows(warehouse, "select string_agg(cast(as_of_date as varchar), ',' order by as_of_date)"
				+ " from (select distinct as_of_date from mart.district_talent_flows)").get(0).get(0))
			.isEqualTo("2022-12-31,2023-12-31,2024-12-31");
	}

	@Test
	void followsPlanTargetsFromTheSnapshotNearestTheBaseline() throws Exception {
		// 江津: 11 people at the end of 2023 and of 2024 (+0 of 2, a year of two elapsed); 专业技术人才
		// 张三0, 张三3, 张三7, 李四 in 2023, and 张三0, 张三3, 张三7, 秀0, 秀1, 新甲 in 2024 (+2, at least 1);
		// 秀山: 6 people on 2021-08-31 (nearest 2021-12-31), 7 on 2024-12-31; no platform feed
		List<List<String>> progress = Fixtures.rows(warehouse, "select target_id,"
				+ " coalesce(cast(baseline_snapshot_date as varchar), '-'), coalesce(cast(baseline_value as varchar), '-'),"
				+ " coalesce(cast(latest_value as varchar), '-'), coalesce(cast(achieved as varchar), '-'),"
				+ " coalesce(cast(share_achieved as varchar), '-'), coalesce(cast(share_elapsed as varchar), '-'),"
				+ " status, coalesce(reason, '-')"
				+ " from mart.district_plan_progress order by target_id");
		assertThat(progress).containsExactly(
				List.of("jj-pt", "2023-12-31", "4", "6", "2.0", "2.0", "0.5007", "achieved", "-"),
				List.of("jj-total", "2023-12-31", "11", "11", "0.0", "0.0", "0.5007", "behind", "-"),
				List.of("xs-farmers", "-", "-", "-", "-", "-", "-", "not computable", "no feed marks 高素质农民"),
				List.of("xs-platforms", "-", "-", "-", "-", "-", "-", "not computable",
						"no platform snapshot of this district is loaded"),
				List.of("xs-total", "2021-08-31", "6", "7", "1.0", "1.0", "1.0", "achieved", "-"));
	}

	@Test
	void aRedeliveredRosterGivesTheFlowsOfALoadFromScratch() throws Exception {
		// given a copy of the history whose 江津 2024 roster is delivered again without 新甲 and with 张三9
		Path again = dir.resolve("redelivered");
		Fixtures.copy(dir.resolve("landing"), again.resolve("landing"));
		Fixtures.copy(warehouse.getParent(), again.resolve("warehouse"));
		Path jiangjin = again.resolve("landing/jiangjin/2024-12-31/人才资源花名册.csv");
		List<String> lines = new ArrayList<>(Files.readAllLines(jiangjin, StandardCharsets.UTF_8));
		lines.removeIf((line) -> line.contains(",新甲,"));
		lines.add("500116198010150098,张三9,企业经营管理人才、商贸物流人才,大学本科,,,,");
		Files.write(jiangjin, lines, StandardCharsets.UTF_8);

		// when it is loaded on top of the published history, and the same landing zone from scratch
		Path incremental = again.resolve("warehouse").resolve(warehouse.getFileName());
		Fixtures.runPublished(Fixtures.arguments(dir.resolve("pipelines"), again.resolve("landing"), incremental,
				dir.resolve("key")));
		Path scratch = again.resolve("scratch/talent.duckdb");
		Fixtures.runPublished(Fixtures.arguments(dir.resolve("pipelines"), again.resolve("landing"), scratch,
				dir.resolve("key")));

		// then 江津 stayed 9 (张三9 is back) and lost no one to the city's rosters, and both warehouses agree
		String jiangjin2024 = "select stayed, arrived_new_to_city, left_city_rosters from mart.district_talent_flows"
				+ " where as_of_date = date '2024-12-31' and district_code = '500116'";
		assertThat(Fixtures.rows(incremental, jiangjin2024)).containsExactly(List.of("9", "0", "0"));
		for (String view : List.of("mart.district_talent_flows", "mart.municipal_talent_flows")) {
			String all = "select * from " + view + " order by all";
			assertThat(Fixtures.rows(incremental, all)).as(view).isEqualTo(Fixtures.rows(scratch, all));
		}
	}

	@Test
	void reportsFlowsAndPlanProgressAsInlineCharts() throws Exception {
		// when the report is written from this history
		String html = Fixtures.report(warehouse, dir.resolve("report.html"));

		// then the flows section holds the period table and the origin × destination matrix as SVG,
		// and the plan section its bars against elapsed time and the target that has no feed
		String flows = html.substring(html.indexOf("id=\"flows\""), html.indexOf("id=\"plan\""));
		assertThat(flows).contains("人才流向矩阵（截至 2024-12-31").contains("<svg").contains("（新进入全市花名册）")
			.contains("（离开全市花名册）").contains("秀山土家族苗族自治县 2");
		String plan = html.substring(html.indexOf("id=\"plan\""));
		assertThat(plan).contains("目标完成率与时间进度（%）").contains("<svg").contains("已完成").contains("落后")
			.contains("无法计算").contains("no feed marks 高素质农民");
	}

	private static String id(String first17) {
		return first17 + ResidentIdNumber.checkDigit(first17);
	}

	private static String person(String id, String name) {
		return "{\"idType\": \"居民身份证\", \"idNumber\": \"" + id + "\", \"name\": \"" + name
				+ "\", \"talentCategories\": [\"专业技术人才\"], \"education\": \"大专\", \"titleLevel\": null,"
				+ " \"skillLevel\": null, \"talentLevel\": null, \"employer\": null}";
	}

	private static void jiangjin2024(String... records) throws Exception {
		Path fixture = Fixtures.FUNCTIONAL_LANDING.resolve("jiangjin/2023-12-31");
		Path folder = Files.createDirectories(dir.resolve("landing/jiangjin/2024-12-31"));
		for (String file : List.of("企业资质名单.csv", "创新平台名单.csv")) {
			Files.copy(fixture.resolve(file), folder.resolve(file), StandardCopyOption.REPLACE_EXISTING);
		}
		String header = Files.readAllLines(fixture.resolve("人才资源花名册.csv"), StandardCharsets.UTF_8).get(0);
		Files.writeString(folder.resolve("人才资源花名册.csv"), header + "\n" + String.join("\n", records) + "\n",
				StandardCharsets.UTF_8);
	}

	private static void xiushan2024(String... records) throws Exception {
		Path fixture = Fixtures.FUNCTIONAL_LANDING.resolve("xiushan/2021-08-31");
		Path folder = Files.createDirectories(dir.resolve("landing/xiushan/2024-12-31"));
		Files.copy(fixture.resolve("xs_qiye.csv"), folder.resolve("xs_qiye.csv"), StandardCopyOption.REPLACE_EXISTING);
		List<String> all = new ArrayList<>(List.of(records));
		Files.writeString(folder.resolve("xs_rencai_page_001.json"), "{\"code\": 0, \"msg\": \"操作成功\", \"data\": {\"records\": ["
				+ String.join(", ", all) + "], \"total\": " + all.size() + ", \"size\": " + all.size()
				+ ", \"page\": 1, \"pages\": 1}}", StandardCharsets.UTF_8);
	}

}
