package cq.talentwarehouse.normalize.value;

import java.math.BigDecimal;

/**
 * Quantities as districts write them: {@code 23.61万}, {@code 1.2亿}, {@code 3,000,000},
 * {@code ５００万元}. Returns the plain number (23.61万 → 236100), or null when the text is no
 * quantity. Exact decimal arithmetic: 23.61万 must be 236100, not 236099.99999.
 */
public final class Quantities {

	private static final BigDecimal WAN = BigDecimal.valueOf(10_000);

	private static final BigDecimal YI = BigDecimal.valueOf(100_000_000);

	private Quantities() {
	}

	public static BigDecimal parse(String raw) {
		String s = TextNormalizer.clean(raw);
		if (s == null) {
			return null;
		}
		StringBuilder number = new StringBuilder(s.length());
		BigDecimal unit = BigDecimal.ONE;
		int i = 0;
		for (; i < s.length(); i++) {
			char c = s.charAt(i);
			if ((c >= '0' && c <= '9') || c == '.' || (c == '-' && number.length() == 0)) {
				number.append(c);
			}
			else if (c == ',' || c == ' ') {
				continue;
			}
			else {
				break;
			}
		}
		String rest = s.substring(i).strip();
		if (rest.startsWith("万")) {
			unit = WAN;
			rest = rest.substring(1);
		}
		else if (rest.startsWith("亿")) {
			unit = YI;
			rest = rest.substring(1);
		}
		// a trailing unit of measure (元, 人, 家, 个) says nothing about the amount
		if (!rest.isEmpty() && !(rest.length() == 1 && "元人家个名项".indexOf(rest.charAt(0)) >= 0)) {
			return null;
		}
		if (number.length() == 0 || number.toString().equals("-") || number.indexOf(".") != number.lastIndexOf(".")) {
			return null;
		}
		try {
			return new BigDecimal(number.toString()).multiply(unit).stripTrailingZeros();
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
