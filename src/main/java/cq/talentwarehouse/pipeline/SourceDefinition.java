package cq.talentwarehouse.pipeline;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One feed of a district: which file of a snapshot folder, how it is encoded, and how its columns
 * map to the canonical fields of its {@link SourceKind}.
 *
 * @param file file name inside the snapshot folder
 * @param format {@code csv} (delimited text)
 * @param encoding charset name as districts send it (UTF-8, GB18030, GBK); a BOM is always honoured
 * @param delimiter field delimiter, default a comma
 * @param rejectThreshold share of records that may be quarantined before the district fails
 * @param columns canonical field name to the column that holds it
 * @param values district-specific value synonyms per canonical field (raw value to vocabulary code)
 */
public record SourceDefinition(
		String file,
		String format,
		String encoding,
		String delimiter,
		@JsonProperty("reject_threshold") Double rejectThreshold,
		Map<String, ColumnSpec> columns,
		Map<String, Map<String, String>> values) {

	public static final double DEFAULT_REJECT_THRESHOLD = 0.05;

	public String formatOrDefault() {
		return (this.format == null) ? "csv" : this.format;
	}

	public String encodingOrDefault() {
		return (this.encoding == null) ? "UTF-8" : this.encoding;
	}

	public char delimiterOrDefault() {
		if (this.delimiter == null || this.delimiter.isEmpty()) {
			return ',';
		}
		return "\\t".equals(this.delimiter) ? '\t' : this.delimiter.charAt(0);
	}

	public double rejectThresholdOrDefault() {
		return (this.rejectThreshold == null) ? DEFAULT_REJECT_THRESHOLD : this.rejectThreshold;
	}

	public Map<String, Map<String, String>> valuesOrEmpty() {
		return (this.values == null) ? Map.of() : this.values;
	}

}
