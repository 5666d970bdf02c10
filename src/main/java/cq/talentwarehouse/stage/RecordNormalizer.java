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
 * them. The first broken rule quarantines the record; nothing is guessed. Duplicates are found
 * later, set-based, in the warehouse.
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

	public RecordNormalizer(String district, SourceKind kind, SourceDefinition definition, ReferenceData reference,
			Pseudonymizer pseudonymizer, LocalDate today) {
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
	}

	@Override
	public StagedRecord process(RawRecord raw) {
		String[] out = new String[this.width];
		String shownAs = null;
		int at = 0;
		String[] in = raw.values();
		for (int i = 0; i < this.fields.size(); i++) {
			Field field = this.fields.get(i);
			String original = in[i];
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
			switch (field.type()) {
				case ID_NUMBER -> {
					ResidentIdNumber.Result id = ResidentIdNumber.check(value, this.today);
					if (!id.isValid()) {
						return StagedRecord.quarantined(raw.line(), idRule(id.outcome()), field.name(),
								ResidentIdNumber.mask(value));
					}
					out[at++] = this.pseudonymizer.pseudonym(id.canonical());
					out[at++] = (id.gender() == 'M') ? "M" : (id.gender() == 'F') ? "F" : String.valueOf(id.gender());
					out[at++] = year(id.birthYear());
					shownAs = ResidentIdNumber.mask(id.canonical());
				}
				case PERSONAL_NAME -> {
					// checked for presence only: names never leave this process
				}
				case TEXT -> out[at++] = value;
				case CODE, CODE_LIST -> {
					String code = cachedCode(i, value, field.type() == SourceKind.ValueType.CODE_LIST);
					remember(raws, original, (code == null) ? UNKNOWN : code);
					if (code == null) {
						return StagedRecord.quarantined(raw.line(), unknownRule(field), field.name(), original);
					}
					out[at++] = code;
				}
				case USCC -> {
					SocialCreditCode.Result uscc = SocialCreditCode.check(value);
					if (!uscc.isValid()) {
						String broken = (uscc.outcome() == SocialCreditCode.Outcome.CHECKSUM) ? USCC_CHECKSUM : USCC_FORMAT;
						remember(raws, original, broken);
						return StagedRecord.quarantined(raw.line(), rawRule(broken, field), field.name(), original);
					}
					remember(raws, original, uscc.canonical());
					out[at++] = uscc.canonical();
				}
				case QUANTITY -> {
					java.math.BigDecimal amount = Quantities.parse(value);
					if (amount == null) {
						return StagedRecord.quarantined(raw.line(), "quantity_invalid", field.name(), original);
					}
					out[at++] = amount.toPlainString();
				}
				case DISTRICT -> {
					String code = this.districts.code(value);
					if (code == null) {
						return StagedRecord.quarantined(raw.line(), "district_unknown", field.name(), original);
					}
					if (!code.equals(this.district)) {
						return StagedRecord.quarantined(raw.line(), "district_mismatch", field.name(), original);
					}
				}
				case DATE -> {
					LocalDate date = DateValues.parse(value);
					if (date == null || date.isAfter(this.today)) {
						return StagedRecord.quarantined(raw.line(), "date_invalid", field.name(), original);
					}
					out[at++] = date.toString();
				}
			}
		}
		return StagedRecord.accepted(raw.line(), out, shownAs);
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
