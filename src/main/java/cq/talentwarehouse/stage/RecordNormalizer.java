package cq.talentwarehouse.stage;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import cq.talentwarehouse.normalize.DateValues;
import cq.talentwarehouse.normalize.Districts;
import cq.talentwarehouse.normalize.Quantities;
import cq.talentwarehouse.normalize.ReferenceData;
import cq.talentwarehouse.normalize.TextNormalizer;
import cq.talentwarehouse.normalize.Vocabulary;
import cq.talentwarehouse.pipeline.ColumnSpec;
import cq.talentwarehouse.pipeline.SourceDefinition;
import cq.talentwarehouse.pipeline.SourceKind;
import cq.talentwarehouse.pipeline.SourceKind.Field;
import cq.talentwarehouse.source.RawRecord;
import cq.talentwarehouse.validate.ResidentIdNumber;
import cq.talentwarehouse.validate.SocialCreditCode;

/**
 * Normalizes and validates one raw record of any source kind, field by field as the kind declares
 * them. The first broken rule quarantines the record; nothing is guessed. Duplicates within the
 * snapshot are found when the record is written ({@link StagingWriter}).
 */
public class RecordNormalizer implements ItemProcessor<RawRecord, StagedRecord> {

	private final List<Field> fields;

	private final Vocabulary[] vocabularies;

	private final String[] separators;

	private final int width;

	/** Staging columns of each field, computed once instead of per record. */
	private final int[] stagedWidths;

	/**
	 * Per vocabulary field, what a raw cell maps to (UNKNOWN when nothing): districts write a few
	 * hundred distinct values into millions of cells, so each is normalized and looked up once.
	 */
	private final java.util.Map<String, String>[] codeCache;

	private static final String UNKNOWN = "\0unknown";

	/**
	 * Per code, code-list and credit-code field, what a raw cell (as sent, before cleaning) gave:
	 * the same few hundred cells repeat in every row, so a repeated cell skips cleaning, folding and
	 * validation altogether. UNKNOWN, USCC_FORMAT and USCC_CHECKSUM stand for the rule it broke.
	 */
	private final java.util.Map<String, String>[] rawCache;

	private static final String USCC_FORMAT = "\0uscc_format";

	private static final String USCC_CHECKSUM = "\0uscc_checksum";

	private static final int CODE_CACHE_LIMIT = 4096;

	private final Pseudonymizer pseudonymizer;

	private final LocalDate today;

	private final Districts districts;

	private final String district;

	/** One rule per field, by its value type. */
	private final FieldRule[] rules;

	/** The masked ID number of the record being normalized (how a duplicate is shown). */
	private String shownAs;

	/** Longer values quarantine their record (value_too_long): they would be damage, not data. */
	private final int maxValueChars;

	public RecordNormalizer(String district, SourceKind kind, SourceDefinition definition, ReferenceData reference,
			Pseudonymizer pseudonymizer, LocalDate today) {
		this(district, kind, definition, reference, pseudonymizer, today, cq.talentwarehouse.source.SizeLimits.DEFAULT);
	}

