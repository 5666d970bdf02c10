package cq.talentwarehouse.stage;

import java.io.IOException;
import java.io.Writer;

/** RFC 4180 output without an object per cell: quotes only the values that need it. */
final class CsvText {

	private CsvText() {
	}

	static void cell(Writer out, String value) throws IOException {
		if (value == null) {
			return;
		}
		boolean quote = false;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == ',' || c == '"' || c == '\n' || c == '\r') {
				quote = true;
				break;
			}
		}
		if (!quote) {
			out.write(value);
			return;
		}
		out.write('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"') {
				out.write('"');
			}
			out.write(c);
		}
		out.write('"');
	}

	static void row(Writer out, Iterable<String> values) throws IOException {
		boolean first = true;
		for (String v : values) {
			if (!first) {
				out.write(',');
			}
			cell(out, v);
			first = false;
		}
		out.write('\n');
	}

}
