package cq.talentwarehouse.normalize;

import java.time.LocalDate;

import cq.talentwarehouse.normalize.value.DateValues;
import cq.talentwarehouse.reference.Districts;
import cq.talentwarehouse.normalize.value.Quantities;
import cq.talentwarehouse.pipeline.SourceKind;
import cq.talentwarehouse.pipeline.SourceKind.Field;
import cq.talentwarehouse.validate.ResidentIdNumber;
import cq.talentwarehouse.validate.SocialCreditCode;

/**
 * What a cleaned cell must satisfy and what it stages, one class per value type. Called through
 * an array of them ({@link RecordNormalizer}), each rule is compiled on its own: a district whose
 * dates take a branch no earlier district took recompiles the date rule, not the whole record
 * normalization with the HMAC and every validator inlined into it.
 */
abstract class FieldRule {

	/** What a raw cell of a code field gave when it broke a rule (a repeated cell is not looked up again). */
	static final String UNKNOWN = "\0unknown";

	static final String USCC_FORMAT = "\0uscc_format";

	static final String USCC_CHECKSUM = "\0uscc_checksum";

	/** How many distinct raw cells per field are remembered. */
	static final int CACHE_LIMIT = 4096;

	final Field field;

	FieldRule(Field field) {
		this.field = field;
	}

	/**
	 * Writes the staged values of a cleaned, non-empty cell into {@code out} from {@code at}.
	 * @return null when the cell is good, else the record quarantined for the rule it broke
	 */
	abstract StagedRecord apply(long line, String original, String value, String[] out, int at);

	/** This field's record quarantined for a rule, the cell shown as {@code shown} (final: no virtual call per cell). */
	final StagedRecord quarantined(long line, QuarantineRule rule, String shown) {
		return StagedRecord.quarantined(line, rule, this.field.name(), shown);
	}

	/** The rule a marker of the raw-cell cache stands for. */
	static QuarantineRule rawRule(String marker, Field field) {
		if (marker == USCC_CHECKSUM) {
			return QuarantineRule.USCC_CHECKSUM;
		}
		if (marker == USCC_FORMAT) {
			return QuarantineRule.USCC_FORMAT;
		}
		return unknownRule(field);
	}

	static QuarantineRule unknownRule(Field field) {
		return "talent_categories".equals(field.vocabulary()) ? QuarantineRule.CATEGORY_UNKNOWN
				: QuarantineRule.VOCABULARY_UNKNOWN;
	}

	static void remember(RawCells raws, String original, String result) {
		if (raws != null) {
			raws.remember(original, result);
		}
	}

	/** A resident ID number: checked, then staged as pseudonym, gender and birth year. */
	static final class IdNumber extends FieldRule {

		private static final String[] YEARS = new String[300];

		private final LocalDate today;

		private final Pseudonymizer pseudonymizer;

		/** The canonical ID number of the last valid record (masked only if it turns out a duplicate). */
		private String canonical;

		/** The last valid record's pseudonym as bits, so the duplicate check does not read its hex back. */
		private long high;

		private long low;

		IdNumber(Field field, LocalDate today, Pseudonymizer pseudonymizer) {
			super(field);
			this.today = today;
			this.pseudonymizer = pseudonymizer;
		}

		@Override
		StagedRecord apply(long line, String original, String value, String[] out, int at) {
			ResidentIdNumber.Result id = ResidentIdNumber.check(value, this.today);
			if (!id.isValid()) {
				return quarantined(line, rule(id.outcome()), ResidentIdNumber.mask(value));
			}
			out[at] = this.pseudonymizer.pseudonym(id.canonical());
			this.high = this.pseudonymizer.high();
			this.low = this.pseudonymizer.low();
			out[at + 1] = (id.gender() == 'M') ? "M" : (id.gender() == 'F') ? "F" : String.valueOf(id.gender());
			out[at + 2] = year(id.birthYear());
			this.canonical = id.canonical();
			return null;
		}

		String canonical() {
			return this.canonical;
		}

		long high() {
			return this.high;
		}

		long low() {
			return this.low;
		}

		private static QuarantineRule rule(ResidentIdNumber.Outcome outcome) {
			return switch (outcome) {
				case MISSING -> QuarantineRule.ID_MISSING;
				case FORMAT -> QuarantineRule.ID_FORMAT;
				case CHECKSUM -> QuarantineRule.ID_CHECKSUM;
				case BIRTH_DATE -> QuarantineRule.ID_BIRTH_DATE;
				case VALID -> throw new IllegalArgumentException("valid");
			};
		}

