package cq.talentwarehouse.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import cq.talentwarehouse.report.SvgCharts.Bar;
import cq.talentwarehouse.report.SvgCharts.Legend;

/**
 * The district comparison report: one HTML file with its styles and SVG charts inline, so it opens
 * offline, from a mail attachment or a USB stick. It reads only the mart views (the public API),
 * and every chart names the view it comes from so an analyst can reproduce it in SQL.
 */
public final class ReportWriter {

	private static final Map<String, String> REGION_COLORS = Map.of("主城都市区", "#4e79a7", "渝东北", "#59a14f", "渝东南",
			"#f28e2b");

	/** Sequential blues for ranked tiers and levels, highest first. */
	private static final List<String> RANK_COLORS = List.of("#08306b", "#2171b5", "#6baed6", "#c6dbef", "#deebf7");

	private static final List<String> PALETTE = List.of("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
			"#b07aa1", "#ff9da7", "#9c755f", "#bab0ac");

	private static final Map<String, String> STATUS_LABELS = Map.of("match", "一致", "differs", "不一致", "not computable",
			"无法计算", "no data", "无数据");

	private static final Map<String, String> QUALIFIER_LABELS = Map.of("exact", "精确", "at_least", "不低于",
			"approximately", "约（±5%）");

	private static final Map<String, String> PLAN_STATUS_LABELS = Map.of("achieved", "已完成", "on track", "进度正常",
			"behind", "落后", "not computable", "无法计算");

	private final Connection connection;

	private final StringBuilder html = new StringBuilder(128 * 1024);

	private ReportWriter(Connection connection) {
		this.connection = connection;
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
		List<Row> status = rows("select * from mart.district_load_status order by district_code");
		List<Row> totals = rows("select * from mart.district_talent_totals order by district_code");
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
		Districts districts = new Districts(names, regions);

		head();
		header(warehouseName, generatedAt, status, totals);
		overview(totals);
		talentTotals(districts, totals);
		categories(districts);
		highLevel(districts);
		enterprises(districts);
		platforms(districts);
		trends(districts);
		reconciliation();
		flows(districts);
		planProgress();
		programmes(districts);
		footer();
		return this.html.toString();
	}

	/** The districts of the report, in code order, with their names and regions. */
	private record Districts(Map<String, String> names, Map<String, String> regions) {

		String name(String code) {
			return this.names.getOrDefault(code, code);
		}

		String color(String code) {
			return REGION_COLORS.getOrDefault(this.regions.get(code), "#999999");
		}

		Set<String> codes() {
			return this.names.keySet();
		}

	}

	private void head() {
		this.html.append("""
				<!DOCTYPE html>
				<html lang="zh-CN">
				<head>
				<meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
				<title>重庆市区县人才数据对比报告</title>
				<style>
				body { font-family: %s; color: #222; margin: 0; background: #f6f7f9; line-height: 1.6; }
				main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 48px; background: #fff; }
				h1 { font-size: 28px; margin: 8px 0 4px; }
				h2 { font-size: 21px; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 2px solid #4e79a7; }
				h3 { font-size: 16px; margin: 22px 0 6px; }
				p.meta { color: #555; margin: 2px 0; font-size: 14px; }
				.note { background: #f3f6fb; border-left: 4px solid #4e79a7; padding: 8px 12px; margin: 12px 0; font-size: 14px; }
				.warn { background: #fff4e5; border-left: 4px solid #f28e2b; padding: 8px 12px; margin: 12px 0; font-size: 14px; }
				.source { color: #777; font-size: 12px; margin: 2px 0 10px; }
				.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
				.card { flex: 1 1 200px; border: 1px solid #dde3ea; border-radius: 6px; padding: 10px 14px; }
				.card .label { color: #555; font-size: 13px; }
				.card .value { font-size: 24px; font-weight: 600; }
				.card .sub { color: #666; font-size: 12px; }
				svg.chart { max-width: 100%%; height: auto; display: block; margin: 6px 0 4px; }
				table { border-collapse: collapse; width: 100%%; font-size: 13px; margin: 8px 0 4px; }
				th, td { border: 1px solid #dde3ea; padding: 4px 8px; text-align: left; vertical-align: top; }
				th { background: #eef2f7; font-weight: 600; }
				tbody tr:nth-child(even) td { background: #fafbfc; }
				td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
				code { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 12px; }
				.status { display: inline-block; padding: 1px 8px; border-radius: 10px; font-weight: 600; white-space: nowrap; }
				td.nowrap { white-space: nowrap; }
				td.indicator { word-break: break-all; min-width: 160px; max-width: 240px; }
				tbody tr.status-match td { background: #edf7ee; }
				tbody tr.status-differs td { background: #fdecea; }
				tbody tr.status-not-computable td { background: #f2f2f2; color: #555; }
				.status-match .status { background: #2e7d32; color: #fff; }
				.status-differs .status { background: #c62828; color: #fff; }
				.status-not-computable .status { background: #9e9e9e; color: #fff; }
				.sentence { color: #666; font-size: 12px; }
				footer { color: #666; font-size: 13px; margin-top: 36px; border-top: 1px solid #dde3ea; padding-top: 8px; }
				</style>
				</head>
				<body>
				<main>
				""".formatted(SvgCharts.FONT));
	}

