package cq.talentwarehouse.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A YAML document as a JSON tree that remembers the line of every key, so that a problem found in
 * the tree (by the JSON Schema or a semantic check) names the line an operator has to edit.
 *
 * @param root the document, or null when it is empty
 * @param lines line of each key (and list element), by JSON pointer ({@code /sources/roster/file})
 * @param duplicates keys given twice in one mapping: pointer and the line of the second one
 */
record YamlTree(JsonNode root, Map<String, Integer> lines, Map<String, Integer> duplicates) {

	private static final YAMLFactory FACTORY = new YAMLFactory();

	static YamlTree parse(String text) throws IOException {
		Map<String, Integer> lines = new HashMap<>();
		Map<String, Integer> duplicates = new HashMap<>();
		try (JsonParser parser = FACTORY.createParser(text)) {
			JsonToken first = parser.nextToken();
			if (first == null) {
				return new YamlTree(null, lines, duplicates);
			}
			lines.put("", parser.currentTokenLocation().getLineNr());
			JsonNode root = value(parser, "", lines, duplicates);
			return new YamlTree(root, Map.copyOf(lines), Map.copyOf(duplicates));
		}
	}

	private static JsonNode value(JsonParser parser, String pointer, Map<String, Integer> lines,
			Map<String, Integer> duplicates) throws IOException {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		JsonToken token = parser.currentToken();
		switch (token) {
			case START_OBJECT -> {
				ObjectNode object = nodes.objectNode();
				while (parser.nextToken() == JsonToken.FIELD_NAME) {
					String key = parser.currentName();
					String child = pointer + "/" + escape(key);
					int line = parser.currentTokenLocation().getLineNr();
					if (object.has(key)) {
						duplicates.put(child, line);
					}
					lines.put(child, line);
					parser.nextToken();
					object.set(key, value(parser, child, lines, duplicates));
				}
				return object;
			}
			case START_ARRAY -> {
				ArrayNode array = nodes.arrayNode();
				int i = 0;
				while (parser.nextToken() != JsonToken.END_ARRAY) {
					String child = pointer + "/" + i++;
					lines.put(child, parser.currentTokenLocation().getLineNr());
					array.add(value(parser, child, lines, duplicates));
				}
				return array;
			}
			case VALUE_STRING -> {
				return nodes.textNode(parser.getText());
			}
			case VALUE_NUMBER_INT -> {
				return nodes.numberNode(parser.getBigIntegerValue());
			}
			case VALUE_NUMBER_FLOAT -> {
				return nodes.numberNode(parser.getDecimalValue());
			}
			case VALUE_TRUE, VALUE_FALSE -> {
				return nodes.booleanNode(token == JsonToken.VALUE_TRUE);
			}
			case VALUE_NULL -> {
				return nodes.nullNode();
			}
			default -> {
				return nodes.textNode(parser.getText());
			}
		}
	}

	static String escape(String key) {
		return key.replace("~", "~0").replace("/", "~1");
	}

	/** Line of the key at a pointer, else of its nearest parent that has one; 1 for the top level. */
	int line(String pointer) {
		String p = pointer;
		while (true) {
			Integer line = this.lines.get(p);
			if (line != null) {
				return line;
			}
			if (p.isEmpty()) {
				return 1;
			}
			p = p.substring(0, p.lastIndexOf('/'));
		}
	}

	/** Line of a key given as path segments ({@code "sources", "roster", "file"}). */
	int line(String... path) {
		return line(pointer(path));
	}

	static String pointer(String... path) {
		StringBuilder b = new StringBuilder();
		for (String segment : path) {
			b.append('/').append(escape(segment));
		}
		return b.toString();
	}

	/** The dotted key operators read in messages ({@code sources.roster.file}) for a pointer. */
	static String key(String pointer) {
		List<String> parts = new ArrayList<>();
		for (String segment : pointer.split("/")) {
			if (!segment.isEmpty()) {
				parts.add(segment.replace("~1", "/").replace("~0", "~"));
			}
		}
		return String.join(".", parts);
	}

}
