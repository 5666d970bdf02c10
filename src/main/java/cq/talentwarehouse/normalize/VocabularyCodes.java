package cq.talentwarehouse.normalize;

import java.util.HashMap;
import java.util.Map;

import cq.talentwarehouse.normalize.value.TextNormalizer;
import cq.talentwarehouse.reference.Vocabulary;

/**
 * The codes of one field's vocabulary for cleaned cells, remembered: districts write a few hundred
 * distinct values into millions of cells, so each is normalized and looked up once.
 */
final class VocabularyCodes {

	private final Vocabulary vocabulary;

	/** Between the values of a multi-valued cell (NFKC-folded, as the cells are). */
	private final String separators;

	private final Map<String, String> cache = new HashMap<>();

	VocabularyCodes(Vocabulary vocabulary, String separators) {
		this.vocabulary = vocabulary;
		this.separators = separators;
	}

	/** The code of a value, or of each value of a list ({@code a|b}); null when one is unknown. */
	String code(String value, boolean list) {
		String code = this.cache.get(value);
		if (code == null) {
			code = list ? codeList(value) : this.vocabulary.code(value);
			if (code == null) {
				code = FieldRule.UNKNOWN;
			}
			if (this.cache.size() < FieldRule.CACHE_LIMIT) {
				this.cache.put(value, code);
			}
		}
		return (code == FieldRule.UNKNOWN) ? null : code;
	}

	/** Codes of every value in a multi-valued cell, de-duplicated, or null if any is unknown. */
	private String codeList(String cell) {
		StringBuilder codes = new StringBuilder();
		int start = 0;
		for (int i = 0; i <= cell.length(); i++) {
			if (i < cell.length() && this.separators.indexOf(cell.charAt(i)) < 0) {
				continue;
			}
			if (i > start) {
				String part = cell.substring(start, i);
				if (TextNormalizer.clean(part) != null) {
					String code = this.vocabulary.code(part);
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
