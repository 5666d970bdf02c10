package cq.talentwarehouse.report;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The report page under construction and its building blocks (sections, notes, cards, tables,
 * charts with the view they come from), with the connection its figures are read from.
 */
final class ReportPage {

	static final Map<String, String> REGION_COLORS = Map.of("主城都市区", "#4e79a7", "渝东北", "#59a14f", "渝东南",
			"#f28e2b");

	/** Sequential blues for ranked tiers and levels, highest first. */
	static final List<String> RANK_COLORS = List.of("#08306b", "#2171b5", "#6baed6", "#c6dbef", "#deebf7");

	static final List<String> PALETTE = List.of("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
			"#b07aa1", "#ff9da7", "#9c755f", "#bab0ac");

	private final Connection connection;

	private final StringBuilder html = new StringBuilder(128 * 1024);

	ReportPage(Connection connection) {
		this.connection = connection;
	}

	StringBuilder html() {
		return this.html;
	}

	/** The districts of the report, in code order, with their names and regions. */
	record Districts(Map<String, String> names, Map<String, String> regions) {

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

	void head() {
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

	void footer() {
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

	void section(String id, String title) {
		this.html.append("<section id=\"").append(Html.escape(id)).append("\">\n<h2>").append(Html.escape(title))
			.append("</h2>\n");
	}

	void note(String text) {
		this.html.append("<p class=\"note\">").append(Html.escape(text)).append("</p>\n");
	}

	void source(String text) {
		this.html.append("<p class=\"source\">数据：").append(Html.escape(text)).append("</p>\n");
	}

	void chart(String caption, String svg, String source) {
		this.html.append("<h3>").append(Html.escape(caption)).append("</h3>\n").append(svg).append('\n');
		source(source);
	}

	void card(String label, String value, String sub) {
		this.html.append("<div class=\"card\"><div class=\"label\">").append(Html.escape(label))
			.append("</div><div class=\"value\">").append(Html.escape(value)).append("</div><div class=\"sub\">")
			.append(Html.escape(sub)).append("</div></div>\n");
	}

	void table(List<String> header, List<Boolean> numeric, List<Row> rows, Function<Row, List<String>> cells) {
		List<List<String>> body = new ArrayList<>();
		rows.forEach((r) -> body.add(cells.apply(r)));
		rawTable(header, numeric, body);
	}

	void rawTable(List<String> header, List<Boolean> numeric, List<List<String>> body) {
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

	void cell(String text, boolean numeric) {
		this.html.append(numeric ? "<td class=\"num\">" : "<td>").append(Html.escape(text)).append("</td>");
	}

	/** Whether any load of this warehouse read extracts written by the demo generator. */
	boolean holdsDemoData() throws SQLException {
		List<Row> column = rows("select count(*) as n from duckdb_columns() where schema_name = 'ops'"
				+ " and table_name = 'runs' and column_name = 'is_demo'");
		return !column.get(0).text("n").equals("0")
				&& !rows("select 1 as demo from ops.runs where is_demo limit 1").isEmpty();
	}

	List<Row> rows(String sql) throws SQLException {
		return Row.query(this.connection, sql);
	}

	static Map<String, Row> index(List<Row> rows) {
		Map<String, Row> byCode = new LinkedHashMap<>();
		rows.forEach((r) -> byCode.put(r.text("district_code"), r));
		return byCode;
	}

	static double sum(List<Row> rows, String column) {
		return rows.stream().mapToDouble((r) -> r.numberOrZero(column)).sum();
	}

	static String integer(Row r, String column) {
		return Html.number(r.number(column), 0, "—");
	}

	static String percent(Double value) {
		if (value == null) {
			return "—";
		}
		return ((value > 0) ? "+" : "") + Html.number(value, 2) + "%";
	}

	static String rank(String rank, String of) {
		if (rank == null) {
			return "—";
		}
		return (of == null) ? rank : rank + " / " + of;
	}

	static String first(Set<String> sorted) {
		return sorted.iterator().next();
	}

	static String last(Set<String> sorted) {
		String last = null;
		for (String s : sorted) {
			last = s;
		}
		return last;
	}

}
