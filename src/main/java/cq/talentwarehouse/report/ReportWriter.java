package cq.talentwarehouse.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static cq.talentwarehouse.report.ReportPage.first;
import static cq.talentwarehouse.report.ReportPage.integer;
import static cq.talentwarehouse.report.ReportPage.last;
import static cq.talentwarehouse.report.ReportPage.percent;
import static cq.talentwarehouse.report.ReportPage.sum;

/**
 * The district comparison report: one HTML file with its styles and SVG charts inline, so it opens
 * offline, from a mail attachment or a USB stick. Its figures come from the mart views (the public
 * API), and every chart names the view it comes from so an analyst can reproduce it in SQL; from
 * {@code ops.runs} it takes only which run built the warehouse and whether it holds demo data.
 */
public final class ReportWriter {

	private static final Map<String, String> STATUS_LABELS = Map.of("match", "一致", "differs", "不一致", "not computable",
			"无法计算", "no data", "无数据");

	private static final Map<String, String> QUALIFIER_LABELS = Map.of("exact", "精确", "at_least", "不低于",
			"approximately", "约（±5%）");

	private final ReportPage page;

	private final DistrictSections sections;

	private final ProgressSections laterSections;

	private ReportWriter(Connection connection) {
		this.page = new ReportPage(connection);
		this.sections = new DistrictSections(this.page);
		this.laterSections = new ProgressSections(this.page);
	}

	/** Writes the report next to its target first and renames it, so a reader never opens half a page. */
	public static void write(Connection connection, Path file, String warehouseName) throws SQLException, IOException {
		String page = render(connection, warehouseName, LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS));
		Path target = file.toAbsolutePath();
		Files.createDirectories(target.getParent());
		Path temp = target.resolveSibling(target.getFileName() + ".tmp");
		Files.writeString(temp, page, StandardCharsets.UTF_8);
		Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	static String render(Connection connection, String warehouseName, LocalDateTime generatedAt) throws SQLException {
		return new ReportWriter(connection).page(warehouseName, generatedAt);
	}

	private String page(String warehouseName, LocalDateTime generatedAt) throws SQLException {
		List<Row> status = this.page.rows("select * from mart.district_load_status order by district_code");
		List<Row> totals = this.page.rows("select * from mart.district_talent_totals order by district_code");
		Map<String, String> names = new LinkedHashMap<>();
		Map<String, String> regions = new LinkedHashMap<>();
		for (Row r : status) {
			names.put(r.text("district_code"), Objects.requireNonNullElse(r.text("district_name"), r.text("district_code")));
			regions.put(r.text("district_code"), r.text("region"));
		}
		for (Row r : totals) {
			names.putIfAbsent(r.text("district_code"), r.text("district_name"));
			regions.putIfAbsent(r.text("district_code"), r.text("region"));
		}
		ReportPage.Districts districts = new ReportPage.Districts(names, regions);

		this.page.head();
		header(warehouseName, generatedAt, status, totals);
		overview(totals);
		this.sections.talentTotals(districts, totals);
		this.sections.categories(districts);
		this.sections.highLevel(districts);
		this.sections.enterprises(districts);
		this.sections.platforms(districts);
		this.sections.trends(districts);
		reconciliation();
		this.laterSections.flows(districts);
		this.laterSections.planProgress();
		this.laterSections.programmes(districts);
		this.page.footer();
		return this.page.html().toString();
	}