		/** Birth years as text without a new string per record. */
		private static String year(int year) {
			int i = year - 1800;
			if (i < 0 || i >= YEARS.length) {
				return Integer.toString(year);
			}
			String s = YEARS[i];
			if (s == null) {
				s = Integer.toString(year);
				YEARS[i] = s;
			}
			return s;
		}

	}

	/** A person's name: checked for presence only, never staged — names do not leave this process. */
	static final class Presence extends FieldRule {

		Presence(Field field) {
			super(field);
		}

		@Override
		StagedRecord apply(long line, String original, String value, String[] out, int at) {
			return null;
		}

	}

	static final class Text extends FieldRule {

		Text(Field field) {
			super(field);
		}

		@Override
		StagedRecord apply(long line, String original, String value, String[] out, int at) {
			out[at] = value;
			return null;
		}

	}

	/** A value (or a list of values) of a seed vocabulary, staged as its code(s). */
	static final class Code extends FieldRule {

		private final VocabularyCodes codes;

		private final boolean list;

		private final RawCells raws;

		Code(Field field, VocabularyCodes codes, RawCells raws) {
			super(field);
			this.codes = codes;
			this.list = field.type() == SourceKind.ValueType.CODE_LIST;
			this.raws = raws;
		}

		@Override
		StagedRecord apply(long line, String original, String value, String[] out, int at) {
			String code = this.codes.code(value, this.list);
			remember(this.raws, original, (code == null) ? UNKNOWN : code);
			if (code == null) {
				return quarantined(line, unknownRule(this.field), original);
			}
			out[at] = code;
			return null;
		}

	}

	static final class CreditCode extends FieldRule {

		private final RawCells raws;

		CreditCode(Field field, RawCells raws) {
			super(field);
			this.raws = raws;
		}

		@Override
		StagedRecord apply(long line, String original, String value, String[] out, int at) {
			SocialCreditCode.Result uscc = SocialCreditCode.check(value);
			if (!uscc.isValid()) {
				String broken = (uscc.outcome() == SocialCreditCode.Outcome.CHECKSUM) ? USCC_CHECKSUM : USCC_FORMAT;
				remember(this.raws, original, broken);
				return quarantined(line, rawRule(broken, this.field), original);
			}
			remember(this.raws, original, uscc.canonical());
			out[at] = uscc.canonical();
			return null;
		}

	}

	static final class Quantity extends FieldRule {

		Quantity(Field field) {
			super(field);
		}

		@Override
		StagedRecord apply(long line, String original, String value, String[] out, int at) {
			java.math.BigDecimal amount = Quantities.parse(value);
			if (amount == null) {
				return quarantined(line, QuarantineRule.QUANTITY_INVALID, original);
			}
			out[at] = amount.toPlainString();
			return null;
		}

	}

	/** A district named in a record: it must be the district whose feed this is. */
	static final class District extends FieldRule {

		private final Districts districts;

		private final String district;

		District(Field field, Districts districts, String district) {
			super(field);
			this.districts = districts;
			this.district = district;
		}

		@Override
		StagedRecord apply(long line, String original, String value, String[] out, int at) {
			String code = this.districts.code(value);
			if (code == null) {
				return quarantined(line, QuarantineRule.DISTRICT_UNKNOWN, original);
			}
			if (!code.equals(this.district)) {
				return quarantined(line, QuarantineRule.DISTRICT_MISMATCH, original);
			}
			return null;
		}

	}

	static final class Date extends FieldRule {

		private final LocalDate today;

		/** An end date (a card valid until) may lie after the snapshot; every other date may not. */
		private final boolean mayBeLater;

		Date(Field field, LocalDate today) {
			super(field);
			this.today = today;
			this.mayBeLater = field.type() == SourceKind.ValueType.END_DATE;
		}

		@Override
		StagedRecord apply(long line, String original, String value, String[] out, int at) {
			LocalDate date = DateValues.parse(value);
			if (date == null || (!this.mayBeLater && date.isAfter(this.today))) {
				return quarantined(line, QuarantineRule.DATE_INVALID, original);
			}
			out[at] = date.toString();
			return null;
		}

	}

}
