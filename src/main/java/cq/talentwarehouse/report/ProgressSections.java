package cq.talentwarehouse.report;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import cq.talentwarehouse.report.SvgCharts.Bar;
import cq.talentwarehouse.report.SvgCharts.Legend;

import static cq.talentwarehouse.report.ReportPage.integer;

/**
 * The report's sections on change over time and plans: talent flows between districts, progress
 * against the five-year plan targets, and the talent programmes.
 */
final class ProgressSections {

	private static final Map<String, String> QUALIFIER_LABELS = Map.of("exact", "精确", "at_least", "不低于",
			"approximately", "约（±5%）");

	private static final Map<String, String> PLAN_STATUS_LABELS = Map.of("achieved", "已完成", "on track", "进度正常",
			"behind", "落后", "not computable", "无法计算");

	private final ReportPage page;

	ProgressSections(ReportPage page) {
		this.page = page;
	}

	void flows(ReportPage.Districts districts) throws SQLException {
		this.page.section("flows", "九、人才流动");
		List<Row> periods = this.page.rows("select * from mart.district_talent_flows where has_new_roster"
				+ " and previous_snapshot_date is not null order by as_of_date desc, district_code");
		if (periods.isEmpty()) {
			this.page.note("尚无可比较的两期花名册：区县再报送一期花名册后，即可按人（假名）统计留存、流入与流出。");
			return;
		}
		this.page.note("按人（假名）比较相邻两个统计时点（各年12月31日及最新花名册日期）各区县所用的花名册：两期都在册为留存，"
				+ "新出现者为流入（此前在其他区县花名册上为跨区县流入，否则为新进入全市花名册），不再在册者为流出。"
				+ "区县花名册报送滞后时，迁入该区县的人在其下一期花名册前显示为“离开全市花名册”。");
		this.page.table(List.of("统计时点", "区县", "期初花名册", "期末花名册", "期初总量", "留存", "跨区县流入", "新进入全市", "流向外区县",
				"离开全市", "净流入", "流入来源"),
				List.of(false, false, false, false, true, true, true, true, true, true, true, false), periods,
				(r) -> List.of(r.text("as_of_date"), districts.name(r.text("district_code")), r.text("previous_snapshot_date"),
						r.text("current_snapshot_date"), integer(r, "previous_total"), integer(r, "stayed"),
						integer(r, "arrived_from_other_districts"), integer(r, "arrived_new_to_city"),
						integer(r, "left_for_other_districts"), integer(r, "left_city_rosters"), integer(r, "net_inflow"),
						Objects.requireNonNullElse(r.text("arrived_from"), "—")));
		this.page.source("mart.district_talent_flows");
		String latest = periods.get(0).text("as_of_date");
		List<Row> matrix = this.page.rows("select * from mart.municipal_talent_flows where as_of_date = date '" + latest + "'");
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
		this.page.chart(title, SvgCharts.heatmap(title, origins, destinations, List.of(), people, 0, ""),
				"mart.municipal_talent_flows.people");
	}

	void planProgress() throws SQLException {
		this.page.section("plan", "十、规划目标进展");
		List<Row> rows = this.page.rows("select * from mart.district_plan_progress order by district_code, target_id");
		if (rows.isEmpty()) {
			this.page.note("seeds/plan_targets.csv 中没有规划目标。");
			return;
		}
		this.page.note("规划目标（seeds/plan_targets.csv，每条注明出处）的完成进度：深色为目标完成率，浅灰为同期时间进度"
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
			this.page.chart("目标完成率与时间进度（%）", SvgCharts.bars("目标完成率与时间进度（%）", bars,
					List.of(new SvgCharts.Legend("完成率", "#59a14f")),
					List.of(new SvgCharts.Legend("进度正常或已完成", "#59a14f"), new SvgCharts.Legend("落后", "#e15759"),
							new SvgCharts.Legend("时间进度", "#bbbbbb")), 1, "—"),
					"mart.district_plan_progress.share_achieved, share_elapsed");
		}
		this.page.table(List.of("区县", "指标", "目标", "基期快照", "基期值", "最新快照", "最新值", "已完成", "进展", "说明与原文"),
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
		this.page.source("mart.district_plan_progress");
	}

	void programmes(ReportPage.Districts districts) throws SQLException {
		this.page.section("programmes", "十一、人才项目");
		List<Row> rows = this.page.rows("select * from mart.district_programme_counts where is_latest_snapshot"
				+ " order by district_code, programme_code, is_programme_total, tier_code nulls last");
		Set<String> sending = new LinkedHashSet<>();
		rows.forEach((r) -> sending.add(r.text("district_code")));
		List<String> silent = districts.codes().stream().filter((c) -> !sending.contains(c)).map(districts::name).toList();
		this.page.note("各区县最新人才项目台账（渝才荟认定、重庆英才服务卡、科技副总、引才意向等）中的在册人数（截止日期早于台账日期的不计）。"
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
		this.page.chart("各区县人才项目在册人数（人）", SvgCharts.bars("各区县人才项目在册人数（人）", bars,
				List.of(new SvgCharts.Legend("人数", "#4e79a7")), List.of(), 0, "无数据"),
				"mart.district_programme_counts（is_programme_total）");
		this.page.table(List.of("区县", "台账日期", "人才项目", "层次或卡类", "人数", "其中硕士以上", "已到期"),
				List.of(false, false, false, false, true, true, true), rows,
				(r) -> List.of(districts.name(r.text("district_code")), r.text("snapshot_date"), r.text("programme_name"),
						r.text("tier_name"), integer(r, "people"), integer(r, "master_and_above"), integer(r, "ended")));
		this.page.source("mart.district_programme_counts");
		List<Row> city = this.page.rows("select * from mart.municipal_programme_totals order by programme_code");
		this.page.table(List.of("人才项目", "报送台账区县", "有持有人区县", "区县合计", "全市去重人数"),
				List.of(false, true, true, true, true), city,
				(r) -> List.of(r.text("programme_name"), integer(r, "districts_with_ledger"), integer(r, "districts_holding"),
						integer(r, "district_sum"), integer(r, "distinct_people")));
		this.page.source("mart.municipal_programme_totals（一人在多个区县台账上只计一次）");
	}

}
