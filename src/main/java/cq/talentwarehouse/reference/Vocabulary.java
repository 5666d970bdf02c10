package cq.talentwarehouse.reference;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import cq.talentwarehouse.normalize.value.ChineseScript;
import cq.talentwarehouse.normalize.value.TextNormalizer;

/**
 * A closed vocabulary from {@code seeds/}: codes with their Chinese names and synonyms. Values
 * outside it are quarantined, never guessed.
 */
public final class Vocabulary {

	private final String name;

	private final Map<String, String> codeByKey;

	private final Map<String, String> nameByCode;

	private final Map<String, String> converted = new java.util.concurrent.ConcurrentHashMap<>();

	Vocabulary(String name, Map<String, String> codeByKey, Map<String, String> nameByCode) {
		this.name = name;
		this.codeByKey = codeByKey;
		this.nameByCode = Collections.unmodifiableMap(new LinkedHashMap<>(nameByCode));
	}

	public String name() {
		return this.name;
	}

	/**
	 * The code for a raw cell value (code, name or synonym, in Simplified or Traditional characters),
	 * or {@code null} when unknown.
	 */
	public String code(String raw) {
		String key = TextNormalizer.key(raw);
		if (key == null) {
			return null;
		}
		String code = this.codeByKey.get(key);
		if (code != null) {
			return code;
		}
		// Traditional spellings miss the first lookup; remember their conversion, the values repeat
		String converted = this.converted.get(key);
		if (converted == null) {
			if (this.converted.size() > 10_000) {
				this.converted.clear();
			}
			converted = ChineseScript.toSimplified(key);
			this.converted.put(key, converted);
		}
		return this.codeByKey.get(converted);
	}

	/** The Chinese name of a code, or {@code null} when the code does not exist. */
	public String name(String code) {
		return this.nameByCode.get(code);
	}

	public Map<String, String> namesByCode() {
		return this.nameByCode;
	}

	/** This vocabulary plus district-specific synonyms from a pipeline's {@code values}. */
	public Vocabulary with(Map<String, String> extraSynonyms) {
		if (extraSynonyms == null || extraSynonyms.isEmpty()) {
			return this;
		}
		Map<String, String> keys = new HashMap<>(this.codeByKey);
		extraSynonyms.forEach((raw, code) -> keys.put(TextNormalizer.key(raw), code));
		return new Vocabulary(this.name, keys, this.nameByCode);
	}

}
