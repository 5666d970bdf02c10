package cq.talentwarehouse.report;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import cq.talentwarehouse.report.SvgCharts.Bar;
import cq.talentwarehouse.report.SvgCharts.Legend;

import static cq.talentwarehouse.report.ReportPage.PALETTE;
import static cq.talentwarehouse.report.ReportPage.RANK_COLORS;
import static cq.talentwarehouse.report.ReportPage.REGION_COLORS;
import static cq.talentwarehouse.report.ReportPage.index;
import static cq.talentwarehouse.report.ReportPage.integer;
import static cq.talentwarehouse.report.ReportPage.percent;
import static cq.talentwarehouse.report.ReportPage.rank;
import static cq.talentwarehouse.report.ReportPage.sum;

/**
 * The report's district comparisons, one section each: talent totals, categories, high-level
 * talents, enterprises, platforms and trends over time.
 */
final class DistrictSections {

	private final ReportPage page;

	DistrictSections(ReportPage page) {
		this.page = page;
	}

	void talentTotals(ReportPage.Districts districts, List<Row> totals) {
		this.page.section("talent", "二、人才资源总量与密度");
		Map<String, Row> byCode = index(totals);
		List<Legend> regionLegend = regionLegend(districts);

		List<Bar> bars = new ArrayList<>();
		for (String code : districts.codes()) {
			Row r = byCode.get(code);
			bars.add(Bar.of(districts.name(code), (r == null) ? null : r.number("talent_total"), districts.color(code)));
		}
		bars.sort(byTotalDescending());
		this.page.chart("人才资源总量（人）", SvgCharts.bars("各区县人才资源总量（人）", bars, List.of(new Legend("人才资源总量", "#4e79a7")),
				regionLegend, 0, "无花名册"), "mart.district_talent_totals.talent_total");

		bars = new ArrayList<>();
		for (String code : districts.codes()) {
			Row r = byCode.get(code);
			bars.add(Bar.of(districts.name(code), (r == null) ? null : r.number("talents_per_10k_residents"),
					districts.color(code)));
		}
		bars.sort(byTotalDescending());
		this.page.chart("每万常住人口人才数", SvgCharts.bars("各区县每万常住人口人才数", bars, List.of(new Legend("每万常住人口人才数", "#4e79a7")),
				regionLegend, 1, "常住人口未知，无法计算"), "mart.district_talent_totals.talents_per_10k_residents");

		this.page.table(List.of("区县", "片区", "花名册日期", "人才资源总量", "片区排名", "每万常住人口人才数", "片区排名（每万人）", "高层次人才", "高技能人才",
				"常住人口（年份）"), List.of(false, false, false, true, true, true, true, true, true, true), totals,
				(r) -> List.of(r.text("district_name"), r.text("region"), r.text("snapshot_date"), integer(r, "talent_total"),
						rank(r.text("rank_in_region"), r.text("districts_ranked_in_region")),
						Html.number(r.number("talents_per_10k_residents"), 1, "—"),
						rank(r.text("rank_in_region_per_10k"), null), integer(r, "high_level_total"),
						integer(r, "high_skill_total"),
						(r.number("resident_population") == null) ? "未知"
								: integer(r, "resident_population") + "（" + r.text("population_year") + "）"));
		this.page.source("mart.district_talent_totals；排名在同一片区已加载的区县之间比较，常住人口来自 seeds/districts.csv");
	}

