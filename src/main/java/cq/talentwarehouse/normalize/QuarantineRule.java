package cq.talentwarehouse.normalize;

import java.util.Arrays;
import java.util.List;

/**
 * The rules a record can break, by the stable names operators and scripts see in
 * {@code ops.quarantine.rule}; {@code sql/tests/quarantine_accepted_rules.sql} accepts exactly these
 * (QuarantineRuleTests keeps the two equal).
 */
public enum QuarantineRule {

	/** No resident ID number where the source requires one. */
	ID_MISSING,
	/** A resident ID number that is not 18 characters of digits and a final digit or X. */
	ID_FORMAT,
	/** A resident ID number whose GB 11643 check digit is wrong. */
	ID_CHECKSUM,
	/** A resident ID number whose birth date does not exist or lies in the future. */
	ID_BIRTH_DATE,
	/** A unified social credit code that is not 18 characters of its alphabet. */
	USCC_FORMAT,
	/** A unified social credit code whose GB 32100 check character is wrong. */
	USCC_CHECKSUM,
	/** A talent category outside the talent category seed. */
	CATEGORY_UNKNOWN,
	/** Any other value outside its seed vocabulary (education, title, level, ...). */
	VOCABULARY_UNKNOWN,
	/** A date that reads as none of the districts' formats. */
	DATE_INVALID,
	/** An amount or count that is not a number (万/亿 allowed). */
	QUANTITY_INVALID,
	/** A district name or code that maps to no division. */
	DISTRICT_UNKNOWN,
	/** A district that is not the one the feed belongs to. */
	DISTRICT_MISMATCH,
	/** A required field left empty. */
	REQUIRED_MISSING,
	/** A later record of the same person, platform or qualification in one snapshot. */
	DUPLICATE,
	/** A value longer than TALENT_MAXVALUECHARS. */
	VALUE_TOO_LONG,
	/** A programme tier that is not one of its programme's (seeds/programme_tiers.csv). */
	TIER_NOT_OF_PROGRAMME,
	/** An award that ends before it was made. */
	END_BEFORE_AWARD;

	private final String key = name().toLowerCase(java.util.Locale.ROOT);

	/** The stable name, as stored in {@code ops.quarantine.rule}. */
	public String key() {
		return this.key;
	}

	/** Every stable name, in declaration order. */
	public static List<String> keys() {
		return Arrays.stream(values()).map(QuarantineRule::key).toList();
	}

	@Override
	public String toString() {
		return this.key;
	}

}
