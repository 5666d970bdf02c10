package cq.talentwarehouse.normalize.value;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Dates as districts write them: 2023-12-31, 2023/12/31, 2023.12.31, 2023年12月31日, 2023年12月,
 * 2023.12, 202312, 20231231, 2023, and Excel serial day numbers. A month without a day is the
 * month's last day (a snapshot "as of 2023年12月" is as of its end).
 */
public final class DateValues {

	private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

	private DateValues() {
	}

	/** The date, or {@code null} when the text is not a date this parser knows. */
	public static LocalDate parse(String raw) {
		String s = TextNormalizer.clean(raw);
		if (s == null) {
			return null;
		}
		int[] parts = new int[3];
		int count = 0;
		int value = 0;
		int digits = 0;
		int[] widths = new int[3];
		for (int i = 0; i <= s.length(); i++) {
			char c = (i < s.length()) ? s.charAt(i) : '\0';
			if (c >= '0' && c <= '9') {
				value = value * 10 + (c - '0');
				digits++;
				if (digits > 8) {
					return null;
				}
				continue;
			}
			if (digits > 0) {
				if (count == 3) {
					return null;
				}
				widths[count] = digits;
				parts[count++] = value;
				value = 0;
				digits = 0;
			}
			boolean separator = c == '-' || c == '/' || c == '.' || c == '年' || c == '月' || c == '日' || c == '号'
					|| c == '\0' || c == ' ';
			if (!separator) {
				return null;
			}
		}
		try {
			if (count == 1) {
				int n = parts[0];
				return switch (widths[0]) {
					case 8 -> LocalDate.of(n / 10000, (n / 100) % 100, n % 100);
					case 6 -> endOfMonth(n / 100, n % 100);
					case 4 -> (n >= 1900) ? LocalDate.of(n, 12, 31) : null;
					case 5 -> (n >= 20000 && n <= 80000) ? EXCEL_EPOCH.plusDays(n) : null;
					default -> null;
				};
			}
			if (widths[0] != 4) {
				return null;
			}
			if (count == 2) {
				return endOfMonth(parts[0], parts[1]);
			}
			if (count == 3) {
				return LocalDate.of(parts[0], parts[1], parts[2]);
			}
		}
		catch (DateTimeException ex) {
			return null;
		}
		return null;
	}

	private static LocalDate endOfMonth(int year, int month) {
		LocalDate first = LocalDate.of(year, month, 1);
		return first.withDayOfMonth(first.lengthOfMonth());
	}

}
