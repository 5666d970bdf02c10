package cq.talentwarehouse.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/** One JSON record object as flat keys and cell text: the shape every source's header rules match against. */
final class JsonRecords {

	private JsonRecords() {
	}

	/**
	 * Flattens one record object: nested objects to dotted keys, arrays of values to lists, arrays
	 * of objects to indexed keys ({@code certificates.0.name}); a key written null stays as null.
	 */
	static void flatten(JsonParser p, String prefix, Map<String, Object> out) throws IOException {
		while (p.nextToken() == JsonToken.FIELD_NAME) {
			String name = prefix.isEmpty() ? p.currentName() : prefix + "." + p.currentName();
			value(p, p.nextToken(), name, out);
		}
	}

	private static void value(JsonParser p, JsonToken token, String name, Map<String, Object> out) throws IOException {
		if (token == JsonToken.START_OBJECT) {
			flatten(p, name, out);
		}
		else if (token == JsonToken.START_ARRAY) {
			List<String> scalars = null;
			int index = 0;
			JsonToken element;
			while ((element = p.nextToken()) != JsonToken.END_ARRAY) {
				if (element == JsonToken.START_OBJECT || element == JsonToken.START_ARRAY) {
					value(p, element, name + "." + index, out);
				}
				else {
					scalars = (scalars == null) ? new ArrayList<>() : scalars;
					scalars.add(JsonPath.scalarText(p, element));
				}
				index++;
			}
			out.put(name, (scalars == null) ? List.of() : scalars);
		}
		else {
			out.put(name, JsonPath.scalarText(p, token));
		}
	}

	/** A value as one cell: an array of values joined by the column's separator. */
	static String cell(Object value, String separator) {
		if (value instanceof List<?> list) {
			StringBuilder joined = new StringBuilder();
			for (Object part : list) {
				if (part != null) {
					joined.append((joined.length() > 0) ? separator : "").append(part);
				}
			}
			return joined.toString();
		}
		return (String) value;
	}

}