	private void header(String warehouseName, LocalDateTime generatedAt, List<Row> status, List<Row> totals)
			throws SQLException {
		List<Row> runs = rows("select run_id, strftime(finished_at, '%Y-%m-%d %H:%M:%S') as finished_at from ops.runs"
				+ " order by finished_at desc limit 1");
		this.html.append("<h1>重庆市区县人才数据对比报告</h1>\n");
		if (holdsDemoData()) {
			this.html.append("<div class=\"warn demo\"><strong>演示数据</strong>：本仓库加载过演示数据生成器写出的数据"
					+ "（ops.runs.is_demo），不是区县报送的真实数据，不得用于对外发布或决策。</div>\n");
		}
		StringBuilder meta = new StringBuilder("数据来源：人才数据仓库 ").append(warehouseName);
		if (!runs.isEmpty()) {
			meta.append("（最近一次发布批次 ").append(runs.get(0).text("run_id")).append("，完成于 ")
				.append(runs.get(0).text("finished_at")).append("）");
		}
		meta.append("；报告生成于 ").append(generatedAt.toString().replace('T', ' ')).append("。");
		this.html.append("<p class=\"meta\">").append(Html.escape(meta.toString())).append("</p>\n");
		Set<String> dates = new TreeSet<>();
		totals.forEach((r) -> dates.add(r.text("snapshot_date")));
		if (dates.size() > 1) {
			note("各区县报送的花名册日期不同（最早 " + first(dates) + "，最新 " + last(dates)
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
			this.html.append("<div class=\"warn\">")
				.append(Html.escape("以下区县最近一次加载失败，报告中为其上一期数据：" + String.join("；", stale)))
				.append("</div>\n");
		}
		this.html.append("<nav class=\"note\">目录：<a href=\"#overview\">一、概览</a> · <a href=\"#talent\">二、人才资源总量</a>"
				+ " · <a href=\"#categories\">三、人才分类</a> · <a href=\"#high-level\">四、高层次人才</a>"
				+ " · <a href=\"#enterprises\">五、专精特新与科技企业</a> · <a href=\"#platforms\">六、创新平台</a>"
				+ " · <a href=\"#trends\">七、趋势</a> · <a href=\"#reconciliation\">八、公开数据核对</a>"
				+ " · <a href=\"#flows\">九、人才流动</a> · <a href=\"#plan\">十、规划目标进展</a> · <a href=\"#programmes\">十一、人才项目</a></nav>\n");
	}

	private void overview(List<Row> totals) throws SQLException {
		section("overview", "一、概览");
		List<Row> municipal = rows("select * from mart.municipal_talent_totals order by as_of_date");
		List<Row> enterprises = rows("select * from mart.district_enterprise_counts");
		List<Row> platforms = rows("select * from mart.district_platform_counts");
		List<Row> reconciliation = rows("select status from mart.reported_vs_computed");
		Row latest = municipal.stream().filter((r) -> r.flag("is_latest")).findFirst().orElse(null);

		this.html.append("<div class=\"cards\">\n");
		card("已加载区县", Html.number(totals.size(), 0) + " 个", "有花名册的区县");
		if (latest != null) {
			card("区县人才资源总量合计", Html.number(latest.numberOrZero("sum_of_district_totals"), 0) + " 人",
					"各区县最新花名册之和");
			card("全市去重人才数", Html.number(latest.numberOrZero("distinct_talents"), 0) + " 人",
					"跨区县重复计数 " + Html.number(latest.numberOrZero("counted_in_several_districts"), 0) + " 人次");
		}
		card("专精特新企业（各区县合计）", Html.number(sum(enterprises, "specialized_sme"), 0) + " 家",
				"其中国家级“小巨人” " + Html.number(sum(enterprises, "little_giant"), 0) + " 家");
		card("创新平台（各区县合计）", Html.number(sum(platforms, "platforms"), 0) + " 个", "其中国家级 "
				+ Html.number(platforms.stream().filter((r) -> "1".equals(r.text("level_rank"))).mapToDouble((r) -> r.numberOrZero("platforms")).sum(), 0)
				+ " 个");
		Map<String, Long> statuses = reconciliation.stream()
			.collect(Collectors.groupingBy((r) -> r.text("status"), TreeMap::new, Collectors.counting()));
		card("公开数据核对", statuses.getOrDefault("match", 0L) + " 项一致",
				statuses.getOrDefault("differs", 0L) + " 项不一致，" + statuses.getOrDefault("not computable", 0L) + " 项无法计算，"
						+ statuses.getOrDefault("no data", 0L) + " 项无数据");
		this.html.append("</div>\n");

		this.html.append("<h3>全市人才资源总量：区县合计与去重人数</h3>\n");
		note("同一人在两个区县的花名册上时，在各区县的总量中各计一次，在全市去重人数中只计一次。统计时点为各年12月31日及最新花名册日期，"
				+ "每个时点取各区县在该日或之前的最新一期花名册；“当日有花名册的区县”少于“纳入区县”时，该行混合了不同日期的数据，不是严格的同一时点总量。");
		table(List.of("统计时点", "纳入区县", "当日有花名册的区县", "最早花名册日期", "区县合计（人）", "全市去重（人）", "跨区县人才（人）"),
				List.of(false, true, true, false, true, true, true), municipal,
				(r) -> List.of(r.text("as_of_date") + (r.flag("is_latest") ? "（最新）" : ""), r.text("districts_included"),
						r.text("districts_snapshot_on_as_of_date"), r.text("oldest_snapshot_date"),
						integer(r, "sum_of_district_totals"), integer(r, "distinct_talents"),
						integer(r, "talents_on_several_rosters")));
		source("mart.municipal_talent_totals");
	}

	private void talentTotals(Districts districts, List<Row> totals) {
		section("talent", "二、人才资源总量与密度");
		Map<String, Row> byCode = index(totals);
		List<Legend> regionLegend = regionLegend(districts);

		List<Bar> bars = new ArrayList<>();
		for (String code : districts.codes()) {
			Row r = byCode.get(code);
			bars.add(Bar.of(districts.name(code), (r == null) ? null : r.number("talent_total"), districts.color(code)));
		}
		bars.sort(byTotalDescending());
		chart("人才资源总量（人）", SvgCharts.bars("各区县人才资源总量（人）", bars, List.of(new Legend("人才资源总量", "#4e79a7")),
				regionLegend, 0, "无花名册"), "mart.district_talent_totals.talent_total");

		bars = new ArrayList<>();
		for (String code : districts.codes()) {
			Row r = byCode.get(code);
			bars.add(Bar.of(districts.name(code), (r == null) ? null : r.number("talents_per_10k_residents"),
					districts.color(code)));
		}
		bars.sort(byTotalDescending());
		chart("每万常住人口人才数", SvgCharts.bars("各区县每万常住人口人才数", bars, List.of(new Legend("每万常住人口人才数", "#4e79a7")),
				regionLegend, 1, "常住人口未知，无法计算"), "mart.district_talent_totals.talents_per_10k_residents");

		table(List.of("区县", "片区", "花名册日期", "人才资源总量", "片区排名", "每万常住人口人才数", "片区排名（每万人）", "高层次人才", "高技能人才",
				"常住人口（年份）"), List.of(false, false, false, true, true, true, true, true, true, true), totals,
				(r) -> List.of(r.text("district_name"), r.text("region"), r.text("snapshot_date"), integer(r, "talent_total"),
						rank(r.text("rank_in_region"), r.text("districts_ranked_in_region")),
						Html.number(r.number("talents_per_10k_residents"), 1, "—"),
						rank(r.text("rank_in_region_per_10k"), null), integer(r, "high_level_total"),
						integer(r, "high_skill_total"),
						(r.number("resident_population") == null) ? "未知"
								: integer(r, "resident_population") + "（" + r.text("population_year") + "）"));
		source("mart.district_talent_totals；排名在同一片区已加载的区县之间比较，常住人口来自 seeds/districts.csv");
	}

	private void categories(Districts districts) throws SQLException {
		section("categories", "三、人才分类");
		List<Row> rows = rows("select * from mart.district_talent_by_category");
		if (rows.isEmpty()) {
			note("尚无花名册数据。");
			return;
		}
		// columns: the two groups in the order the mart sorts them, within a group the largest category first
		Map<String, Double> sizes = new LinkedHashMap<>();
		Map<String, String> groupOf = new LinkedHashMap<>();
		Map<String, String> nameOf = new LinkedHashMap<>();
		for (Row r : rows) {
			sizes.merge(r.text("category_code"), r.numberOrZero("talents"), Double::sum);
			groupOf.put(r.text("category_code"), r.text("category_group"));
			nameOf.put(r.text("category_code"), r.text("category_name"));
		}
		List<String> groups = new ArrayList<>(new LinkedHashSet<>(groupOf.values()));
		List<String> columns = new ArrayList<>(sizes.keySet());
		columns.sort(Comparator.comparing((String c) -> groups.indexOf(groupOf.get(c)))
			.thenComparing((String c) -> -sizes.get(c)));
		List<SvgCharts.Group> headers = new ArrayList<>();
		for (String group : groups) {
			headers.add(new SvgCharts.Group(group, (int) columns.stream().filter((c) -> groupOf.get(c).equals(group)).count()));
		}
		Map<String, Map<String, Row>> cells = new LinkedHashMap<>();
		for (Row r : rows) {
			cells.computeIfAbsent(r.text("district_code"), (k) -> new LinkedHashMap<>()).put(r.text("category_code"), r);
		}
		List<String> codes = districts.codes().stream().filter(cells::containsKey).toList();
		Double[][] shares = new Double[codes.size()][columns.size()];
		for (int d = 0; d < codes.size(); d++) {
			for (int c = 0; c < columns.size(); c++) {
				Row cell = cells.get(codes.get(d)).get(columns.get(c));
				shares[d][c] = (cell == null) ? null : cell.number("share_of_district_total_pct");
			}
		}
		List<String> columnNames = columns.stream().map(nameOf::get).toList();
		note("一人可属多个类别，故各类别之和大于人才资源总量。颜色越深，占比越高（全表统一色阶）。");
		chart("各类别人才占本区县人才资源总量的比例（%）",
				SvgCharts.heatmap("各类别人才占本区县人才资源总量的比例（%）", codes.stream().map(districts::name).toList(),
						columnNames, headers, shares, 1, "%"),
				"mart.district_talent_by_category.share_of_district_total_pct");
		List<String> header = new ArrayList<>(List.of("区县", "花名册日期"));
		header.addAll(columnNames);
		List<Boolean> numeric = new ArrayList<>(List.of(false, false));
		columns.forEach((c) -> numeric.add(true));
		List<List<String>> body = new ArrayList<>();
		for (String code : codes) {
			Map<String, Row> byCategory = cells.get(code);
			List<String> line = new ArrayList<>(List.of(districts.name(code),
					byCategory.values().iterator().next().text("snapshot_date")));
			for (String c : columns) {
				Row cell = byCategory.get(c);
				line.add((cell == null) ? "—" : integer(cell, "talents"));
			}
			body.add(line);
		}
		rawTable(header, numeric, body);
		source("mart.district_talent_by_category（人数）");
	}

	private void highLevel(Districts districts) throws SQLException {
		section("high-level", "四、高层次人才");
		List<Row> rows = rows("select * from mart.district_high_level_talents order by district_code, level_rank");
		stackedByDistrict(districts, rows, "talent_level_name", "level_rank", "talents", "各区县高层次人才（按层级，人）", 0,
				"无花名册", "mart.district_high_level_talents");
	}

	private void enterprises(Districts districts) throws SQLException {
		section("enterprises", "五、专精特新与科技企业");
		List<Row> tiers = rows("select * from mart.district_enterprise_by_tier order by district_code, qualification_family, tier_rank");
		note("梯度图中每家企业在同一体系内只计一次，按其持有的最高层级资质归类；下表“专精特新企业”按资质计数，包含国家级“小巨人”。");
		Map<String, List<Row>> families = tiers.stream()
			.collect(Collectors.groupingBy((r) -> r.text("qualification_family"), LinkedHashMap::new, Collectors.toList()));
		for (Map.Entry<String, List<Row>> family : families.entrySet()) {
			stackedByDistrict(districts, family.getValue(), "qualification_name", "tier_rank", "enterprises",
					family.getKey() + "企业梯度（按最高层级，家）", 0, "无企业名单", "mart.district_enterprise_by_tier");
		}
		List<Row> counts = rows("select * from mart.district_enterprise_counts order by district_code");
		table(List.of("区县", "企业名单日期", "专精特新企业（含小巨人）", "国家级“小巨人”", "高新技术企业", "科技型企业", "创新型中小企业",
				"资质企业总数"), List.of(false, false, true, true, true, true, true, true), counts,
				(r) -> List.of(r.text("district_name"), r.text("snapshot_date"), integer(r, "specialized_sme"),
						integer(r, "little_giant"), integer(r, "high_tech"), integer(r, "tech_sme"),
						integer(r, "innovative_sme"), integer(r, "enterprise_total")));
		source("mart.district_enterprise_counts");

		List<Row> years = rows("select * from mart.district_enterprise_by_grant_year where grant_year is not null"
				+ " and (is_specialized or tier_rank = 1) order by qualification_family, tier_rank, district_code, grant_year");
		Map<String, List<Row>> byQualification = years.stream()
			.collect(Collectors.groupingBy((r) -> r.text("qualification_name"), LinkedHashMap::new, Collectors.toList()));
		for (Map.Entry<String, List<Row>> q : byQualification.entrySet()) {
			List<SvgCharts.Line> lines = new ArrayList<>();
			int minYear = Integer.MAX_VALUE;
			int maxYear = Integer.MIN_VALUE;
			Map<String, List<Row>> byDistrict = q.getValue().stream()
				.collect(Collectors.groupingBy((r) -> r.text("district_code"), LinkedHashMap::new, Collectors.toList()));
			int i = 0;
			for (Map.Entry<String, List<Row>> d : byDistrict.entrySet()) {
				List<SvgCharts.Point> points = new ArrayList<>();
				for (Row r : d.getValue()) {
					int year = Integer.parseInt(r.text("grant_year"));
					minYear = Math.min(minYear, year);
					maxYear = Math.max(maxYear, year);
					points.add(new SvgCharts.Point(year, r.numberOrZero("cumulative_enterprises"), year + "年"));
				}
				lines.add(new SvgCharts.Line(districts.name(d.getKey()), PALETTE.get(i++ % PALETTE.size()), points));
			}
			List<SvgCharts.Tick> ticks = new ArrayList<>();
			int step = Math.max(1, (maxYear - minYear + 1) / 12 + 1);
			for (int y = minYear; y <= maxYear; y += step) {
				ticks.add(new SvgCharts.Tick(y, Integer.toString(y)));
			}
			String title = q.getKey() + "：当前名单中的企业按认定年份累计（家）";
			chart(title, SvgCharts.lines(title, lines, ticks, 0), "mart.district_enterprise_by_grant_year.cumulative_enterprises");
		}
	}

	private void platforms(Districts districts) throws SQLException {
		section("platforms", "六、创新平台");
		List<Row> rows = rows("select district_code, level_name, level_rank, sum(platforms) as platforms"
				+ " from mart.district_platform_counts group by all order by district_code, level_rank");
		stackedByDistrict(districts, rows, "level_name", "level_rank", "platforms", "各区县创新平台（按级别，个）", 0,
				"未报送平台名单", "mart.district_platform_counts（各类型合计）");
		List<Row> byType = rows("select * from mart.district_platform_counts order by platform_type, district_code, level_rank");
		Map<String, Map<String, int[]>> matrix = new LinkedHashMap<>();
		Set<String> codes = new LinkedHashSet<>();
		for (Row r : byType) {
			codes.add(r.text("district_code"));
			int[] cell = matrix.computeIfAbsent(r.text("platform_type_name"), (k) -> new LinkedHashMap<>())
				.computeIfAbsent(r.text("district_code"), (k) -> new int[2]);
			cell[0] += (int) r.numberOrZero("platforms");
			if ("1".equals(r.text("level_rank"))) {
				cell[1] += (int) r.numberOrZero("platforms");
			}
		}
		if (matrix.isEmpty()) {
			return;
		}
		List<String> header = new ArrayList<>(List.of("平台类型"));
		List<Boolean> numeric = new ArrayList<>(List.of(false));
		List<String> ordered = districts.codes().stream().filter(codes::contains).toList();
		for (String code : ordered) {
			header.add(districts.name(code));
			numeric.add(true);
		}
		List<List<String>> body = new ArrayList<>();
		for (Map.Entry<String, Map<String, int[]>> type : matrix.entrySet()) {
			List<String> line = new ArrayList<>(List.of(type.getKey()));
			for (String code : ordered) {
				int[] cell = type.getValue().get(code);
				line.add((cell == null) ? "—" : cell[0] + ((cell[1] > 0) ? "（国家级 " + cell[1] + "）" : ""));
			}
			body.add(line);
		}
		rawTable(header, numeric, body);
		source("mart.district_platform_counts（平台数，括号内为其中国家级）");
	}

	private void trends(Districts districts) throws SQLException {
		section("trends", "七、趋势");
		List<Row> history = rows("select * from mart.district_talent_history order by district_code, snapshot_date");
		Map<String, List<Row>> byDistrict = history.stream()
			.collect(Collectors.groupingBy((r) -> r.text("district_code"), LinkedHashMap::new, Collectors.toList()));
		List<SvgCharts.Line> lines = new ArrayList<>();
		LocalDate min = null;
		LocalDate max = null;
		int i = 0;
		for (Map.Entry<String, List<Row>> d : byDistrict.entrySet()) {
			List<SvgCharts.Point> points = new ArrayList<>();
			for (Row r : d.getValue()) {
				LocalDate date = LocalDate.parse(r.text("snapshot_date"));
				min = (min == null || date.isBefore(min)) ? date : min;
				max = (max == null || date.isAfter(max)) ? date : max;
				points.add(new SvgCharts.Point(date.toEpochDay(), r.numberOrZero("talent_total"), date.toString()));
			}
			lines.add(new SvgCharts.Line(districts.name(d.getKey()), PALETTE.get(i++ % PALETTE.size()), points));
		}
		if (min != null) {
			List<SvgCharts.Tick> ticks = new ArrayList<>();
			for (int y = min.getYear(); y <= max.getYear() + 1; y++) {
				ticks.add(new SvgCharts.Tick(LocalDate.of(y, 1, 1).toEpochDay(), y + "年"));
			}
			chart("各区县人才资源总量（人），每期花名册一个点",
					SvgCharts.lines("各区县人才资源总量历史（人）", lines, ticks, 0), "mart.district_talent_history");
		}
		boolean anyGrowth = history.stream().anyMatch((r) -> r.text("talent_total_yoy_growth_pct") != null);
		if (!anyGrowth) {
			note("目前没有区县有相隔约一年（前后45天内）的两期花名册，同比增长暂无法计算；每个区县再报送一期后即可显示。");
		}
		table(List.of("区县", "花名册日期", "人才资源总量", "上年同期日期", "上年同期总量", "同比增长", "高层次人才", "高层次人才同比"),
				List.of(false, false, true, false, true, true, true, true), history,
				(r) -> List.of(r.text("district_name"), r.text("snapshot_date") + (r.flag("is_latest") ? "（最新）" : ""),
						integer(r, "talent_total"), Objects.requireNonNullElse(r.text("prior_snapshot_date"), "—"),
						(r.number("prior_talent_total") == null) ? "—" : integer(r, "prior_talent_total"),
						percent(r.number("talent_total_yoy_growth_pct")), integer(r, "high_level_total"),
						percent(r.number("high_level_total_yoy_growth_pct"))));
		source("mart.district_talent_history");
	}

	private void reconciliation() throws SQLException {
		section("reconciliation", "八、公开数据核对");
		note("将区县公开报道中的数字（seeds/reported_indicators.csv，每条注明出处）与数据仓库按最接近日期的一期数据计算的结果对照："
				+ "绿色为一致，红色为不一致，灰色为记录中没有可计算的口径。");
		List<Row> rows = rows("select * from mart.reported_vs_computed order by district_code, indicator, as_of");
		List<String> header = List.of("区县", "指标", "口径日期", "口径", "公布值", "计算值", "计算所用快照", "差异", "结果", "说明与原文");
		this.html.append("<table><thead><tr>");
		for (int c = 0; c < header.size(); c++) {
			this.html.append((c >= 4 && c <= 7 && c != 6) ? "<th class=\"num\">" : "<th>").append(Html.escape(header.get(c)))
				.append("</th>");
		}
		this.html.append("</tr></thead><tbody>\n");
		for (Row r : rows) {
			String status = Objects.requireNonNullElse(r.text("status"), "");
			this.html.append("<tr class=\"status-").append(Html.escape(status.replace(' ', '-'))).append("\">");
			this.html.append("<td class=\"nowrap\">")
				.append(Html.escape(Objects.requireNonNullElse(r.text("district_name"), r.text("district_code"))))
				.append("</td>");
			this.html.append("<td class=\"indicator\"><code>").append(Html.escape(r.text("indicator"))).append("</code></td>");
			this.html.append("<td class=\"nowrap\">").append(Html.escape(r.text("as_of"))).append("</td>");
			this.html.append("<td class=\"nowrap\">")
				.append(Html.escape(QUALIFIER_LABELS.getOrDefault(r.text("qualifier"), r.text("qualifier"))))
				.append("</td>");
			cell(integer(r, "reported_value") + Objects.requireNonNullElse(r.text("unit"), ""), true);
			cell((r.number("computed_value") == null) ? "—" : integer(r, "computed_value"), true);
			this.html.append("<td class=\"nowrap\">")
				.append(Html.escape(Objects.requireNonNullElse(r.text("computed_snapshot_date"), "—")))
				.append("</td>");
			cell(percent(r.number("difference_pct")), true);
			this.html.append("<td><span class=\"status\">").append(Html.escape(STATUS_LABELS.getOrDefault(status, status)))
				.append("</span> <code>").append(Html.escape(status)).append("</code></td>");
			this.html.append("<td>");
			if (r.text("reason") != null) {
				this.html.append(Html.escape(r.text("reason"))).append("<br>");
			}
			this.html.append("<span class=\"sentence\">").append(Html.escape(r.text("sentence"))).append("（")
				.append(Html.escape(r.text("article_file"))).append("）</span></td>");
			this.html.append("</tr>\n");
		}
		this.html.append("</tbody></table>\n");
		source("mart.reported_vs_computed");
	}

	private void flows(Districts districts) throws SQLException {
		section("flows", "九、人才流动");
		List<Row> periods = rows("select * from mart.district_talent_flows where has_new_roster"
				+ " and previous_snapshot_date is not null order by as_of_date desc, district_code");
		if (periods.isEmpty()) {
			note("尚无可比较的两期花名册：区县再报送一期花名册后，即可按人（假名）统计留存、流入与流出。");
			return;
		}
		note("按人（假名）比较相邻两个统计时点（各年12月31日及最新花名册日期）各区县所用的花名册：两期都在册为留存，"
				+ "新出现者为流入（此前在其他区县花名册上为跨区县流入，否则为新进入全市花名册），不再在册者为流出。"
				+ "区县花名册报送滞后时，迁入该区县的人在其下一期花名册前显示为“离开全市花名册”。");
		table(List.of("统计时点", "区县", "期初花名册", "期末花名册", "期初总量", "留存", "跨区县流入", "新进入全市", "流向外区县",
				"离开全市", "净流入", "流入来源"),
				List.of(false, false, false, false, true, true, true, true, true, true, true, false), periods,
				(r) -> List.of(r.text("as_of_date"), districts.name(r.text("district_code")), r.text("previous_snapshot_date"),
						r.text("current_snapshot_date"), integer(r, "previous_total"), integer(r, "stayed"),
						integer(r, "arrived_from_other_districts"), integer(r, "arrived_new_to_city"),
						integer(r, "left_for_other_districts"), integer(r, "left_city_rosters"), integer(r, "net_inflow"),
						Objects.requireNonNullElse(r.text("arrived_from"), "—")));
		source("mart.district_talent_flows");
		String latest = periods.get(0).text("as_of_date");
		List<Row> matrix = rows("select * from mart.municipal_talent_flows where as_of_date = date '" + latest + "'");
		List<String> origins = new ArrayList<>(new LinkedHashSet<>(matrix.stream()
			.map((r) -> r.text("origin_district_name")).sorted().toList()));
		List<String> destinations = new ArrayList<>(new LinkedHashSet<>(matrix.stream()
			.map((r) -> r.text("destination_district_name")).sorted().toList()));
		Double[][] people = new Double[origins.size()][destinations.size()];
		for (Row r : matrix) {
			people[origins.indexOf(r.text("origin_district_name"))][destinations.indexOf(r.text("destination_district_name"))] =
					r.numberOrZero("people");
		}
		String title = "人才流向矩阵（截至 " + latest + "，行：来源，列：去向，人）";
		chart(title, SvgCharts.heatmap(title, origins, destinations, List.of(), people, 0, ""),
				"mart.municipal_talent_flows.people");
	}

	private void planProgress() throws SQLException {
		section("plan", "十、规划目标进展");
		List<Row> rows = rows("select * from mart.district_plan_progress order by district_code, target_id");
		if (rows.isEmpty()) {
			note("seeds/plan_targets.csv 中没有规划目标。");
			return;
		}
		note("规划目标（seeds/plan_targets.csv，每条注明出处）的完成进度：深色为目标完成率，浅灰为同期时间进度"
				+ "（自基期至最新快照占规划期的比例）；完成率不低于时间进度为“进度正常”。无数据来源的目标注明原因。");
		List<SvgCharts.Bar> bars = new ArrayList<>();
		for (Row r : rows) {
			if (r.number("share_achieved") == null) {
				continue;
			}
			String label = Objects.requireNonNullElse(r.text("district_name"), r.text("district_code")) + " "
					+ r.text("indicator") + ("at_least".equals(r.text("qualifier")) ? "（≥" : "（")
					+ Html.number(r.numberOrZero("target_value"), 1) + Objects.requireNonNullElse(r.text("unit"), "") + "）";
			bars.add(SvgCharts.Bar.of(label + " 完成", 100 * r.numberOrZero("share_achieved"),
					"on track".equals(r.text("status")) || "achieved".equals(r.text("status")) ? "#59a14f" : "#e15759"));
			bars.add(SvgCharts.Bar.of(label + " 时间", 100 * r.numberOrZero("share_elapsed"), "#bbbbbb"));
		}
		if (!bars.isEmpty()) {
			chart("目标完成率与时间进度（%）", SvgCharts.bars("目标完成率与时间进度（%）", bars,
					List.of(new SvgCharts.Legend("完成率", "#59a14f")),
					List.of(new SvgCharts.Legend("进度正常或已完成", "#59a14f"), new SvgCharts.Legend("落后", "#e15759"),
							new SvgCharts.Legend("时间进度", "#bbbbbb")), 1, "—"),
					"mart.district_plan_progress.share_achieved, share_elapsed");
		}
		table(List.of("区县", "指标", "目标", "基期快照", "基期值", "最新快照", "最新值", "已完成", "进展", "说明与原文"),
				List.of(false, false, true, false, true, false, true, true, false, false), rows,
				(r) -> List.of(Objects.requireNonNullElse(r.text("district_name"), r.text("district_code")), r.text("indicator"),
						QUALIFIER_LABELS.getOrDefault(r.text("qualifier"), r.text("qualifier")) + " "
								+ Html.number(r.numberOrZero("target_value"), 1) + Objects.requireNonNullElse(r.text("unit"), ""),
						Objects.requireNonNullElse(r.text("baseline_snapshot_date"), "—"),
						(r.number("baseline_value") == null) ? "—" : integer(r, "baseline_value"),
						Objects.requireNonNullElse(r.text("latest_snapshot_date"), "—"),
						(r.number("latest_value") == null) ? "—" : integer(r, "latest_value"),
						(r.number("achieved") == null) ? "—" : Html.number(r.numberOrZero("achieved"), 1),
						PLAN_STATUS_LABELS.getOrDefault(r.text("status"), r.text("status")),
						Objects.requireNonNullElse(r.text("reason"), "") + " " + r.text("sentence")));
		source("mart.district_plan_progress");
	}

	private void programmes(Districts districts) throws SQLException {
		section("programmes", "十一、人才项目");
		List<Row> rows = rows("select * from mart.district_programme_counts where is_latest_snapshot"
				+ " order by district_code, programme_code, is_programme_total, tier_code nulls last");
		Set<String> sending = new LinkedHashSet<>();
		rows.forEach((r) -> sending.add(r.text("district_code")));
		List<String> silent = districts.codes().stream().filter((c) -> !sending.contains(c)).map(districts::name).toList();
		note("各区县最新人才项目台账（渝才荟认定、重庆英才服务卡、科技副总、引才意向等）中的在册人数（截止日期早于台账日期的不计）。"
				+ (silent.isEmpty() ? "" : "未报送台账的区县为无数据，不是 0：" + String.join("、", silent) + "。"));
		if (rows.isEmpty()) {
			return;
		}
		List<SvgCharts.Bar> bars = new ArrayList<>();
		for (Row r : rows) {
			if ("true".equals(r.text("is_programme_total"))) {
				bars.add(SvgCharts.Bar.of(districts.name(r.text("district_code")) + " " + r.text("programme_name"),
						r.numberOrZero("people"), districts.color(r.text("district_code"))));
			}
		}
		chart("各区县人才项目在册人数（人）", SvgCharts.bars("各区县人才项目在册人数（人）", bars,
				List.of(new SvgCharts.Legend("人数", "#4e79a7")), List.of(), 0, "无数据"),
				"mart.district_programme_counts（is_programme_total）");
		table(List.of("区县", "台账日期", "人才项目", "层次或卡类", "人数", "其中硕士以上", "已到期"),
				List.of(false, false, false, false, true, true, true), rows,
				(r) -> List.of(districts.name(r.text("district_code")), r.text("snapshot_date"), r.text("programme_name"),
						r.text("tier_name"), integer(r, "people"), integer(r, "master_and_above"), integer(r, "ended")));
		source("mart.district_programme_counts");
		List<Row> city = rows("select * from mart.municipal_programme_totals order by programme_code");
		table(List.of("人才项目", "报送台账区县", "有持有人区县", "区县合计", "全市去重人数"),
				List.of(false, true, true, true, true), city,
				(r) -> List.of(r.text("programme_name"), integer(r, "districts_with_ledger"), integer(r, "districts_holding"),
						integer(r, "district_sum"), integer(r, "distinct_people")));
		source("mart.municipal_programme_totals（一人在多个区县台账上只计一次）");
	}

	private void footer() {
		this.html.append("""
				<footer>
				<p>口径说明：人才资源总量按人去重（同一人属多个类别只计一次）；各类别可重叠；每万常住人口人才数 = 人才资源总量 ÷ 常住人口 × 10000，
				常住人口取 seeds/districts.csv 中最近年份的公开数字，无公开数字的区县不计算；高层次人才包括国家级、省部级和区县级；
				区县代码依据 GB/T 2260，2025-11-06 起江北区、渝北区撤销，设立两江新区。</p>
				<p>本报告由 talent-warehouse report 生成，全部内容（含图表）内嵌于本文件，无需联网即可打开。每张图表下方注明了数据来自哪个 mart 视图，可用 SQL 复现。</p>
				</footer>
				</main>
				</body>
				</html>
				""");
	}

	/** One stacked bar per district of the report; a district absent from the rows has no data, not zero. */
	private void stackedByDistrict(Districts districts, List<Row> rows, String seriesColumn, String rankColumn,
			String valueColumn, String title, int decimals, String missing, String source) {
		if (rows.isEmpty()) {
			note("尚无数据。");
			return;
		}
		Map<String, Integer> rankOf = new LinkedHashMap<>();
		for (Row r : rows) {
			rankOf.putIfAbsent(r.text(seriesColumn), (int) r.numberOrZero(rankColumn));
		}
		List<String> series = new ArrayList<>(rankOf.keySet());
		series.sort(Comparator.comparing(rankOf::get));
		List<Legend> legend = new ArrayList<>();
		for (int s = 0; s < series.size(); s++) {
			legend.add(new Legend(series.get(s), RANK_COLORS.get(Math.min(s, RANK_COLORS.size() - 1))));
		}
		Map<String, Map<String, Double>> values = new LinkedHashMap<>();
		for (Row r : rows) {
			values.computeIfAbsent(r.text("district_code"), (k) -> new LinkedHashMap<>())
				.merge(r.text(seriesColumn), r.numberOrZero(valueColumn), Double::sum);
		}
		List<Bar> bars = new ArrayList<>();
		for (String code : districts.codes()) {
			Map<String, Double> v = values.get(code);
			bars.add(new Bar(districts.name(code),
					(v == null) ? null : series.stream().map((s) -> v.getOrDefault(s, 0.0)).toList(), null));
		}
		bars.sort(byTotalDescending());
		chart(title, SvgCharts.bars(title, bars, legend, legend, decimals, missing), source);
	}

	private static Comparator<Bar> byTotalDescending() {
		return Comparator.comparing((Bar b) -> b.segments() == null).thenComparing(Bar::total, Comparator.reverseOrder());
	}

	private static List<Legend> regionLegend(Districts districts) {
		List<Legend> legend = new ArrayList<>();
		new LinkedHashSet<>(districts.regions().values()).stream()
			.filter(Objects::nonNull)
			.sorted()
			.forEach((region) -> legend.add(new Legend(region, REGION_COLORS.getOrDefault(region, "#999999"))));
		return legend;
	}

	private void section(String id, String title) {
		this.html.append("<section id=\"").append(Html.escape(id)).append("\">\n<h2>").append(Html.escape(title))
			.append("</h2>\n");
	}

	private void note(String text) {
		this.html.append("<p class=\"note\">").append(Html.escape(text)).append("</p>\n");
	}

	private void source(String text) {
		this.html.append("<p class=\"source\">数据：").append(Html.escape(text)).append("</p>\n");
	}

	private void chart(String caption, String svg, String source) {
		this.html.append("<h3>").append(Html.escape(caption)).append("</h3>\n").append(svg).append('\n');
		source(source);
	}

	private void card(String label, String value, String sub) {
		this.html.append("<div class=\"card\"><div class=\"label\">").append(Html.escape(label))
			.append("</div><div class=\"value\">").append(Html.escape(value)).append("</div><div class=\"sub\">")
			.append(Html.escape(sub)).append("</div></div>\n");
	}

	private void table(List<String> header, List<Boolean> numeric, List<Row> rows, Function<Row, List<String>> cells) {
		List<List<String>> body = new ArrayList<>();
		rows.forEach((r) -> body.add(cells.apply(r)));
		rawTable(header, numeric, body);
	}

	private void rawTable(List<String> header, List<Boolean> numeric, List<List<String>> body) {
		this.html.append("<table><thead><tr>");
		for (int c = 0; c < header.size(); c++) {
			this.html.append(numeric.get(c) ? "<th class=\"num\">" : "<th>").append(Html.escape(header.get(c)))
				.append("</th>");
		}
		this.html.append("</tr></thead><tbody>\n");
		for (List<String> line : body) {
			this.html.append("<tr>");
			for (int c = 0; c < line.size(); c++) {
				cell(line.get(c), numeric.get(c));
			}
			this.html.append("</tr>\n");
		}
		this.html.append("</tbody></table>\n");
	}

	private void cell(String text, boolean numeric) {
		this.html.append(numeric ? "<td class=\"num\">" : "<td>").append(Html.escape(text)).append("</td>");
	}

	/** Whether any load of this warehouse read extracts written by the demo generator. */
	private boolean holdsDemoData() throws SQLException {
		List<Row> column = rows("select count(*) as n from duckdb_columns() where schema_name = 'ops'"
				+ " and table_name = 'runs' and column_name = 'is_demo'");
		return !column.get(0).text("n").equals("0")
				&& !rows("select 1 as demo from ops.runs where is_demo limit 1").isEmpty();
	}

	private List<Row> rows(String sql) throws SQLException {
		return Row.query(this.connection, sql);
	}

	private static Map<String, Row> index(List<Row> rows) {
		Map<String, Row> byCode = new LinkedHashMap<>();
		rows.forEach((r) -> byCode.put(r.text("district_code"), r));
		return byCode;
	}

	private static double sum(List<Row> rows, String column) {
		return rows.stream().mapToDouble((r) -> r.numberOrZero(column)).sum();
	}

	private static String integer(Row r, String column) {
		return Html.number(r.number(column), 0, "—");
	}

	private static String percent(Double value) {
		if (value == null) {
			return "—";
		}
		return ((value > 0) ? "+" : "") + Html.number(value, 2) + "%";
	}

	private static String rank(String rank, String of) {
		if (rank == null) {
			return "—";
		}
		return (of == null) ? rank : rank + " / " + of;
	}

	private static String first(Set<String> sorted) {
		return sorted.iterator().next();
	}

	private static String last(Set<String> sorted) {
		String last = null;
		for (String s : sorted) {
			last = s;
		}
		return last;
	}

}
