package cq.talentwarehouse.normalize;

import cq.talentwarehouse.validate.ResidentIdNumber;

/**
 * A record after normalization: either accepted with its staging values, or quarantined with the
 * first rule it broke.
 *
 * @param line source line
 * @param values staging values in {@code SourceKind.stagedColumns()} order after {@code line}; null
 * when quarantined
 * @param rule the rule it broke when quarantined
 * @param field canonical field that broke the rule
 * @param rawValue the offending value as sent (a resident ID number masked); null when accepted
 * @param personHigh the first 64 bits of an accepted record's person pseudonym (its first 16 hex
 * digits), so the duplicate check need not read the digits back; with {@code personLow} 0 when the
 * record has none
 * @param personLow the last 64 bits of the person pseudonym
 * @param idNumber an accepted record's canonical resident ID number, masked only should the record
 * turn out a duplicate (few do); never printed unmasked ({@link #toString()})
 */
public record StagedRecord(long line, String[] values, QuarantineRule rule, String field, String rawValue,
		long personHigh, long personLow, String idNumber) {

	public static StagedRecord accepted(long line, String[] values) {
		return new StagedRecord(line, values, null, null, null, 0, 0, null);
	}

	/** An accepted record of a kind with resident ID numbers, with its person pseudonym's bits. */
	public static StagedRecord person(long line, String[] values, String idNumber, long personHigh, long personLow) {
		return new StagedRecord(line, values, null, null, null, personHigh, personLow, idNumber);
	}

	public static StagedRecord quarantined(long line, QuarantineRule rule, String field, String rawValue) {
		return new StagedRecord(line, null, rule, field, rawValue, 0, 0, null);
	}

	/**
	 * How an accepted record is shown should it turn out a duplicate: its masked ID number, or null
	 * for a kind without one (the staging writer then shows its duplicate key).
	 */
	public String duplicateShownAs() {
		return ResidentIdNumber.mask(this.idNumber);
	}

	@Override
	public String toString() {
		return "StagedRecord[line=" + this.line + ", values=" + java.util.Arrays.toString(this.values) + ", rule="
				+ this.rule + ", field=" + this.field + ", rawValue=" + this.rawValue + ", idNumber="
				+ ResidentIdNumber.mask(this.idNumber) + "]";
	}

	public boolean isAccepted() {
		return this.rule == null;
	}

}
