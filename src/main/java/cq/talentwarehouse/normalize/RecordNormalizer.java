package cq.talentwarehouse.normalize;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import cq.talentwarehouse.reference.ReferenceData;
import cq.talentwarehouse.normalize.value.TextNormalizer;
import cq.talentwarehouse.reference.Vocabulary;
import cq.talentwarehouse.pipeline.ColumnSpec;
import cq.talentwarehouse.pipeline.SourceDefinition;
import cq.talentwarehouse.pipeline.SourceKind;
import cq.talentwarehouse.pipeline.SourceKind.Field;
import cq.talentwarehouse.source.RawRecord;
import cq.talentwarehouse.source.SizeLimits;

/**
 * Normalizes and validates one raw record of any source kind, field by field as the kind declares
 * them. The first broken rule quarantines the record; nothing is guessed. Duplicates within the
 * snapshot are found when the record is written ({@link StagingWriter}).
 */
public class RecordNormalizer implements ItemProcessor<RawRecord, StagedRecord> {

	private final List<Field> fields;

	private final int width;

	/** Staging columns of each field, computed once instead of per record. */
	private final int[] stagedWidths;

	/**
	 * Per code, code-list and credit-code field, what a raw cell (as sent, before cleaning) gave:
	 * the same few hundred cells repeat in every row, so a repeated cell skips cleaning, folding and
	 * validation altogether. Markers of {@link FieldRule} stand for the rule it broke.
	 */
	private final RawCells[] rawCache;

	/** One rule per field, by its value type. */
	private final FieldRule[] rules;

	/** The rule of the resident ID number, when the kind has one (it knows how a duplicate is shown). */
	private final FieldRule.IdNumber idNumber;

	/** Longer values quarantine their record (value_too_long): they would be damage, not data. */
	private final int maxValueChars;

	public RecordNormalizer(String district, SourceKind kind, SourceDefinition definition, ReferenceData reference,
			Pseudonymizer pseudonymizer, LocalDate today) {
		this(district, kind, definition, reference, pseudonymizer, today, SizeLimits.DEFAULT);
	}

	public RecordNormalizer(String district, SourceKind kind, SourceDefinition definition, ReferenceData reference,
			Pseudonymizer pseudonymizer, LocalDate today, SizeLimits limits) {
		this.maxValueChars = limits.maxValueChars();
		this.fields = kind.fields();
		this.width = kind.stagedColumns().size() - 1;
		Map<String, ColumnSpec> columns = (definition.columns() == null) ? Map.of() : definition.columns();
		int n = this.fields.size();
		this.stagedWidths = new int[n];
		RawCells[] raws = new RawCells[n];
		this.rawCache = raws;
		this.rules = new FieldRule[n];
		FieldRule.IdNumber id = null;
		for (int i = 0; i < n; i++) {
			Field f = this.fields.get(i);
			this.stagedWidths[i] = f.stagedColumns().size();
			SourceKind.ValueType type = f.type();
			if (type == SourceKind.ValueType.CODE || type == SourceKind.ValueType.CODE_LIST
					|| type == SourceKind.ValueType.USCC) {
				raws[i] = new RawCells();
			}
			this.rules[i] = switch (type) {
				case ID_NUMBER -> id = new FieldRule.IdNumber(f, today, pseudonymizer);
				case PERSONAL_NAME -> new FieldRule.Presence(f);
				case TEXT -> new FieldRule.Text(f);
				case CODE, CODE_LIST -> new FieldRule.Code(f, codes(f, definition, reference, columns.get(f.name())), raws[i]);
				case USCC -> new FieldRule.CreditCode(f, raws[i]);
				case QUANTITY -> new FieldRule.Quantity(f);
				case DISTRICT -> new FieldRule.District(f, reference.districts(), district);
				case DATE, END_DATE -> new FieldRule.Date(f, today);
			};
		}
		this.idNumber = id;
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
			return StagedRecord.quarantined(raw.line(), QuarantineRule.TIER_NOT_OF_PROGRAMME, "tier",
					raw.values()[this.tierField]);
		}
		if (this.endAt >= 0 && out[this.endAt] != null && out[this.awardedAt] != null
				&& out[this.endAt].compareTo(out[this.awardedAt]) < 0) {
			return StagedRecord.quarantined(raw.line(), QuarantineRule.END_BEFORE_AWARD, "end_date",
					raw.values()[this.endField]);
		}
		return null;
	}

	/** The vocabulary of a code field, with the district's own value names, and how its lists are separated. */
	private static VocabularyCodes codes(Field f, SourceDefinition definition, ReferenceData reference, ColumnSpec spec) {
		Vocabulary vocabulary = reference.vocabulary(f.vocabulary()).with(definition.valuesOrEmpty().get(f.name()));
		// cells are NFKC-folded before splitting, so the separators must be too (；becomes ;)
		String separators = java.text.Normalizer.normalize(
				(spec != null && spec.multiValued()) ? spec.separators() : "、,;|", java.text.Normalizer.Form.NFKC);
		return new VocabularyCodes(vocabulary, separators);
	}

	@Override
	public StagedRecord process(RawRecord raw) {
		String[] out = new String[this.width];
		int at = 0;
		String[] in = raw.values();
		for (int i = 0; i < this.fields.size(); i++) {
			Field field = this.fields.get(i);
			String original = in[i];
			if (original != null && original.length() > this.maxValueChars) {
				// an ID number or a name is never shown, not even in part
				boolean personal = field.type() == SourceKind.ValueType.ID_NUMBER || field.name().equals("name");
				return StagedRecord.quarantined(raw.line(), QuarantineRule.VALUE_TOO_LONG, field.name(),
						(personal ? "" : original.substring(0, 60) + "… ") + "(" + original.length() + " characters)");
			}
			RawCells raws = this.rawCache[i];
			// an empty cell cleans to nothing and is never remembered: no lookup (most optional cells are empty)
			boolean empty = original == null || original.isEmpty();
			if (raws != null && !empty) {
				String known = raws.get(original);
				if (known != null) {
					if (known.charAt(0) == '\0') {
						return StagedRecord.quarantined(raw.line(), FieldRule.rawRule(known, field), field.name(), original);
					}
					out[at++] = known;
					continue;
				}
			}
			String value = empty ? null : TextNormalizer.clean(original);
			if (value == null) {
				if (field.type() == SourceKind.ValueType.ID_NUMBER) {
					return StagedRecord.quarantined(raw.line(), QuarantineRule.ID_MISSING, field.name(), "");
				}
				if (field.required()) {
					return StagedRecord.quarantined(raw.line(), QuarantineRule.REQUIRED_MISSING, field.name(),
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
		// an accepted record of a kind with ID numbers always passed its ID rule just now
		if (this.idNumber == null) {
			return StagedRecord.accepted(raw.line(), out);
		}
		return StagedRecord.person(raw.line(), out, this.idNumber.canonical(), this.idNumber.high(), this.idNumber.low());
	}

}