	public RecordNormalizer(String district, SourceKind kind, SourceDefinition definition, ReferenceData reference,
			Pseudonymizer pseudonymizer, LocalDate today, cq.talentwarehouse.source.SizeLimits limits) {
		this.maxValueChars = limits.maxValueChars();
		this.district = district;
		this.districts = reference.districts();
		this.fields = kind.fields();
		this.vocabularies = new Vocabulary[this.fields.size()];
		this.separators = new String[this.fields.size()];
		Map<String, ColumnSpec> columns = (definition.columns() == null) ? Map.of() : definition.columns();
		for (int i = 0; i < this.fields.size(); i++) {
			Field f = this.fields.get(i);
			if (f.vocabulary() != null) {
				this.vocabularies[i] = reference.vocabulary(f.vocabulary())
					.with(definition.valuesOrEmpty().get(f.name()));
			}
			ColumnSpec spec = columns.get(f.name());
			// cells are NFKC-folded before splitting, so the separators must be too (；becomes ;)
			this.separators[i] = java.text.Normalizer.normalize(
					(spec != null && spec.multiValued()) ? spec.separators() : "、,;|", java.text.Normalizer.Form.NFKC);
		}
		this.width = kind.stagedColumns().size() - 1;
		this.stagedWidths = new int[this.fields.size()];
		@SuppressWarnings("unchecked")
		java.util.Map<String, String>[] caches = new java.util.Map[this.fields.size()];
		for (int i = 0; i < this.fields.size(); i++) {
			this.stagedWidths[i] = this.fields.get(i).stagedColumns().size();
			caches[i] = new java.util.HashMap<>();
		}
		this.codeCache = caches;
		@SuppressWarnings("unchecked")
		java.util.Map<String, String>[] raws = new java.util.Map[this.fields.size()];
		for (int i = 0; i < this.fields.size(); i++) {
			SourceKind.ValueType type = this.fields.get(i).type();
			if (type == SourceKind.ValueType.CODE || type == SourceKind.ValueType.CODE_LIST
					|| type == SourceKind.ValueType.USCC) {
				raws[i] = new java.util.HashMap<>();
			}
		}
		this.rawCache = raws;
		this.pseudonymizer = pseudonymizer;
		this.today = today;
		this.rules = new FieldRule[this.fields.size()];
		for (int i = 0; i < this.fields.size(); i++) {
			this.rules[i] = rule(i, this.fields.get(i));
		}
		List<String> staged = kind.stagedColumns().subList(1, kind.stagedColumns().size());
		this.programmeAt = staged.indexOf("programme_code");
		this.tierAt = staged.indexOf("tier_code");
		this.tierField = (kind.field("tier") == null) ? -1 : this.fields.indexOf(kind.field("tier"));
		this.awardedAt = staged.indexOf("awarded_date");
		this.endAt = staged.indexOf("end_date");
		this.endField = (kind.field("end_date") == null) ? -1 : this.fields.indexOf(kind.field("end_date"));
	}

	/** Staged positions of the fields checked against each other (-1 where a kind has none). */
	private final int programmeAt;

	private final int tierAt;

	private final int tierField;

	private final int awardedAt;

	private final int endAt;

	private final int endField;

	/**
	 * Checks between fields of a record whose fields are each valid: a tier belongs to its
	 * programme (tier codes are {@code <programme>.<tier>}, seeds/programme_tiers.csv), and an award
	 * does not end before it was made.
	 */
	private StagedRecord crossCheck(RawRecord raw, String[] out) {
		if (this.tierAt >= 0 && out[this.tierAt] != null && !out[this.tierAt].startsWith(out[this.programmeAt] + ".")) {
			return StagedRecord.quarantined(raw.line(), "tier_not_of_programme", "tier", raw.values()[this.tierField]);
		}
		if (this.endAt >= 0 && out[this.endAt] != null && out[this.awardedAt] != null
				&& out[this.endAt].compareTo(out[this.awardedAt]) < 0) {
			return StagedRecord.quarantined(raw.line(), "end_before_award", "end_date", raw.values()[this.endField]);
		}
		return null;
	}

	/**
	 * What a cleaned cell must satisfy and what it stages, one class per value type. Called through
	 * an array of them, each rule is compiled on its own: a district whose dates take a branch no
	 * earlier district took recompiles the date rule, not the whole record normalization with the
	 * HMAC and every validator inlined into it (at city scale that recompilation, nine times over,
	 * was 2.9 s of a JIT compiler thread on a 2-core machine).
	 */
	private abstract static class FieldRule {

		final Field field;

		FieldRule(Field field) {
			this.field = field;
		}

		/**
		 * Writes the staged values of a cleaned, non-empty cell into {@code out} from {@code at}.
		 * @return null when the cell is good, else the record quarantined for the rule it broke
		 */
		abstract StagedRecord apply(long line, String original, String value, String[] out, int at);

	}

	private FieldRule rule(int index, Field field) {
		return switch (field.type()) {
			case ID_NUMBER -> new IdNumberRule(field);
			case PERSONAL_NAME -> new PresenceRule(field);
			case TEXT -> new TextRule(field);
			case CODE, CODE_LIST -> new CodeRule(field, index, this.rawCache[index]);
			case USCC -> new CreditCodeRule(field, this.rawCache[index]);
			case QUANTITY -> new QuantityRule(field);
			case DISTRICT -> new DistrictRule(field);
			case DATE, END_DATE -> new DateRule(field);
		};
	}

	private final class IdNumberRule extends FieldRule {

		IdNumberRule(Field field) {
			super(field);
		}

