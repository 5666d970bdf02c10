package cq.talentwarehouse.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;

import cq.talentwarehouse.reference.FileProblem;

/**
 * The published JSON Schema of pipeline files ({@code pipelines/pipeline.schema.json}, bundled in
 * the jar): editors complete and check pipeline files with it, and {@link PipelineCatalog} checks
 * every file against it before its semantic checks. Schema errors are turned into
 * {@code key: what is wrong; allowed: ...} sentences, the "allowed" part being the key's own
 * {@code description} in the schema, so the schema, the editor and the error say the same.
 */
public final class PipelineSchema {

	/** Where the schema sits in the jar (and, in a checkout, as {@code pipelines/pipeline.schema.json}). */
	public static final String RESOURCE = "/pipelines/pipeline.schema.json";

	public static final String FILE_NAME = "pipeline.schema.json";

	private static final JsonNode TREE;

	private static final Schema SCHEMA;

	/** Every key the schema knows, with the first place (dotted) where it belongs. */
	private static final Map<String, String> HOME = new LinkedHashMap<>();

	private static final Pattern PERCENT = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*[%％]\\s*");

	static {
		try (InputStream in = PipelineSchema.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is missing from the build");
			}
			TREE = new ObjectMapper().readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(TREE);
		home(TREE, "", 0);
	}

	private PipelineSchema() {
	}

	/** The schema as JSON, for tests and docs. */
	public static JsonNode tree() {
		return TREE;
	}

	/** Problems of one parsed pipeline file, in line order; the pointers of the offending keys are added to {@code bad}. */
	static List<FileProblem> check(Path file, YamlTree yaml, Set<String> bad) {
		List<Error> errors = SCHEMA.validate(yaml.root());
		List<FileProblem> problems = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		for (Error error : errors) {
			String pointer = pointer(error.getInstanceLocation());
			String keyword = error.getKeyword();
			String property = error.getProperty();
			if ("additionalProperties".equals(keyword) || "required".equals(keyword)) {
				String child = pointer + "/" + YamlTree.escape(property);
				if (!seen.add(keyword + child)) {
					continue;
				}
				bad.add(child);
				JsonNode owner = schemaAt(pointer);
				if ("required".equals(keyword)) {
					problems.add(problem(file, yaml.line(pointer), child, "missing; " + allowed(schemaAt(child))));
				}
				else {
					problems.add(problem(file, yaml.line(child), child, "unknown key here (allowed: "
							+ String.join(", ", properties(owner)) + ")" + indentationHint(property, pointer)));
				}
				continue;
			}
			if (!seen.add(pointer)) {
				continue; // one sentence per key is enough
			}
			bad.add(pointer);
			JsonNode value = error.getInstanceNode();
			String wrong = switch (keyword) {
				case "type" -> typeProblem(value, schemaAt(pointer));
				case "enum" -> quote(value) + " is not allowed";
				case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" -> quote(value) + " is out of range";
				case "minLength", "minItems", "minProperties" -> "is empty";
				case "pattern" -> quote(value) + " is not allowed";
				default -> error.getMessage();
			};
			problems.add(problem(file, yaml.line(pointer), pointer, wrong + "; " + allowed(schemaAt(pointer))));
		}
		problems.sort(Comparator.comparingInt(FileProblem::line));
		return problems;
	}

	static FileProblem problem(Path file, int line, String pointer, String message) {
		String key = YamlTree.key(pointer);
		return new FileProblem(file, line, (key.isEmpty() ? "(top level)" : key) + ": " + message);
	}

	private static String typeProblem(JsonNode value, JsonNode schema) {
		String expected = expected(deref(schema));
		if (value != null && value.isTextual()) {
			Matcher percent = PERCENT.matcher(value.asText());
			if (percent.matches() && expected.contains("number")) {
				String share = new java.math.BigDecimal(percent.group(1)).movePointLeft(2).stripTrailingZeros().toPlainString();
				return quote(value) + " is a percent; write it as a share: " + share;
			}
		}
		if (value == null || value.isNull()) {
			return "is empty, not " + expected + " (are the keys below it indented under it?)";
		}
		return quote(value) + " is " + kind(value) + ", not " + expected;
	}

	private static String expected(JsonNode schema) {
		JsonNode type = (schema == null) ? null : schema.get("type");
		if (type == null) {
			return "this";
		}
		List<String> words = new ArrayList<>();
		if (type.isArray()) {
			type.forEach((t) -> words.add(word(t.asText())));
		}
		else {
			words.add(word(type.asText()));
		}
		return String.join(" or ", new LinkedHashSet<>(words));
	}

