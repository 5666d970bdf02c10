package cq.talentwarehouse.normalize.value;

import java.text.Normalizer;

/**
 * Cleans cell text the way every district needs it: full-width digits, letters and spaces folded to
 * half-width (NFKC), invisible characters dropped, surrounding white space trimmed.
 */
public final class TextNormalizer {

	private TextNormalizer() {
	}

	/** The cleaned value, or {@code null} for a blank cell. */
	public static String clean(String raw) {
		if (raw == null) {
			return null;
		}
		String s = raw;
		if (needsFolding(s)) {
			s = Normalizer.normalize(s, Normalizer.Form.NFKC);
			s = stripInvisible(s);
		}
		s = s.strip();
		return s.isEmpty() ? null : s;
	}

	/**
	 * A lookup key for vocabularies and headers: cleaned, and without inner white space and quote
	 * marks, so {@code 专精特新 "小巨人"} and {@code 专精特新“小巨人”} meet.
	 */
	public static String key(String raw) {
		String s = clean(raw);
		if (s == null) {
			return null;
		}
		StringBuilder b = null;
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			boolean drop = Character.isWhitespace(c) || c == '"' || c == '\'' || c == '“' || c == '”' || c == '‘'
					|| c == '’' || c == '「' || c == '」' || c == '『' || c == '』';
			if (drop && b == null) {
				b = new StringBuilder(s.length()).append(s, 0, i);
			}
			else if (!drop && b != null) {
				b.append(c);
			}
		}
		return (b == null) ? s : b.toString();
	}

	// Most cells are plain ASCII or ordinary CJK; skip the NFKC pass for them on the hot path.
	private static boolean needsFolding(String s) {
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			// nearly every char is ASCII or a CJK ideograph: one or two comparisons clear it
			if (c < '\u00A0' || (c > '\u3000' && c < '\uFEFF')) {
				continue;
			}
			if ((c >= '\uFF00' && c <= '\uFFEF') || c == '\u3000' || c == '\u00A0' || c == '\u200B' || c == '\u200C'
					|| c == '\u200D' || c == '\u2060' || c == '\uFEFF' || (c >= '\u2000' && c <= '\u200A')) {
				return true;
			}
		}
		return false;
	}

	private static String stripInvisible(String s) {
		StringBuilder b = new StringBuilder(s.length());
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c != '\u200B' && c != '\u200C' && c != '\u200D' && c != '\u2060' && c != '\uFEFF') {
				b.append(c);
			}
		}
		return b.toString();
	}

}
