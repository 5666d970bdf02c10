package cq.talentwarehouse.pipeline;

import java.util.List;
import java.util.Locale;

/**
 * The four kinds of district feed and the canonical fields each carries. A pipeline file maps a
 * district's column headers onto these fields; the rest of the pipeline only knows these names.
 */
public enum SourceKind {

	ROSTER("roster", List.of(
			Shared.ID_NUMBER,
			Shared.NAME,
			Field.required("categories", ValueType.CODE_LIST, "talent_categories", "人才类别"),
			Shared.EDUCATION,
			Field.optional("title", ValueType.CODE, "professional_titles", "职称"),
			Field.optional("skill_level", ValueType.CODE, "skill_levels", "职业技能等级"),
			Field.optional("talent_level", ValueType.CODE, "talent_levels", "人才层次"),
			Shared.EMPLOYER_USCC,
			Shared.DISTRICT)),

	PLATFORM("platform", List.of(
			Field.required("platform_name", ValueType.TEXT, null, "平台名称"),
			Field.required("platform_type", ValueType.CODE, "platform_types", "平台类型"),
			Field.required("platform_level", ValueType.CODE, "platform_levels", "平台级别"),
			Field.optional("host_uscc", ValueType.USCC, null, "依托单位统一社会信用代码"),
			Field.optional("approved_date", ValueType.DATE, null, "认定时间"),
			Shared.DISTRICT)),

	ENTERPRISE("enterprise", List.of(
			Field.required("uscc", ValueType.USCC, null, "统一社会信用代码"),
			Field.required("enterprise_name", ValueType.TEXT, null, "企业名称"),
			Field.required("qualification", ValueType.CODE, "qualification_types", "资质类型"),
			Field.optional("granted_date", ValueType.DATE, null, "认定时间"),
			Field.optional("registered_capital", ValueType.QUANTITY, null, "注册资本"),
			Shared.DISTRICT)),

	/**
	 * 人才项目台账: one record per person and award. A tier code belongs to its programme
	 * ({@code <programme>.<tier>}); a tier of another programme is quarantined.
	 */
	PROGRAM("program", List.of(
			Shared.ID_NUMBER,
			Shared.NAME,
			Field.required("programme", ValueType.CODE, "talent_programmes", "人才项目"),
			Field.optional("tier", ValueType.CODE, "programme_tiers", "层次或卡类"),
			Shared.EDUCATION,
			Field.required("awarded_date", ValueType.DATE, null, "认定时间"),
			Field.optional("end_date", ValueType.END_DATE, null, "截止时间"),
			Shared.EMPLOYER_USCC,
			Shared.DISTRICT));

	/** Fields several kinds carry, defined once (a nested class: an enum's constants cannot read its own statics). */
	private static final class Shared {

		static final Field ID_NUMBER = Field.required("id_number", ValueType.ID_NUMBER, null, "身份证号");

		static final Field NAME = Field.required("name", ValueType.PERSONAL_NAME, null, "姓名");

		static final Field EDUCATION = Field.optional("education", ValueType.CODE, "education_levels", "学历");

		static final Field EMPLOYER_USCC = Field.optional("employer_uscc", ValueType.USCC, null, "工作单位统一社会信用代码");

		static final Field DISTRICT = Field.optional("district", ValueType.DISTRICT, null, "所属区县");

	}

	private final String key;

	private final List<Field> fields;

	SourceKind(String key, List<Field> fields) {
		this.key = key;
		this.fields = fields;
	}

	/**
	 * Whether every snapshot of a district defining this source must carry its file. A programme
	 * ledger is sent with the deliveries in which it changed: a snapshot folder without it has no
	 * programme data (shown as no data, never as zero), and its roster and lists load as usual.
	 */
	public boolean sentWithEverySnapshot() {
		return this != PROGRAM;
	}

	/** The lower-case name used in pipeline files, step names and staging folders. */
	public String key() {
		return this.key;
	}

	public List<Field> fields() {
		return this.fields;
	}

	public Field field(String name) {
		for (Field f : this.fields) {
			if (f.name().equals(name)) {
				return f;
			}
		}
		return null;
	}

	public static SourceKind fromKey(String key) {
		for (SourceKind kind : values()) {
			if (kind.key.equals(key.toLowerCase(Locale.ROOT))) {
				return kind;
			}
		}
		return null;
	}

	/** What a field holds, which decides how it is validated and what it stages. */
	public enum ValueType {

