package cq.talentwarehouse.source;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cq.talentwarehouse.normalize.value.ChineseScript;
import cq.talentwarehouse.normalize.value.TextNormalizer;
import cq.talentwarehouse.pipeline.ColumnSpec;
import cq.talentwarehouse.pipeline.SourceDefinition;
import cq.talentwarehouse.pipeline.SourceKind;

/**
 * Finds each canonical field's column among a source's header names (csv and xlsx headers, json
 * keys) by the synonyms its pipeline lists, first match wins — one rule for every format, so a
 * district can change format without its pipeline's column names changing meaning.
 */
final class HeaderMatcher {

	private HeaderMatcher() {
	}

	/**
	 * Column index per field of the kind, in field order; -1 where the pipeline maps no column.
	 * @param where how the source is named at the start of an error message (its file)
	 * @param describedHeader how the header is named in the message, e.g. {@code the header has}
	 * @throws SourceException naming the field, the names looked for and the header found when a
	 * mapped field has no column
	 */
	static int[] columns(List<String> header, SourceKind kind, SourceDefinition definition, String where,
			String describedHeader) {
		Map<String, Integer> byKey = index(header);
		List<SourceKind.Field> fields = kind.fields();
		int[] columns = new int[fields.size()];
		Map<String, ColumnSpec> mapping = mapping(definition);
		for (int f = 0; f < fields.size(); f++) {
			SourceKind.Field field = fields.get(f);
			ColumnSpec spec = mapping.get(field.name());
			columns[f] = (spec == null) ? -1 : find(spec, byKey);
			if (spec != null && columns[f] < 0) {
				throw new SourceException(where + ": no column for " + field.label() + " (" + field.name()
						+ "); looked for " + spec.headers() + ", " + describedHeader + " " + header);
			}
		}
		return columns;
	}

	/** How many mapped fields find a column in this header; a header row is the one where all do. */
	static int matched(List<String> header, SourceKind kind, SourceDefinition definition) {
		Map<String, Integer> byKey = index(header);
		Map<String, ColumnSpec> mapping = mapping(definition);
		int matched = 0;
		for (SourceKind.Field field : kind.fields()) {
			ColumnSpec spec = mapping.get(field.name());
			if (spec != null && find(spec, byKey) >= 0) {
				matched++;
			}
		}
		return matched;
	}

	/** How many fields the pipeline maps to a column. */
	static int mapped(SourceKind kind, SourceDefinition definition) {
		Map<String, ColumnSpec> mapping = mapping(definition);
		int mapped = 0;
		for (SourceKind.Field field : kind.fields()) {
			if (mapping.containsKey(field.name())) {
				mapped++;
			}
		}
		return mapped;
	}

	// Headers match whatever their spacing, width or script (Traditional headers from some districts)
	static String headerKey(String header) {
		String key = TextNormalizer.key(header);
		return (key == null) ? null : ChineseScript.toSimplified(key);
	}

	private static Map<String, Integer> index(List<String> header) {
		Map<String, Integer> byKey = new HashMap<>();
		for (int i = 0; i < header.size(); i++) {
			String key = headerKey(header.get(i));
			if (key != null) {
				byKey.putIfAbsent(key, i);
			}
		}
		return byKey;
	}

	private static int find(ColumnSpec spec, Map<String, Integer> byKey) {
		for (String candidate : spec.headers()) {
			Integer at = byKey.get(headerKey(candidate));
			if (at != null) {
				return at;
			}
		}
		return -1;
	}

	private static Map<String, ColumnSpec> mapping(SourceDefinition definition) {
		return (definition.columns() == null) ? Map.of() : definition.columns();
	}

}
