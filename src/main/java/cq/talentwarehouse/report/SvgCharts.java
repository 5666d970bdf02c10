package cq.talentwarehouse.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Charts as inline SVG, drawn here so the report needs no script, font or file from anywhere:
 * horizontal (stacked) bars, lines over time and a heat map. Every text goes through
 * {@link Html#escape}. Sizes are in CSS pixels; the page scales the SVG down to its width.
 */
final class SvgCharts {

	static final String FONT = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif";

	private static final double FONT_SIZE = 13;

	private static final double BAR_HEIGHT = 20;

	private static final double BAR_GAP = 10;

	private SvgCharts() {
	}

	/**
	 * One bar per label; its segments stack left to right in series order.
	 *
	 * @param label the category axis label, e.g. a district name
	 * @param segments one value per series; null for the whole bar means "no data" (not zero)
	 * @param color overrides the series colour of a single-series bar (e.g. the district's region)
	 */
	record Bar(String label, List<Double> segments, String color) {

		static Bar of(String label, Double value, String color) {
			return new Bar(label, (value == null) ? null : List.of(value), color);
		}

		double total() {
			return (this.segments == null) ? 0 : this.segments.stream().mapToDouble((v) -> (v == null) ? 0 : v).sum();
		}

	}

	record Legend(String name, String color) {
	}

	/** A header over {@code span} adjacent heat map columns. */
	record Group(String name, int span) {
	}

	/**
	 * @param bars in drawing order, top to bottom
	 * @param series names and colours of the stacked segments (one entry for a plain bar chart)
	 * @param legend shown above the chart; empty for none
	 * @param decimals decimals of the value printed after each bar
	 * @param missing text drawn where a bar has no data, e.g. 人口未知
	 */
	static String bars(String title, List<Bar> bars, List<Legend> series, List<Legend> legend, int decimals,
			String missing) {
		double width = 960;
		double labelWidth = 0;
		for (Bar bar : bars) {
			labelWidth = Math.max(labelWidth, Html.textWidth(bar.label(), FONT_SIZE));
		}
		double left = labelWidth + 20;
		double right = 90;
		double top = legend.isEmpty() ? 12 : 16 + legendRows(legend, left, width - right) * 18 + 10;
		double plotWidth = width - left - right;
		double max = bars.stream().mapToDouble(Bar::total).max().orElse(0);
		double[] ticks = niceTicks(max);
		double scale = ticks[ticks.length - 1];
		double plotHeight = bars.size() * (BAR_HEIGHT + BAR_GAP);
		double height = top + plotHeight + 30;
		StringBuilder svg = open(title, width, height);
		legend(svg, legend, left, 16, width - right);
		for (double tick : ticks) {
			double x = left + plotWidth * tick / scale;
			svg.append(line(x, top - 4, x, top + plotHeight, "#e3e3e3"));
			svg.append(text(x, top + plotHeight + 18, Html.number(tick, (scale < 10) ? 1 : 0), "middle", "#666", 11));
		}
		double y = top + BAR_GAP / 2;
		for (Bar bar : bars) {
			svg.append(text(left - 8, y + BAR_HEIGHT / 2 + 4.5, bar.label(), "end", "#222", FONT_SIZE));
			if (bar.segments() == null) {
				svg.append(text(left + 6, y + BAR_HEIGHT / 2 + 4.5, missing, "start", "#999", 12));
				y += BAR_HEIGHT + BAR_GAP;
				continue;
			}
			double x = left;
			for (int s = 0; s < bar.segments().size(); s++) {
				Double value = bar.segments().get(s);
				if (value == null || value <= 0) {
					continue;
				}
				double w = plotWidth * value / scale;
				String color = (bar.color() != null) ? bar.color() : series.get(s).color();
				String tip = bar.label() + (series.size() > 1 ? " " + series.get(s).name() : "") + "："
						+ Html.number(value, decimals);
				svg.append(String.format(Locale.ROOT,
						"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>", x, y,
						Math.max(w, 0.5), BAR_HEIGHT, Html.escape(color), Html.escape(tip)));
				x += w;
			}
			svg.append(text(x + 6, y + BAR_HEIGHT / 2 + 4.5, Html.number(bar.total(), decimals), "start", "#222", 12));
			y += BAR_HEIGHT + BAR_GAP;
		}
		svg.append(line(left, top - 4, left, top + plotHeight, "#999"));
		return svg.append("</svg>").toString();
	}

	record Point(double x, double y, String label) {
	}

	record Line(String name, String color, List<Point> points) {
	}

	record Tick(double x, String label) {
	}

	/**
	 * Lines over an x axis the caller ticks (years, dates as epoch days); a series with one point
	 * is a dot. The y axis starts at zero so that growth is not exaggerated.
	 */
	static String lines(String title, List<Line> lines, List<Tick> xTicks, int decimals) {
		double width = 960;
		double left = 80;
		double right = 30;
		List<Legend> legend = new ArrayList<>();
		lines.forEach((l) -> legend.add(new Legend(l.name(), l.color())));
		double top = 16 + legendRows(legend, left, width - right) * 18 + 10;
		double bottom = 40;
		double height = top + 270 + bottom;
		double plotWidth = width - left - right;
		double plotHeight = height - top - bottom;
		double minX = Double.MAX_VALUE;
		double maxX = -Double.MAX_VALUE;
		double maxY = 0;
		for (Line line : lines) {
			for (Point p : line.points()) {
				minX = Math.min(minX, p.x());
				maxX = Math.max(maxX, p.x());
				maxY = Math.max(maxY, p.y());
			}
		}
		for (Tick tick : xTicks) {
			minX = Math.min(minX, tick.x());
			maxX = Math.max(maxX, tick.x());
		}
		if (minX == Double.MAX_VALUE) {
			minX = 0;
			maxX = 1;
		}
		if (maxX == minX) {
			minX -= 1;
			maxX += 1;
		}
		double[] yTicks = niceTicks(maxY);
		double yScale = yTicks[yTicks.length - 1];
		double x0 = minX;
		double xSpan = maxX - minX;
		StringBuilder svg = open(title, width, height);
		legend(svg, legend, left, 16, width - right);
		for (double tick : yTicks) {
			double y = top + plotHeight - plotHeight * tick / yScale;
			svg.append(line(left, y, left + plotWidth, y, "#e3e3e3"));
			svg.append(text(left - 8, y + 4, Html.number(tick, (yScale < 10) ? 1 : 0), "end", "#666", 11));
		}
		for (Tick tick : xTicks) {
			double x = left + plotWidth * (tick.x() - x0) / xSpan;
			svg.append(line(x, top + plotHeight, x, top + plotHeight + 5, "#999"));
			svg.append(text(x, top + plotHeight + 20, tick.label(), "middle", "#666", 11));
		}
		svg.append(line(left, top + plotHeight, left + plotWidth, top + plotHeight, "#999"));
		for (Line line : lines) {
			StringBuilder path = new StringBuilder();
			for (Point p : line.points()) {
				double x = left + plotWidth * (p.x() - x0) / xSpan;
				double y = top + plotHeight - plotHeight * p.y() / yScale;
				path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
			}
			if (line.points().size() > 1) {
				svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(Html.escape(line.color()))
					.append("\" stroke-width=\"2\"/>");
			}
			for (Point p : line.points()) {
				double x = left + plotWidth * (p.x() - x0) / xSpan;
				double y = top + plotHeight - plotHeight * p.y() / yScale;
				svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s</title></circle>",
						x, y, Html.escape(line.color()),
						Html.escape(line.name() + " " + p.label() + "：" + Html.number(p.y(), decimals))));
			}
		}
		return svg.append("</svg>").toString();
	}

	/**
	 * A grid of values shaded on one scale from zero to the largest value: shading each column
	 * against its own range would make a difference of a few tenths of a percent look as strong as
	 * a difference of half.
	 *
	 * @param groups column group headers with the number of columns each spans, left to right
	 * @param values [row][column], null for no value
	 */
	static String heatmap(String title, List<String> rows, List<String> columns, List<Group> groups, Double[][] values,
			int decimals, String suffix) {
		double cellWidth = 96;
		double cellHeight = 28;
		double labelWidth = 0;
		for (String row : rows) {
			labelWidth = Math.max(labelWidth, Html.textWidth(row, FONT_SIZE));
		}
		double left = labelWidth + 20;
		double top = groups.isEmpty() ? 34 : 58;
		double width = left + cellWidth * columns.size() + 10;
		double height = top + cellHeight * rows.size() + 10;
		StringBuilder svg = open(title, width, height);
		double gx = left;
		for (Group group : groups) {
			int span = group.span();
			svg.append(text(gx + cellWidth * span / 2, 16, group.name(), "middle", "#333", 12));
			svg.append(line(gx + 4, 22, gx + cellWidth * span - 4, 22, "#999"));
			gx += cellWidth * span;
		}
		for (int c = 0; c < columns.size(); c++) {
			svg.append(text(left + cellWidth * c + cellWidth / 2, top - 10, columns.get(c), "middle", "#222", 12));
		}
		double max = 0;
		for (Double[] row : values) {
			for (Double v : row) {
				if (v != null) {
					max = Math.max(max, v);
				}
			}
		}
		for (int c = 0; c < columns.size(); c++) {
			for (int r = 0; r < rows.size(); r++) {
				double x = left + cellWidth * c;
				double y = top + cellHeight * r;
				Double v = values[r][c];
				double intensity = (v == null || max <= 0) ? 0 : v / max;
				String fill = (v == null) ? "#f4f4f4" : shade(intensity);
				String ink = (intensity > 0.6) ? "#fff" : "#222";
				String shown = (v == null) ? "—" : Html.number(v, decimals) + suffix;
				svg.append(String.format(Locale.ROOT,
						"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" stroke=\"#fff\"><title>%s</title></rect>",
						x, y, cellWidth, cellHeight, fill, Html.escape(rows.get(r) + " " + columns.get(c) + "：" + shown)));
				svg.append(text(x + cellWidth / 2, y + cellHeight / 2 + 4.5, shown, "middle", ink, 12));
			}
		}
		for (int r = 0; r < rows.size(); r++) {
			svg.append(text(left - 8, top + cellHeight * r + cellHeight / 2 + 4.5, rows.get(r), "end", "#222", FONT_SIZE));
		}
		return svg.append("</svg>").toString();
	}

	/** From a pale to a deep blue. */
	private static String shade(double intensity) {
		int[] from = { 0xEF, 0xF3, 0xFF };
		int[] to = { 0x08, 0x45, 0x94 };
		int[] rgb = new int[3];
		for (int i = 0; i < 3; i++) {
			rgb[i] = (int) Math.round(from[i] + (to[i] - from[i]) * intensity);
		}
		return String.format(Locale.ROOT, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
	}

	/** Axis ticks from zero at a 1, 2 or 5 step, the last one at or above max. */
	static double[] niceTicks(double max) {
		if (max <= 0) {
			return new double[] { 0, 1 };
		}
		double rough = max / 5;
		double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
		double step = magnitude;
		for (double m : new double[] { 1, 2, 5, 10 }) {
			if (m * magnitude >= rough) {
				step = m * magnitude;
				break;
			}
		}
		int n = (int) Math.ceil(max / step - 1e-9);
		double[] ticks = new double[n + 1];
		for (int i = 0; i <= n; i++) {
			ticks[i] = i * step;
		}
		return ticks;
	}

	private static StringBuilder open(String title, double width, double height) {
		StringBuilder svg = new StringBuilder(4096);
		svg.append(String.format(Locale.ROOT,
				"<svg class=\"chart\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-label=\"%s\""
						+ " font-family=\"%s\">",
				width, height, width, height, Html.escape(title), Html.escape(FONT)));
		svg.append("<title>").append(Html.escape(title)).append("</title>");
		return svg;
	}

	private static int legendRows(List<Legend> legend, double left, double maxX) {
		if (legend.isEmpty()) {
			return 0;
		}
		int rows = 1;
		double x = left;
		for (Legend item : legend) {
			double w = legendItemWidth(item);
			if (x + w > maxX && x > left) {
				x = left;
				rows++;
			}
			x += w;
		}
		return rows;
	}

	private static double legendItemWidth(Legend item) {
		return 14 + 6 + Html.textWidth(item.name(), 12) + 18;
	}

	private static void legend(StringBuilder svg, List<Legend> legend, double left, double y, double maxX) {
		double x = left;
		for (Legend item : legend) {
			double w = legendItemWidth(item);
			if (x + w > maxX && x > left) {
				x = left;
				y += 18;
			}
			svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"12\" fill=\"%s\"/>", x,
					y - 10, Html.escape(item.color())));
			svg.append(text(x + 20, y, item.name(), "start", "#333", 12));
			x += w;
		}
	}

	private static String line(double x1, double y1, double x2, double y2, String color) {
		return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>", x1, y1, x2, y2,
				color);
	}

	private static String text(double x, double y, String text, String anchor, String color, double size) {
		return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" fill=\"%s\" font-size=\"%.0f\">%s</text>", x,
				y, anchor, color, size, Html.escape(text));
	}

}
