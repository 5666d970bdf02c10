package cq.talentwarehouse.programs;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.demo.DemoDataGenerator;
import cq.talentwarehouse.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The `program` source kind on the demo: 江津, 黔江 and 秀山 send a 人才项目台账 calibrated on their
 * articles, 綦江 sends none; the published figures reconcile, and 綦江's shows no data, not 0.
 */
class TalentProgrammesFunctionalTests {

	@TempDir
	static Path dir;

	static Path warehouse;

	@BeforeAll
	static void loadDemo() {
		Path landing = dir.resolve("landing");
		DemoDataGenerator.generate(landing, DemoDataGenerator.DEFAULT_SEED);
		warehouse = dir.resolve("warehouse/talent.duckdb");
		Fixtures.runPublished(Fixtures.arguments(Path.of("pipelines").toAbsolutePath(), landing, warehouse,
				dir.resolve("key")));
	}

	@Test
	void reconcilesThePublishedProgrammeFiguresAndTheNetInflow() throws Exception {
		// when the figures of the seed articles are compared with the demo's records
		List<List<String>> rows = Fixtures.rows(warehouse, "select district_code, indicator, cast(reported_value as varchar),"
				+ " coalesce(cast(computed_value as varchar), '-'), status from mart.reported_vs_computed"
				+ " where indicator like 'program.%' and status <> 'not computable' or indicator = 'flow.net_inflow'"
				+ " order by district_code, indicator");

		// then each calibrated ledger matches, and 綦江, which sends no ledger, has no data (not 0)
		assertThat(rows).containsExactly(
				List.of("500110", "program.flexible_recruitment", "200", "-", "no data"),
				List.of("500114", "flow.net_inflow", "1200", "1250", "match"),
				List.of("500114", "program.silver_age_talents", "127", "127", "match"),
				List.of("500114", "program.yucaihui_certified", "4283", "4283", "match"),
				List.of("500116", "program.recruitment_intent", "324", "324", "match"),
				List.of("500116", "program.recruitment_intent.master_and_above", "180", "180", "match"),
				List.of("500116", "program.tech_vice_president", "65", "65", "match"),
				List.of("500241", "program.yingcai_service_card", "27", "27", "match"),
				List.of("500241", "program.yingcai_service_card.a", "4", "4", "match"));
	}

	@Test
	void countsEveryDistrictProgrammeAndTierOnlyWhereALedgerWasSent() throws Exception {
		List<List<String>> counts = Fixtures.rows(warehouse, "select district_code, programme_code, tier_name,"
				+ " cast(people as varchar), cast(master_and_above as varchar) from mart.district_programme_counts"
				+ " where is_latest_snapshot order by all");
		assertThat(counts).containsExactly(
				List.of("500114", "silver_age_talents", "合计", "127", "0"),
				List.of("500114", "yucaihui_certified", "合计", "4283", "0"),
				List.of("500116", "recruitment_intent", "合计", "324", "180"),
				List.of("500116", "tech_vice_president", "合计", "65", "0"),
				List.of("500241", "yingcai_service_card", "A卡", "4", "0"),
				List.of("500241", "yingcai_service_card", "B卡", "23", "0"),
				List.of("500241", "yingcai_service_card", "合计", "27", "0"));
		// 綦江 sent no ledger: no rows at all; the municipal totals say how many districts did
		assertThat(Fixtures.rows(warehouse, "select count(*) from mart.district_programme_counts where district_code = '500110'"))
			.containsExactly(List.of("0"));
		assertThat(Fixtures.rows(warehouse, "select programme_code, cast(districts_with_ledger as varchar),"
				+ " cast(district_sum as varchar), cast(distinct_people as varchar) from mart.municipal_programme_totals"
				+ " where programme_code = 'yingcai_service_card'"))
			.containsExactly(List.of("yingcai_service_card", "3", "27", "27"));
	}

	@Test
	void quarantinesBadLedgerRecordsWithTheirRulesAndAccountsForEveryRecord() throws Exception {
		// the injected bad records are extra and quarantined under stable rule names, file and line
		List<List<String>> rules = Fixtures.rows(warehouse, "select district_code, rule, field, count(*)::varchar"
				+ " from ops.quarantine where source = 'program' group by all order by all");
		assertThat(rules).containsExactly(
				List.of("500114", "duplicate", "id_number", "1"),
				List.of("500114", "vocabulary_unknown", "programme", "1"),
				List.of("500116", "end_before_award", "end_date", "1"),
				List.of("500116", "id_checksum", "id_number", "1"),
				List.of("500116", "tier_not_of_programme", "tier", "1"),
				List.of("500241", "vocabulary_unknown", "tier", "1"));
		assertThat(Fixtures.rows(warehouse, "select district_code, cast(read as varchar), cast(loaded as varchar),"
				+ " cast(quarantined as varchar) from ops.source_counts where source = 'program' order by all"))
			.containsExactly(List.of("500114", "4412", "4410", "2"), List.of("500116", "392", "389", "3"),
					List.of("500241", "28", "27", "1"));
		// the earlier deliveries of 江津 and 黔江 carry no ledger: their rosters load, with no programme rows
		assertThat(Fixtures.rows(warehouse, "select count(distinct snapshot_date_sk)::varchar from dw.fct_talent_programme"))
			.containsExactly(List.of("3"));
	}

	@Test
	void reportsProgrammesAsAnInlineChartAndSaysWhoSentNoLedger() throws Exception {
		// when the report is written from the demo
		String html = Fixtures.report(warehouse, dir.resolve("report.html"));

		// then its programmes section charts the ledgers offline, lists tiers, and names 綦江 as no data
		String programmes = html.substring(html.indexOf("id=\"programmes\""));
		assertThat(programmes).contains("<svg").contains("渝才荟认定").contains("A卡").contains("4,283")
			.contains("未报送台账的区县为无数据，不是 0：綦江区").doesNotContain("<script src");
		assertThat(html).contains("项无数据");
	}

	@Test
	void keepsRawIdNumbersAndNamesOutOfTheProgrammeFacts() throws Exception {
		// the quarantine masks ID numbers, and the fact holds pseudonymous person keys only
		assertThat(Fixtures.rows(warehouse, "select count(*)::varchar from ops.quarantine where source = 'program'"
				+ " and regexp_matches(raw_value, '[0-9]{17}[0-9Xx]')")).containsExactly(List.of("0"));
		assertThat(Fixtures.rows(warehouse, "select count(*)::varchar from dw.fct_talent_programme f"
				+ " anti join dw.dim_person p on p.person_sk = f.person_sk")).containsExactly(List.of("0"));
	}

}