		/** Resident ID number: validated, staged only as pseudonym, mask, gender and birth year. */
		ID_NUMBER,
		/** A person's name: must be present, never staged. */
		PERSONAL_NAME,
		/** Free text, staged cleaned. */
		TEXT,
		/** One value of a seed vocabulary, staged as its code. */
		CODE,
		/** Several values of a seed vocabulary in one cell, staged as codes joined by {@code |}. */
		CODE_LIST,
		/** Unified social credit code, validated, staged upper-case. */
		USCC,
		/** A date in any form districts write, staged ISO; not after the snapshot date. */
		DATE,
		/** A date the record's award ends: as DATE, but it may lie after the snapshot (a card valid until). */
		END_DATE,
		/** An amount, possibly in 万 or 亿, staged as a plain number. */
		QUANTITY,
		/** A district name variant or code: must be the pipeline's own district; stages nothing. */
		DISTRICT

	}

	/**
	 * A canonical field.
	 * @param name canonical name used in pipeline files
	 * @param type what the field holds
	 * @param vocabulary seed vocabulary the value must belong to, or null for free values
	 * @param label Chinese label used in messages to operators
	 * @param required whether a record without it is quarantined as {@code required_missing}
	 */
	public record Field(String name, ValueType type, String vocabulary, String label, boolean required) {

		static Field required(String name, ValueType type, String vocabulary, String label) {
			return new Field(name, type, vocabulary, label, true);
		}

		static Field optional(String name, ValueType type, String vocabulary, String label) {
			return new Field(name, type, vocabulary, label, false);
		}

		/** The staging columns this field produces, in order. */
		public java.util.List<String> stagedColumns() {
			return switch (this.type) {
				case ID_NUMBER -> java.util.List.of("person_id", "gender", "birth_year");
				case PERSONAL_NAME, DISTRICT -> java.util.List.of();
				case CODE, CODE_LIST -> java.util.List.of(this.name.endsWith("s") ? this.name : this.name + "_code");
				default -> java.util.List.of(this.name);
			};
		}
	}

	/**
	 * The staged columns that identify a record within one snapshot: a second record with the same
	 * values is quarantined as {@code duplicate} (the first, lowest line, is kept).
	 */
	public List<String> duplicateKey() {
		return switch (this) {
			case ROSTER -> List.of("person_id");
			case PLATFORM -> List.of("platform_name");
			case ENTERPRISE -> List.of("uscc", "qualification_code");
			case PROGRAM -> List.of("person_id", "programme_code");
		};
	}

	/** The field a duplicate is reported under in the quarantine. */
	public String duplicateField() {
		return switch (this) {
			case ROSTER -> "id_number";
			case PLATFORM -> "platform_name";
			case ENTERPRISE -> "uscc";
			case PROGRAM -> "id_number";
		};
	}

	/** Header of this kind's staging file: the source line, then every field's staged columns. */
	public List<String> stagedColumns() {
		java.util.List<String> columns = new java.util.ArrayList<>();
		columns.add("line");
		for (Field f : this.fields) {
			columns.addAll(f.stagedColumns());
		}
		return List.copyOf(columns);
	}

	/**
	 * The staged columns of code lists ({@link ValueType#CODE_LIST}: a roster's categories): a few hundred
	 * distinct values in millions of rows, which the staging writer lists beside the staged file and the
	 * build reads the column as an enum of.
	 */
	public List<String> listedColumns() {
		java.util.List<String> columns = new java.util.ArrayList<>();
		for (Field f : this.fields) {
			if (f.type() == ValueType.CODE_LIST) {
				columns.addAll(f.stagedColumns());
			}
		}
		return List.copyOf(columns);
	}

	/**
	 * Header of this kind's staged file: {@link #stagedColumns()}, then for a roster
	 * {@code is_named_again} and {@code person_key}, which the staging writer adds (true when an earlier
	 * roster row of the run named the person, and the number of the run's claim of the person:
	 * {@code stage.LoadPeople}; empty when the run did not claim people).
	 */
	public List<String> stagedFileColumns() {
		if (this != ROSTER) {
			return stagedColumns();
		}
		java.util.List<String> columns = new java.util.ArrayList<>(stagedColumns());
		columns.add("is_named_again");
		columns.add("person_key");
		return List.copyOf(columns);
	}

	/**
	 * The DuckDB type of each staged file's column, in {@link #stagedFileColumns()} order: the schema the
	 * build reads the staging files with ({@code sql/staging/stg_<kind>.sql}).
	 */
	public java.util.Map<String, String> stagedColumnTypes() {
		java.util.Map<String, String> types = new java.util.LinkedHashMap<>();
		for (String column : stagedFileColumns()) {
			types.put(column, switch (column) {
				case "line" -> "BIGINT";
				case "birth_year" -> "INTEGER";
				case "is_named_again" -> "BOOLEAN";
				case "person_key" -> "INTEGER";
				case "person_id" -> "UUID";
				default -> "VARCHAR";
			});
		}
		return java.util.Collections.unmodifiableMap(types);
	}

}