		@Override
		StagedRecord apply(long line, String original, String value, String[] out, int at) {
			ResidentIdNumber.Result id = ResidentIdNumber.check(value, RecordNormalizer.this.today);
			if (!id.isValid()) {
				return StagedRecord.quarantined(line, idRule(id.outcome()), this.field.name(), ResidentIdNumber.mask(value));
			}
			out[at] = RecordNormalizer.this.pseudonymizer.pseudonym(id.canonical());
			out[at + 1] = (id.gender() == 'M') ? "M" : (id.gender() == 'F') ? "F" : String.valueOf(id.gender());
			out[at + 2] = year(id.birthYear());
			RecordNormalizer.this.shownAs = ResidentIdNumber.mask(id.canonical());
			return null;
		}

	}

	/** A person's name: checked for presence only, never staged — names do not leave this process. */
	private static final class PresenceRule extends FieldRule {

		PresenceRule(Field field) {
			super(field);
		}

		@Override
		StagedRecord apply(long line, String original, String value, String[] out, int at) {
			return null;
		}

	}

	private static final class TextRule extends FieldRule {

		TextRule(Field field) {
			super(field);
		}

		@Override
		StagedRecord apply(long line, String original, String value, String[] out, int at) {
			out[at] = value;
			return null;
		}

	}

	private final class CodeRule extends FieldRule {

		private final int index;

		private final boolean list;

		private final java.util.Map<String, String> raws;

		CodeRule(Field field, int index, java.util.Map<String, String> raws) {
			super(field);
			this.index = index;
			this.list = field.type() == SourceKind.ValueType.CODE_LIST;
			this.raws = raws;
		}

		@Override
		StagedRecord apply(long line, String original, String value, String[] out, int at) {
			String code = cachedCode(this.index, value, this.list);
			remember(this.raws, original, (code == null) ? UNKNOWN : code);
			if (code == null) {
				return StagedRecord.quarantined(line, unknownRule(this.field), this.field.name(), original);
			}
			out[at] = code;
			return null;
		}

	}

	private static final class CreditCodeRule extends FieldRule {

		private final java.util.Map<String, String> raws;

		CreditCodeRule(Field field, java.util.Map<String, String> raws) {
			super(field);
			this.raws = raws;
		}

		@Override
		StagedRecord apply(long line, String original, String value, String[] out, int at) {
			SocialCreditCode.Result uscc = SocialCreditCode.check(value);
			if (!uscc.isValid()) {
				String broken = (uscc.outcome() == SocialCreditCode.Outcome.CHECKSUM) ? USCC_CHECKSUM : USCC_FORMAT;
				remember(this.raws, original, broken);
				return StagedRecord.quarantined(line, rawRule(broken, this.field), this.field.name(), original);
			}
			remember(this.raws, original, uscc.canonical());
			out[at] = uscc.canonical();
			return null;
		}

	}

	private static final class QuantityRule extends FieldRule {

		QuantityRule(Field field) {
			super(field);
		}

		@Override
		StagedRecord apply(long line, String original, String value, String[] out, int at) {
			java.math.BigDecimal amount = Quantities.parse(value);
			if (amount == null) {
				return StagedRecord.quarantined(line, "quantity_invalid", this.field.name(), original);
			}
			out[at] = amount.toPlainString();
			return null;
		}

	}

	private final class DistrictRule extends FieldRule {

		DistrictRule(Field field) {
			super(field);
		}

		@Override
		StagedRecord apply(long line, String original, String value, String[] out, int at) {
			String code = RecordNormalizer.this.districts.code(value);
			if (code == null) {
				return StagedRecord.quarantined(line, "district_unknown", this.field.name(), original);
			}
			if (!code.equals(RecordNormalizer.this.district)) {
				return StagedRecord.quarantined(line, "district_mismatch", this.field.name(), original);
			}
			return null;
		}

	}

	private final class DateRule extends FieldRule {

		/** An end date (a card valid until) may lie after the snapshot; every other date may not. */
		private final boolean mayBeLater;

		DateRule(Field field) {
			super(field);
			this.mayBeLater = field.type() == SourceKind.ValueType.END_DATE;
		}

		@Override
		StagedRecord apply(long line, String original, String value, String[] out, int at) {
			LocalDate date = DateValues.parse(value);
			if (date == null || (!this.mayBeLater && date.isAfter(RecordNormalizer.this.today))) {
				return StagedRecord.quarantined(line, "date_invalid", this.field.name(), original);
			}
			out[at] = date.toString();
			return null;
		}

	}

