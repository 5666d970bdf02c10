package cq.talentwarehouse.normalize;

/**
 * A record after normalization: either accepted with its staging values, or quarantined with the
 * first rule it broke.
 *
 * @param line source line
 * @param values staging values in {@code SourceKind.stagedColumns()} order after {@code line}; null
 * when quarantined
 * @param rule the rule it broke when quarantined
 * @param field canonical field that broke the rule
 * @param rawValue the offending value as sent (a resident ID number masked); for an accepted
 * record, how to show it should it turn out a duplicate (the masked ID number), or null
 * @param personHigh the first 64 bits of an accepted record's person pseudonym (its first 16 hex
 * digits), so the duplicate check need not read the digits back; with {@code personLow} 0 when the
 * record has none
 * @param personLow the last 64 bits of the person pseudonym
 */
public record StagedRecord(long line, String[] values, QuarantineRule rule, String field, String rawValue,
		long personHigh, long personLow) {

	public static StagedRecord accepted(long line, String[] values) {
		return new StagedRecord(line, values, null, null, null, 0, 0);
	}

	public static StagedRecord accepted(long line, String[] values, String shownAs) {
		return new StagedRecord(line, values, null, null, shownAs, 0, 0);
	}

	public static StagedRecord accepted(long line, String[] values, String shownAs, long personHigh, long personLow) {
		return new StagedRecord(line, values, null, null, shownAs, personHigh, personLow);
	}

	public static StagedRecord quarantined(long line, QuarantineRule rule, String field, String rawValue) {
		return new StagedRecord(line, null, rule, field, rawValue, 0, 0);
	}

	public boolean isAccepted() {
		return this.rule == null;
	}

}
