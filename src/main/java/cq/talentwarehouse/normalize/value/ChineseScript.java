package cq.talentwarehouse.normalize.value;

import com.ibm.icu.text.Transliterator;

/** Traditional → Simplified Chinese through ICU's transliterator (not a hand-kept table). */
public final class ChineseScript {

	private static final Transliterator TO_SIMPLIFIED = Transliterator.getInstance("Traditional-Simplified");

	private ChineseScript() {
	}

	public static String toSimplified(String text) {
		if (text == null || isAscii(text)) {
			return text;
		}
		// ICU transliterators are not documented as thread-safe; staging runs districts in parallel
		synchronized (TO_SIMPLIFIED) {
			return TO_SIMPLIFIED.transliterate(text);
		}
	}

	private static boolean isAscii(String s) {
		for (int i = 0; i < s.length(); i++) {
			if (s.charAt(i) > 0x7F) {
				return false;
			}
		}
		return true;
	}

}
