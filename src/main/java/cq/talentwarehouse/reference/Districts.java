package cq.talentwarehouse.reference;

import java.util.Map;
import java.util.Set;

import cq.talentwarehouse.normalize.value.ChineseScript;
import cq.talentwarehouse.normalize.value.TextNormalizer;

/** Chongqing's county-level divisions by GB/T 2260 code, and every name variant that maps to one. */
public final class Districts {

	private final Map<String, String> nameByCode;

	private final Map<String, String> codeByKey;

	Districts(Map<String, String> nameByCode, Map<String, String> codeByKey) {
		this.nameByCode = Map.copyOf(nameByCode);
		this.codeByKey = Map.copyOf(codeByKey);
	}

	public boolean isKnownCode(String code) {
		return this.nameByCode.containsKey(code);
	}

	public String name(String code) {
		return this.nameByCode.get(code);
	}

	public Set<String> codes() {
		return this.nameByCode.keySet();
	}

	/** The code for a code or name variant ({@code 江津}, {@code 重庆市江津区}), or {@code null}. */
	public String code(String raw) {
		String key = TextNormalizer.key(raw);
		if (key == null) {
			return null;
		}
		if (this.nameByCode.containsKey(key)) {
			return key;
		}
		String code = this.codeByKey.get(key);
		return (code != null) ? code : this.codeByKey.get(ChineseScript.toSimplified(key));
	}

}
