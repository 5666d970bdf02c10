package cq.talentwarehouse.report;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Escaping and number formatting shared by the HTML page and its SVG charts. */
final class Html {

	private Html() {
	}

	/** Text for an HTML or SVG element or attribute value; null becomes the empty string. */
	static String escape(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder b = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> b.append("&amp;");
				case '<' -> b.append("&lt;");
				case '>' -> b.append("&gt;");
				case '"' -> b.append("&quot;");
				case '\'' -> b.append("&#39;");
				default -> b.append(c);
			}
		}
		return b.toString();
	}

	/** 236100 → "236,100"; 1608.7 with one decimal → "1,608.7". */
	static String number(double value, int decimals) {
		DecimalFormat format = new DecimalFormat((decimals == 0) ? "#,##0" : "#,##0." + "0".repeat(decimals),
				DecimalFormatSymbols.getInstance(Locale.ROOT));
		return format.format(value);
	}

	static String number(Double value, int decimals, String missing) {
		return (value == null) ? missing : number(value, decimals);
	}

	/**
	 * Approximate rendered width in pixels: CJK and full-width characters take a full em, Latin
	 * text a bit over half; enough to leave room for labels without measuring fonts.
	 */
	static double textWidth(String text, double fontSize) {
		double em = 0;
		for (int i = 0; i < text.length(); ) {
			int cp = text.codePointAt(i);
			i += Character.charCount(cp);
			em += isWide(cp) ? 1.0 : 0.6;
		}
		return em * fontSize;
	}

	private static boolean isWide(int cp) {
		return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
				|| (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
				|| (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
	}

}