	void categories(ReportPage.Districts districts) throws SQLException {
		this.page.section("categories", "三、人才分类");
		List<Row> rows = this.page.rows("select * from mart.district_talent_by_category");
		if (rows.isEmpty()) {
			this.page.note("尚无花名册数据。");
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
		this.page.note("一人可属多个类别，故各类别之和大于人才资源总量。颜色越深，占比越高（全表统一色阶）。");
		this.page.chart("各类别人才占本区县人才资源总量的比例（%）",
				SvgCharts.heatmap("各类别人才占本区县人才资源总量的比例（%）", codes.stream().map(districts::name).toList(),
						columnNames, headers, shares, 1, "%"),
				"mart.district_talent_by_category.share_of_district_total_pct");
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
		crossTable(List.of("区县", "花名册日期"), columnNames, body);
		this.page.source("mart.district_talent_by_category（人数）");
	}

	void highLevel(ReportPage.Districts districts) throws SQLException {
		this.page.section("high-level", "四、高层次人才");
		List<Row> rows = this.page.rows("select * from mart.district_high_level_talents order by district_code, level_rank");
		stackedByDistrict(districts, rows, "talent_level_name", "level_rank", "talents", "各区县高层次人才（按层级，人）", 0,
				"无花名册", "mart.district_high_level_talents");
	}

	void enterprises(ReportPage.Districts districts) throws SQLException {
		this.page.section("enterprises", "五、专精特新与科技企业");
		List<Row> tiers = this.page.rows("select * from mart.district_enterprise_by_tier order by district_code, qualification_family, tier_rank");
		this.page.note("梯度图中每家企业在同一体系内只计一次，按其持有的最高层级资质归类；下表“专精特新企业”按资质计数，包含国家级“小巨人”。");
		Map<String, List<Row>> families = tiers.stream()
			.collect(Collectors.groupingBy((r) -> r.text("qualification_family"), LinkedHashMap::new, Collectors.toList()));
		for (Map.Entry<String, List<Row>> family : families.entrySet()) {
			stackedByDistrict(districts, family.getValue(), "qualification_name", "tier_rank", "enterprises",
					family.getKey() + "企业梯度（按最高层级，家）", 0, "无企业名单", "mart.district_enterprise_by_tier");
		}
		List<Row> counts = this.page.rows("select * from mart.district_enterprise_counts order by district_code");
		this.page.table(List.of("区县", "企业名单日期", "专精特新企业（含小巨人）", "国家级“小巨人”", "高新技术企业", "科技型企业", "创新型中小企业",
				"资质企业总数"), List.of(false, false, true, true, true, true, true, true), counts,
				(r) -> List.of(r.text("district_name"), r.text("snapshot_date"), integer(r, "specialized_sme"),
						integer(r, "little_giant"), integer(r, "high_tech"), integer(r, "tech_sme"),
						integer(r, "innovative_sme"), integer(r, "enterprise_total")));
		this.page.source("mart.district_enterprise_counts");

		List<Row> years = this.page.rows("select * from mart.district_enterprise_by_grant_year where grant_year is not null"
				+ " and (is_specialized or tier_rank = 1) order by qualification_family, tier_rank, district_code, grant_year");
		Map<String, List<Row>> byQualification = years.stream()
			.collect(Collectors.groupingBy((r) -> r.text("qualification_name"), LinkedHashMap::new, Collectors.toList()));
		for (Map.Entry<String, List<Row>> q : byQualification.entrySet()) {
			List<SvgCharts.Line> lines = linePerDistrict(districts, q.getValue(), (r) -> {
				int year = Integer.parseInt(r.text("grant_year"));
				return new SvgCharts.Point(year, r.numberOrZero("cumulative_enterprises"), year + "年");
			});
			int minYear = (int) minX(lines);
			int maxYear = (int) maxX(lines);
			List<SvgCharts.Tick> ticks = new ArrayList<>();
			int step = Math.max(1, (maxYear - minYear + 1) / 12 + 1);
			for (int y = minYear; y <= maxYear; y += step) {
				ticks.add(new SvgCharts.Tick(y, Integer.toString(y)));
			}
			String title = q.getKey() + "：当前名单中的企业按认定年份累计（家）";
			this.page.chart(title, SvgCharts.lines(title, lines, ticks, 0), "mart.district_enterprise_by_grant_year.cumulative_enterprises");
		}
	}

	void platforms(ReportPage.Districts districts) throws SQLException {
		this.page.section("platforms", "六、创新平台");
		List<Row> rows = this.page.rows("select district_code, level_name, level_rank, sum(platforms) as platforms"
				+ " from mart.district_platform_counts group by all order by district_code, level_rank");
		stackedByDistrict(districts, rows, "level_name", "level_rank", "platforms", "各区县创新平台（按级别，个）", 0,
				"未报送平台名单", "mart.district_platform_counts（各类型合计）");
		List<Row> byType = this.page.rows("select * from mart.district_platform_counts order by platform_type, district_code, level_rank");
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
		List<String> ordered = districts.codes().stream().filter(codes::contains).toList();
		List<List<String>> body = new ArrayList<>();
		for (Map.Entry<String, Map<String, int[]>> type : matrix.entrySet()) {
			List<String> line = new ArrayList<>(List.of(type.getKey()));
			for (String code : ordered) {
				int[] cell = type.getValue().get(code);
				line.add((cell == null) ? "—" : cell[0] + ((cell[1] > 0) ? "（国家级 " + cell[1] + "）" : ""));
			}
			body.add(line);
		}
		crossTable(List.of("平台类型"), ordered.stream().map(districts::name).toList(), body);
		this.page.source("mart.district_platform_counts（平台数，括号内为其中国家级）");
	}

	void trends(ReportPage.Districts districts) throws SQLException {
		this.page.section("trends", "七、趋势");
		List<Row> history = this.page.rows("select * from mart.district_talent_history order by district_code, snapshot_date");
		List<SvgCharts.Line> lines = linePerDistrict(districts, history, (r) -> {
			LocalDate date = LocalDate.parse(r.text("snapshot_date"));
			return new SvgCharts.Point(date.toEpochDay(), r.numberOrZero("talent_total"), date.toString());
		});
		if (!lines.isEmpty()) {
			LocalDate min = LocalDate.ofEpochDay((long) minX(lines));
			LocalDate max = LocalDate.ofEpochDay((long) maxX(lines));
			List<SvgCharts.Tick> ticks = new ArrayList<>();
			for (int y = min.getYear(); y <= max.getYear() + 1; y++) {
				ticks.add(new SvgCharts.Tick(LocalDate.of(y, 1, 1).toEpochDay(), y + "年"));
			}
			this.page.chart("各区县人才资源总量（人），每期花名册一个点",
					SvgCharts.lines("各区县人才资源总量历史（人）", lines, ticks, 0), "mart.district_talent_history");
		}
		boolean anyGrowth = history.stream().anyMatch((r) -> r.text("talent_total_yoy_growth_pct") != null);
		if (!anyGrowth) {
			this.page.note("目前没有区县有相隔约一年（前后45天内）的两期花名册，同比增长暂无法计算；每个区县再报送一期后即可显示。");
		}
		this.page.table(List.of("区县", "花名册日期", "人才资源总量", "上年同期日期", "上年同期总量", "同比增长", "高层次人才", "高层次人才同比"),
				List.of(false, false, true, false, true, true, true, true), history,
				(r) -> List.of(r.text("district_name"), r.text("snapshot_date") + (r.flag("is_latest") ? "（最新）" : ""),
						integer(r, "talent_total"), Objects.requireNonNullElse(r.text("prior_snapshot_date"), "—"),
						(r.number("prior_talent_total") == null) ? "—" : integer(r, "prior_talent_total"),
						percent(r.number("talent_total_yoy_growth_pct")), integer(r, "high_level_total"),
						percent(r.number("high_level_total_yoy_growth_pct"))));
		this.page.source("mart.district_talent_history");
	}

	/** A table of leading text columns, then one number column per name ("—" in a body cell: no data). */
	private void crossTable(List<String> leading, List<String> numberColumns, List<List<String>> body) {
		List<String> header = new ArrayList<>(leading);
		header.addAll(numberColumns);
		List<Boolean> numeric = new ArrayList<>();
		leading.forEach((c) -> numeric.add(false));
		numberColumns.forEach((c) -> numeric.add(true));
		this.page.rawTable(header, numeric, body);
	}

	/** One line per district of the rows (ordered by district, then x), in palette order. */
	private static List<SvgCharts.Line> linePerDistrict(ReportPage.Districts districts, List<Row> rows,
			Function<Row, SvgCharts.Point> point) {
		Map<String, List<Row>> byDistrict = rows.stream()
			.collect(Collectors.groupingBy((r) -> r.text("district_code"), LinkedHashMap::new, Collectors.toList()));
		List<SvgCharts.Line> lines = new ArrayList<>();
		int i = 0;
		for (Map.Entry<String, List<Row>> d : byDistrict.entrySet()) {
			lines.add(new SvgCharts.Line(districts.name(d.getKey()), PALETTE.get(i++ % PALETTE.size()),
					d.getValue().stream().map(point).toList()));
		}
		return lines;
	}

	private static double minX(List<SvgCharts.Line> lines) {
		return lines.stream().flatMap((l) -> l.points().stream()).mapToDouble(SvgCharts.Point::x).min().orElseThrow();
	}

	private static double maxX(List<SvgCharts.Line> lines) {
		return lines.stream().flatMap((l) -> l.points().stream()).mapToDouble(SvgCharts.Point::x).max().orElseThrow();
	}

	/** One stacked bar per district of the report; a district absent from the rows has no data, not zero. */
	private void stackedByDistrict(ReportPage.Districts districts, List<Row> rows, String seriesColumn, String rankColumn,
			String valueColumn, String title, int decimals, String missing, String source) {
		if (rows.isEmpty()) {
			this.page.note("尚无数据。");
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
		this.page.chart(title, SvgCharts.bars(title, bars, legend, legend, decimals, missing), source);
	}

	private static Comparator<Bar> byTotalDescending() {
		return Comparator.comparing((Bar b) -> b.segments() == null).thenComparing(Bar::total, Comparator.reverseOrder());
	}

	private static List<Legend> regionLegend(ReportPage.Districts districts) {
		List<Legend> legend = new ArrayList<>();
		new LinkedHashSet<>(districts.regions().values()).stream()
			.filter(Objects::nonNull)
			.sorted()
			.forEach((region) -> legend.add(new Legend(region, REGION_COLORS.getOrDefault(region, "#999999"))));
		return legend;
	}

}
