package cq.talentwarehouse.pipeline;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * How one canonical field is found in a district's file: the header names that may hold it
 * (synonyms, first match wins) and, for multi-valued cells, the separators between values.
 * In YAML a column is a string, a list of strings, or {@code {header: [...], separator: "、"}}.
 */
public record ColumnSpec(List<String> headers, String separators) {

	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static ColumnSpec of(JsonNode node) {
		if (node.isTextual()) {
			return new ColumnSpec(List.of(node.asText()), null);
		}
		if (node.isArray()) {
			return new ColumnSpec(texts(node), null);
		}
		if (node.isObject()) {
			List<String> headers = new ArrayList<>();
			String separators = null;
			var names = node.fieldNames();
			while (names.hasNext()) {
				String name = names.next();
				JsonNode value = node.get(name);
				switch (name) {
					case "header", "headers" -> headers.addAll(value.isArray() ? texts(value) : List.of(value.asText()));
					case "separator", "separators" -> separators = value.asText();
					default -> throw new IllegalArgumentException("unknown key '" + name + "' in a column (use header, separator)");
				}
			}
			if (headers.isEmpty()) {
				throw new IllegalArgumentException("a column needs at least one header");
			}
			return new ColumnSpec(List.copyOf(headers), separators);
		}
		throw new IllegalArgumentException("a column is a header name, a list of header names, or {header, separator}");
	}

	private static List<String> texts(JsonNode array) {
		List<String> out = new ArrayList<>();
		array.forEach((n) -> out.add(n.asText()));
		return List.copyOf(out);
	}

	public boolean multiValued() {
		return this.separators != null && !this.separators.isEmpty();
	}

}