	@Override
	public StagedRecord process(RawRecord raw) {
		String[] out = new String[this.width];
		this.shownAs = null;
		int at = 0;
		String[] in = raw.values();
		for (int i = 0; i < this.fields.size(); i++) {
			Field field = this.fields.get(i);
			String original = in[i];
			if (original != null && original.length() > this.maxValueChars) {
				// an ID number or a name is never shown, not even in part
				boolean personal = field.type() == SourceKind.ValueType.ID_NUMBER || field.name().equals("name");
				return StagedRecord.quarantined(raw.line(), "value_too_long", field.name(),
						(personal ? "" : original.substring(0, 60) + "… ") + "(" + original.length() + " characters)");
			}
			java.util.Map<String, String> raws = this.rawCache[i];
			if (raws != null && original != null) {
				String known = raws.get(original);
				if (known != null) {
					if (known.charAt(0) == '\0') {
						return StagedRecord.quarantined(raw.line(), rawRule(known, field), field.name(), original);
					}
					out[at++] = known;
					continue;
				}
			}
			String value = TextNormalizer.clean(original);
			if (value == null) {
				if (field.type() == SourceKind.ValueType.ID_NUMBER) {
					return StagedRecord.quarantined(raw.line(), "id_missing", field.name(), "");
				}
				if (field.required()) {
					return StagedRecord.quarantined(raw.line(), "required_missing", field.name(),
							(original == null) ? "" : original);
				}
				at += this.stagedWidths[i];
				continue;
			}
			StagedRecord broken = this.rules[i].apply(raw.line(), original, value, out, at);
			if (broken != null) {
				return broken;
			}
			at += this.stagedWidths[i];
		}
		if (this.tierAt >= 0 || this.endAt >= 0) {
			StagedRecord broken = crossCheck(raw, out);
			if (broken != null) {
				return broken;
			}
		}
		return StagedRecord.accepted(raw.line(), out, this.shownAs);
	}

	private static final String[] YEARS = new String[300];

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

	private static String idRule(ResidentIdNumber.Outcome outcome) {
		return switch (outcome) {
			case MISSING -> "id_missing";
			case FORMAT -> "id_format";
			case CHECKSUM -> "id_checksum";
			case BIRTH_DATE -> "id_birth_date";
			case VALID -> throw new IllegalArgumentException("valid");
		};
	}

	private static void remember(java.util.Map<String, String> raws, String original, String result) {
		if (raws != null && raws.size() < CODE_CACHE_LIMIT) {
			raws.put(original, result);
		}
	}

	private static String rawRule(String marker, Field field) {
		if (marker == USCC_CHECKSUM) {
			return "uscc_checksum";
		}
		if (marker == USCC_FORMAT) {
			return "uscc_format";
		}
		return unknownRule(field);
	}

	private static String unknownRule(Field field) {
		return "talent_categories".equals(field.vocabulary()) ? "category_unknown" : "vocabulary_unknown";
	}

	private String cachedCode(int field, String value, boolean list) {
		java.util.Map<String, String> cache = this.codeCache[field];
		String code = cache.get(value);
		if (code == null) {
			code = list ? codeList(this.vocabularies[field], value, this.separators[field])
					: this.vocabularies[field].code(value);
			if (code == null) {
				code = UNKNOWN;
			}
			if (cache.size() < CODE_CACHE_LIMIT) {
				cache.put(value, code);
			}
		}
		return (code == UNKNOWN) ? null : code;
	}

	/** Codes of every value in a multi-valued cell, de-duplicated, or null if any is unknown. */
	private static String codeList(Vocabulary vocabulary, String cell, String separators) {
		StringBuilder codes = new StringBuilder();
		int start = 0;
		for (int i = 0; i <= cell.length(); i++) {
			if (i < cell.length() && separators.indexOf(cell.charAt(i)) < 0) {
				continue;
			}
			if (i > start) {
				String part = cell.substring(start, i);
				if (TextNormalizer.clean(part) != null) {
					String code = vocabulary.code(part);
					if (code == null) {
						return null;
					}
					if (!containsCode(codes, code)) {
						if (codes.length() > 0) {
							codes.append('|');
						}
						codes.append(code);
					}
				}
			}
			start = i + 1;
		}
		return (codes.length() == 0) ? null : codes.toString();
	}

	private static boolean containsCode(StringBuilder codes, String code) {
		int from = 0;
		while (true) {
			int at = codes.indexOf(code, from);
			if (at < 0) {
				return false;
			}
			int end = at + code.length();
			if ((at == 0 || codes.charAt(at - 1) == '|') && (end == codes.length() || codes.charAt(end) == '|')) {
				return true;
			}
			from = end;
		}
	}

}
