package cq.talentwarehouse.cli;

import java.io.PrintStream;
import java.util.List;

/** Plain-text tables whose columns line up with Chinese text (wide characters take two cells). */
public final class Tables {

	private Tables() {
	}

	public static void print(List<String> header, List<String[]> rows, PrintStream out) {
		int n = header.size();
		int[] width = new int[n];
		for (int c = 0; c < n; c++) {
			width[c] = displayWidth(header.get(c));
		}
		for (String[] row : rows) {
			for (int c = 0; c < n; c++) {
				width[c] = Math.max(width[c], displayWidth(text(row[c])));
			}
		}
		line(header.toArray(String[]::new), width, out);
		StringBuilder rule = new StringBuilder();
		for (int c = 0; c < n; c++) {
			rule.append(c > 0 ? "-+-" : "").append("-".repeat(width[c]));
		}
		out.println(rule);
		for (String[] row : rows) {
			line(row, width, out);
		}
		out.println("(" + rows.size() + " row" + (rows.size() == 1 ? "" : "s") + ")");
	}

	private static void line(String[] cells, int[] width, PrintStream out) {
		StringBuilder b = new StringBuilder();
		for (int c = 0; c < cells.length; c++) {
			String t = text(cells[c]);
			b.append(c > 0 ? " | " : "").append(t).append(" ".repeat(width[c] - displayWidth(t)));
		}
		out.println(b.toString().stripTrailing());
	}

	private static String text(String s) {
		return (s == null) ? "NULL" : s;
	}

	static int displayWidth(String s) {
		int w = 0;
		for (int i = 0; i < s.length(); ) {
			int cp = s.codePointAt(i);
			i += Character.charCount(cp);
			w += isWide(cp) ? 2 : 1;
		}
		return w;
	}

	// East Asian Wide and Fullwidth ranges that occur in this data
	private static boolean isWide(int cp) {
		return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
				|| (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
				|| (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
	}

}
