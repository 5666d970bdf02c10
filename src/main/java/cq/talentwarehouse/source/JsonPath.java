package cq.talentwarehouse.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Paths into a JSON page as pipelines write them — dotted ({@code data.records}, {@code $.data.records})
 * or a JSON pointer ({@code /data/records}); a number steps into an array — and the two streaming
 * walks the JSON sources need: to the records array, and once over a whole page for its paging
 * values. Pages are never held in memory as a tree.
 */
final class JsonPath {

	private JsonPath() {
	}

	/** The segments of a path; empty for the document itself. */
	static List<String> parse(String path) {
		List<String> segments = new ArrayList<>();
		if (path == null || path.isBlank() || path.equals("$") || path.equals("/")) {
			return segments;
		}
		if (path.startsWith("/")) {
			for (String part : path.substring(1).split("/", -1)) {
				segments.add(part.replace("~1", "/").replace("~0", "~"));
			}
			return segments;
		}
		String dotted = path.startsWith("$.") ? path.substring(2) : path;
		for (String part : dotted.split("\\.", -1)) {
			segments.add(part);
		}
		return segments;
	}

	/** Whether a path is well-formed: no empty segment. */
	static boolean isValid(String path) {
		return !parse(path).contains("");
	}

	/**
	 * Moves a fresh parser onto the {@code START_ARRAY} at the path.
	 * @return false when the page has nothing there, or something other than an array
	 */
	static boolean seekArray(JsonParser parser, List<String> path) throws IOException {
		JsonToken token = parser.nextToken();
		for (String segment : path) {
			if (token == JsonToken.START_OBJECT) {
				boolean found = false;
				while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
					String name = parser.currentName();
					token = parser.nextToken();
					if (name.equals(segment)) {
						found = true;
						break;
					}
					parser.skipChildren();
				}
				if (!found) {
					return false;
				}
			}
			else if (token == JsonToken.START_ARRAY && isIndex(segment)) {
				int wanted = Integer.parseInt(segment);
				int index = 0;
				boolean found = false;
				while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
					if (index++ == wanted) {
						found = true;
						break;
					}
					parser.skipChildren();
				}
				if (!found) {
					return false;
				}
			}
			else {
				return false;
			}
		}
		return token == JsonToken.START_ARRAY;
	}

	/**
	 * What one pass over a whole page found: how many elements the records array holds (-1 when the
	 * page has no array there) and the text of each wanted scalar (absent when the page has none).
	 */
	record Scan(int records, Map<List<String>, String> values) {

		String value(List<String> path) {
			return this.values.get(path);
		}

	}

	/** Reads a fresh parser's page to its end, which also proves the page is well-formed JSON. */
	static Scan scan(JsonParser parser, List<String> records, List<List<String>> wanted) throws IOException {
		Walk walk = new Walk(parser, records, wanted);
		JsonToken token = parser.nextToken();
		if (token != null) {
			walk.value(token, new ArrayList<>());
		}
		while (parser.nextToken() != null) {
			// more root values would be a broken page; Jackson reports the syntax error here
		}
		return new Scan(walk.records, walk.values);
	}

	static boolean isIndex(String segment) {
		if (segment.isEmpty() || segment.length() > 9) {
			return false;
		}
		for (int i = 0; i < segment.length(); i++) {
			if (!Character.isDigit(segment.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/** Text of a scalar token as written: numbers keep their digits (never through a double). */
	static String scalarText(JsonParser parser, JsonToken token) throws IOException {
		return switch (token) {
			case VALUE_NULL -> null;
			case VALUE_TRUE -> "true";
			case VALUE_FALSE -> "false";
			case VALUE_NUMBER_FLOAT -> plain(parser.getText());
			default -> parser.getText();
		};
	}

	// 1.5E3 is how some serializers write 1500; a person reads plain notation
	private static String plain(String number) {
		try {
			java.math.BigDecimal value = new java.math.BigDecimal(number).stripTrailingZeros();
			return (value.scale() < 0) ? value.setScale(0).toPlainString() : value.toPlainString();
		}
		catch (NumberFormatException ex) {
			return number;
		}
	}

	private static final class Walk {

		private final JsonParser parser;

		private final List<String> recordsPath;

		private final List<List<String>> wanted;

		private final Map<List<String>, String> values = new HashMap<>();

		private int records = -1;

		Walk(JsonParser parser, List<String> recordsPath, List<List<String>> wanted) {
			this.parser = parser;
			this.recordsPath = recordsPath;
			this.wanted = wanted;
		}

		void value(JsonToken token, List<String> path) throws IOException {
			if (path.equals(this.recordsPath)) {
				if (token == JsonToken.START_ARRAY) {
					this.records = 0;
					while (this.parser.nextToken() != JsonToken.END_ARRAY) {
						this.records++;
						this.parser.skipChildren();
					}
				}
				else {
					this.parser.skipChildren();
				}
				return;
			}
			if (token == JsonToken.START_OBJECT) {
				while (this.parser.nextToken() == JsonToken.FIELD_NAME) {
					path.add(this.parser.currentName());
					value(this.parser.nextToken(), path);
					path.remove(path.size() - 1);
				}
			}
			else if (token == JsonToken.START_ARRAY) {
				int index = 0;
				JsonToken next;
				while ((next = this.parser.nextToken()) != JsonToken.END_ARRAY) {
					path.add(Integer.toString(index++));
					value(next, path);
					path.remove(path.size() - 1);
				}
			}
			else if (this.wanted.contains(path)) {
				this.values.put(List.copyOf(path), scalarText(this.parser, token));
			}
		}

	}

}