	private static String word(String type) {
		return switch (type) {
			case "string" -> "text";
			case "integer" -> "a whole number";
			case "number" -> "a number";
			case "boolean" -> "true or false";
			case "object" -> "a mapping of keys";
			case "array" -> "a list";
			default -> type;
		};
	}

	private static String kind(JsonNode value) {
		if (value.isTextual()) {
			return "text";
		}
		if (value.isIntegralNumber()) {
			return "a whole number";
		}
		if (value.isNumber()) {
			return "a number";
		}
		if (value.isBoolean()) {
			return "true/false";
		}
		if (value.isObject()) {
			return "a mapping of keys";
		}
		if (value.isArray()) {
			return "a list";
		}
		return "empty";
	}

	private static String quote(JsonNode value) {
		if (value == null || value.isNull()) {
			return "(empty)";
		}
		if (value.isValueNode()) {
			return "'" + value.asText() + "'";
		}
		return value.isObject() ? "a mapping" : "a list";
	}

	private static String allowed(JsonNode schema) {
		String description = describe(schema);
		return "allowed: " + ((description != null) ? description : "see docs/pipelines.md");
	}

	private static String indentationHint(String property, String pointer) {
		String home = HOME.get(property);
		if (home == null) {
			return "";
		}
		String parent = home.substring(0, Math.max(0, home.lastIndexOf('.')));
		int depth = pointer.isEmpty() ? 0 : pointer.split("/").length - 1;
		int homeDepth = parent.isEmpty() ? 0 : parent.split("\\.").length;
		if (depth == homeDepth) {
			return ""; // the right level, just not a key of this mapping
		}
		String where = parent.isEmpty() ? "the top level" : parent.startsWith("sources.roster")
				? "a source (roster, platform, enterprise or program)" + parent.substring("sources.roster".length()) : parent;
		return "; '" + property + "' is a key of " + where + ": check its indentation (nested keys sit two spaces"
				+ " deeper than the key they belong to)";
	}

	/** The JSON pointer of an instance location. */
	private static String pointer(NodePath path) {
		StringBuilder b = new StringBuilder();
		for (int i = 0; i < path.getNameCount(); i++) {
			b.append('/').append(YamlTree.escape(String.valueOf(path.getElement(i))));
		}
		return b.toString();
	}

	/** The schema node describing the instance at a pointer, following $ref. */
	static JsonNode schemaAt(String pointer) {
		JsonNode node = TREE;
		for (String raw : pointer.split("/")) {
			if (raw.isEmpty()) {
				continue;
			}
			String segment = raw.replace("~1", "/").replace("~0", "~");
			JsonNode target = deref(node);
			if (target == null) {
				return null;
			}
			JsonNode props = target.get("properties");
			if (props != null && props.has(segment)) {
				node = props.get(segment);
			}
			else if (target.get("additionalProperties") != null && target.get("additionalProperties").isObject()) {
				node = target.get("additionalProperties");
			}
			else if (target.get("items") != null && segment.matches("[0-9]+")) {
				node = target.get("items");
			}
			else {
				return null;
			}
		}
		return node;
	}

	private static JsonNode deref(JsonNode node) {
		JsonNode n = node;
		int hops = 0;
		while (n != null && n.has("$ref") && hops++ < 10) {
			n = TREE.at(n.get("$ref").asText().substring(1));
			if (n.isMissingNode()) {
				return null;
			}
		}
		return n;
	}

	private static String describe(JsonNode node) {
		JsonNode n = node;
		int hops = 0;
		while (n != null && hops++ < 10) {
			if (n.has("description")) {
				return n.get("description").asText();
			}
			if (!n.has("$ref")) {
				return null;
			}
			n = TREE.at(n.get("$ref").asText().substring(1));
		}
		return null;
	}

	private static List<String> properties(JsonNode schema) {
		JsonNode target = deref(schema);
		List<String> names = new ArrayList<>();
		if (target != null && target.has("properties")) {
			Iterator<String> it = target.get("properties").fieldNames();
			it.forEachRemaining(names::add);
		}
		return names;
	}

	private static void home(JsonNode schema, String path, int depth) {
		JsonNode target = deref(schema);
		if (target == null || depth > 6) {
			return;
		}
		JsonNode props = target.get("properties");
		if (props == null) {
			return;
		}
		for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext();) {
			Map.Entry<String, JsonNode> e = it.next();
			String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
			HOME.putIfAbsent(e.getKey(), child);
			home(e.getValue(), child, depth + 1);
		}
	}

}