	private void header(String warehouseName, LocalDateTime generatedAt, List<Row> status, List<Row> totals)
			throws SQLException {
		List<Row> runs = this.page.rows("select run_id, strftime(finished_at, '%Y-%m-%d %H:%M:%S') as finished_at from ops.runs"
				+ " order by finished_at desc limit 1");
		this.page.html().append("<h1>重庆市区县人才数据对比报告</h1>\n");
		if (this.page.holdsDemoData()) {
			this.page.html().append("<div class=\"warn demo\"><strong>演示数据</strong>：本仓库加载过演示数据生成器写出的数据"
					+ "（ops.runs.is_demo），不是区县报送的真实数据，不得用于对外发布或决策。</div>\n");
		}
		StringBuilder meta = new StringBuilder("数据来源：人才数据仓库 ").append(warehouseName);
		if (!runs.isEmpty()) {
			meta.append("（最近一次发布批次 ").append(runs.get(0).text("run_id")).append("，完成于 ")
				.append(runs.get(0).text("finished_at")).append("）");
		}
		meta.append("；报告生成于 ").append(generatedAt.toString().replace('T', ' ')).append("。");
		this.page.html().append("<p class=\"meta\">").append(Html.escape(meta.toString())).append("</p>\n");
		Set<String> dates = new TreeSet<>();
		totals.forEach((r) -> dates.add(r.text("snapshot_date")));
		if (dates.size() > 1) {
			this.page.note("各区县报送的花名册日期不同（最早 " + first(dates) + "，最新 " + last(dates)
					+ "）。本报告比较的是各区县各自最新一期数据，不是同一时点的数据；每张表都列出了数据日期。");
		}
		List<String> stale = new ArrayList<>();
		for (Row r : status) {
			if (r.flag("is_stale")) {
				stale.add(Objects.requireNonNullElse(r.text("district_name"), r.text("district_code")) + "（"
						+ Objects.requireNonNullElse(r.text("last_attempt_message"), "加载失败") + "）");
			}
		}
		if (!stale.isEmpty()) {
			this.page.html().append("<div class=\"warn\">")
				.append(Html.escape("以下区县最近一次加载失败，报告中为其上一期数据：" + String.join("；", stale)))
				.append("</div>\n");
		}
		this.page.html().append("<nav class=\"note\">目录：<a href=\"#overview\">一、概览</a> · <a href=\"#talent\">二、人才资源总量</a>"
				+ " · <a href=\"#categories\">三、人才分类</a> · <a href=\"#high-level\">四、高层次人才</a>"
				+ " · <a href=\"#enterprises\">五、专精特新与科技企业</a> · <a href=\"#platforms\">六、创新平台</a>"
				+ " · <a href=\"#trends\">七、趋势</a> · <a href=\"#reconciliation\">八、公开数据核对</a>"
				+ " · <a href=\"#flows\">九、人才流动</a> · <a href=\"#plan\">十、规划目标进展</a> · <a href=\"#programmes\">十一、人才项目</a></nav>\n");
	}

	private void overview(List<Row> totals) throws SQLException {
		this.page.section("overview", "一、概览");
		List<Row> municipal = this.page.rows("select * from mart.municipal_talent_totals order by as_of_date");
		List<Row> enterprises = this.page.rows("select * from mart.district_enterprise_counts");
		List<Row> platforms = this.page.rows("select * from mart.district_platform_counts");
		List<Row> reconciliation = this.page.rows("select status from mart.reported_vs_computed");
		Row latest = municipal.stream().filter((r) -> r.flag("is_latest")).findFirst().orElse(null);

		this.page.html().append("<div class=\"cards\">\n");
		this.page.card("已加载区县", Html.number(totals.size(), 0) + " 个", "有花名册的区县");
		if (latest != null) {
			this.page.card("区县人才资源总量合计", Html.number(latest.numberOrZero("sum_of_district_totals"), 0) + " 人",
					"各区县最新花名册之和");
			this.page.card("全市去重人才数", Html.number(latest.numberOrZero("distinct_talents"), 0) + " 人",
					"跨区县重复计数 " + Html.number(latest.numberOrZero("counted_in_several_districts"), 0) + " 人次");
		}
		this.page.card("专精特新企业（各区县合计）", Html.number(sum(enterprises, "specialized_sme"), 0) + " 家",
				"其中国家级“小巨人” " + Html.number(sum(enterprises, "little_giant"), 0) + " 家");
		this.page.card("创新平台（各区县合计）", Html.number(sum(platforms, "platforms"), 0) + " 个", "其中国家级 "
				+ Html.number(platforms.stream().filter((r) -> "1".equals(r.text("level_rank"))).mapToDouble((r) -> r.numberOrZero("platforms")).sum(), 0)
				+ " 个");
		Map<String, Long> statuses = reconciliation.stream()
			.collect(Collectors.groupingBy((r) -> r.text("status"), TreeMap::new, Collectors.counting()));
		this.page.card("公开数据核对", statuses.getOrDefault("match", 0L) + " 项一致",
				statuses.getOrDefault("differs", 0L) + " 项不一致，" + statuses.getOrDefault("not computable", 0L) + " 项无法计算，"
						+ statuses.getOrDefault("no data", 0L) + " 项无数据");
		this.page.html().append("</div>\n");

		this.page.html().append("<h3>全市人才资源总量：区县合计与去重人数</h3>\n");
		this.page.note("同一人在两个区县的花名册上时，在各区县的总量中各计一次，在全市去重人数中只计一次。统计时点为各年12月31日及最新花名册日期，"
				+ "每个时点取各区县在该日或之前的最新一期花名册；“当日有花名册的区县”少于“纳入区县”时，该行混合了不同日期的数据，不是严格的同一时点总量。");
		this.page.table(List.of("统计时点", "纳入区县", "当日有花名册的区县", "最早花名册日期", "区县合计（人）", "全市去重（人）", "跨区县人才（人）"),
				List.of(false, true, true, false, true, true, true), municipal,
				(r) -> List.of(r.text("as_of_date") + (r.flag("is_latest") ? "（最新）" : ""), r.text("districts_included"),
						r.text("districts_snapshot_on_as_of_date"), r.text("oldest_snapshot_date"),
						integer(r, "sum_of_district_totals"), integer(r, "distinct_talents"),
						integer(r, "talents_on_several_rosters")));
		this.page.source("mart.municipal_talent_totals");
	}

