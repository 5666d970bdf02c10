package cq.talentwarehouse.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.export.TestWarehouses;
import cq.talentwarehouse.load.DuckDb;

import static cq.talentwarehouse.export.TestWarehouses.execute;
import static cq.talentwarehouse.export.TestWarehouses.qualification;
import static cq.talentwarehouse.export.TestWarehouses.roster;
import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTests {

	@TempDir
	static Path shared;

	private static Path fixture;

	@TempDir
	Path dir;

	@BeforeAll
	static void loadFixture() throws Exception {
		fixture = TestWarehouses.fixtureLoad(shared);
	}

	@Test
	void writesOneSelfContainedChineseHtmlFileWithItsChartsInline() throws Exception {
		// given
		Path file = this.dir.resolve("out/report.html");

		// when
		try (Connection c = DuckDb.openReadOnly(fixture)) {
			ReportWriter.write(c, file, "talent.duckdb");
		}

		// then
		String html = Files.readString(file, StandardCharsets.UTF_8);
		assertThat(html).startsWith("<!DOCTYPE html>").contains("<html lang=\"zh-CN\">").contains("<meta charset=\"utf-8\">");
		assertThat(html).contains("重庆市区县人才数据对比报告").contains("江津区").contains("秀山土家族苗族自治县");
		assertThat(count(html, "<svg ")).isGreaterThanOrEqualTo(8);
		assertThat(html).doesNotContain("http://", "https://", "<script", "<link", " src=", "url(", "@import");
		assertThat(html).contains("id=\"overview\"", "id=\"talent\"", "id=\"categories\"", "id=\"high-level\"",
				"id=\"enterprises\"", "id=\"platforms\"", "id=\"trends\"", "id=\"reconciliation\"");
		assertThat(file.resolveSibling("report.html.tmp")).doesNotExist();
	}

	@Test
	void showsADistrictWithoutAPlatformFeedAsMissingNotAsZero() throws Exception {
		// when: 秀山 sends no platform feed in the fixture
		String html = render(fixture);

		// then
		String platforms = html.substring(html.indexOf("id=\"platforms\""), html.indexOf("id=\"trends\""));
		assertThat(platforms).contains("秀山土家族苗族自治县").contains("未报送平台名单");
	}

	@Test
	void coloursReconciliationRowsByStatus() throws Exception {
		// given: 江津's roster holds exactly the 236100 people its article reports; 秀山 one 科技型企业 of 227
		Path warehouse = TestWarehouses.migrated(this.dir.resolve("talent.duckdb"));
		execute(warehouse, roster("500116", "2023-12-31", 1, 236_100, "professional_technical"));
		execute(warehouse, qualification("500241", "2021-08-31", 1, "tech_sme", "2020-05-01"));

		// when
		String html = render(warehouse);

		// then
		assertThat(statusRow(html, "talent_total", "500116")).contains("class=\"status-match\"").contains("236,100");
		assertThat(statusRow(html, "tech_sme", "500241")).contains("class=\"status-differs\"");
		assertThat(html).contains("class=\"status-not-computable\"");
		assertThat(html).contains(".status-match .status { background: #2e7d32")
			.contains(".status-differs .status { background: #c62828")
			.contains(".status-not-computable .status { background: #9e9e9e");
	}

	@Test
	void escapesEveryTextPutIntoThePage() throws Exception {
		// given
		Path warehouse = TestWarehouses.migrated(this.dir.resolve("talent.duckdb"));
		execute(warehouse, roster("500116", "2023-12-31", 1, 10, "professional_technical"));
		execute(warehouse, "update dw.dim_district set district_name = '<script>alert(\"x\")</script> & 江津'"
				+ " where district_code = '500116'");

		// when
		String html = render(warehouse);

		// then
		assertThat(html).doesNotContain("<script>").doesNotContain("alert(\"x\")");
		assertThat(html).contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 江津");
	}

	/** The row of the reconciliation table for an indicator, identified by its district's name in the row. */
	private static String statusRow(String html, String indicator, String districtCode) {
		String table = html.substring(html.indexOf("id=\"reconciliation\""));
		Matcher rows = Pattern.compile("<tr class=\"status-[^\"]+\">.*?</tr>", Pattern.DOTALL).matcher(table);
		String name = switch (districtCode) {
			case "500116" -> "江津区";
			case "500241" -> "秀山土家族苗族自治县";
			default -> districtCode;
		};
		while (rows.find()) {
			String row = rows.group();
			if (row.contains("<code>" + indicator + "</code>") && row.contains(name)) {
				return row;
			}
		}
		throw new AssertionError("no reconciliation row for " + districtCode + " " + indicator);
	}

	private static String render(Path warehouse) throws Exception {
		try (Connection c = DuckDb.openReadOnly(warehouse)) {
			return ReportWriter.render(c, "talent.duckdb", LocalDateTime.of(2026, 1, 5, 9, 0));
		}
	}

	private static int count(String text, String part) {
		int n = 0;
		for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
			n++;
		}
		return n;
	}

}