	private void reconciliation() throws SQLException {
		this.page.section("reconciliation", "八、公开数据核对");
		this.page.note("将区县公开报道中的数字（seeds/reported_indicators.csv，每条注明出处）与数据仓库按最接近日期的一期数据计算的结果对照："
				+ "绿色为一致，红色为不一致，灰色为记录中没有可计算的口径。");
		List<Row> rows = this.page.rows("select * from mart.reported_vs_computed order by district_code, indicator, as_of");
		List<String> header = List.of("区县", "指标", "口径日期", "口径", "公布值", "计算值", "计算所用快照", "差异", "结果", "说明与原文");
		this.page.html().append("<table><thead><tr>");
		for (int c = 0; c < header.size(); c++) {
			this.page.html().append((c >= 4 && c <= 7 && c != 6) ? "<th class=\"num\">" : "<th>").append(Html.escape(header.get(c)))
				.append("</th>");
		}
		this.page.html().append("</tr></thead><tbody>\n");
		for (Row r : rows) {
			String status = Objects.requireNonNullElse(r.text("status"), "");
			this.page.html().append("<tr class=\"status-").append(Html.escape(status.replace(' ', '-'))).append("\">");
			this.page.html().append("<td class=\"nowrap\">")
				.append(Html.escape(Objects.requireNonNullElse(r.text("district_name"), r.text("district_code"))))
				.append("</td>");
			this.page.html().append("<td class=\"indicator\"><code>").append(Html.escape(r.text("indicator"))).append("</code></td>");
			this.page.html().append("<td class=\"nowrap\">").append(Html.escape(r.text("as_of"))).append("</td>");
			this.page.html().append("<td class=\"nowrap\">")
				.append(Html.escape(QUALIFIER_LABELS.getOrDefault(r.text("qualifier"), r.text("qualifier"))))
				.append("</td>");
			this.page.cell(integer(r, "reported_value") + Objects.requireNonNullElse(r.text("unit"), ""), true);
			this.page.cell((r.number("computed_value") == null) ? "—" : integer(r, "computed_value"), true);
			this.page.html().append("<td class=\"nowrap\">")
				.append(Html.escape(Objects.requireNonNullElse(r.text("computed_snapshot_date"), "—")))
				.append("</td>");
			this.page.cell(percent(r.number("difference_pct")), true);
			this.page.html().append("<td><span class=\"status\">").append(Html.escape(STATUS_LABELS.getOrDefault(status, status)))
				.append("</span> <code>").append(Html.escape(status)).append("</code></td>");
			this.page.html().append("<td>");
			if (r.text("reason") != null) {
				this.page.html().append(Html.escape(r.text("reason"))).append("<br>");
			}
			this.page.html().append("<span class=\"sentence\">").append(Html.escape(r.text("sentence"))).append("（")
				.append(Html.escape(r.text("article_file"))).append("）</span></td>");
			this.page.html().append("</tr>\n");
		}
		this.page.html().append("</tbody></table>\n");
		this.page.source("mart.reported_vs_computed");
	}

}
