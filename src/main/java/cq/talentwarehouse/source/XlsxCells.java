package cq.talentwarehouse.source;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.dhatim.fastexcel.reader.Cell;

/**
 * A workbook cell as the text a district meant (numbers in plain notation, date-formatted numbers as
 * ISO dates): apart from {@link XlsxSourceReader}'s finding of sheet, header and rows.
 */
final class XlsxCells {

	/** Per number format id of the workbook, whether it shows a date. */
	private final Map<String, Boolean> dateFormats = new HashMap<>();

	/** The text a cell shows, or null for an empty cell. */
	String text(Cell cell) {
		if (cell == null) {
			return null;
		}
		Object value = cell.getValue();
		return switch (cell.getType()) {
			case EMPTY -> null;
			case STRING -> (String) value;
			case BOOLEAN -> Boolean.TRUE.equals(value) ? "TRUE" : "FALSE";
			case ERROR -> cell.getRawValue();
			case NUMBER -> number(cell, (BigDecimal) value);
			// a formula's cached result: a number when the formula computes one, else its text
			case FORMULA -> (value instanceof BigDecimal number) ? number(cell, number) : (String) value;
		};
	}

	private String number(Cell cell, BigDecimal value) {
		if (value == null) {
			return null;
		}
		if (isDateFormat(cell)) {
			return cell.asDate().toLocalDate().toString();
		}
		BigDecimal plain = value.stripTrailingZeros();
		return (plain.scale() < 0) ? plain.setScale(0).toPlainString() : plain.toPlainString();
	}

	private boolean isDateFormat(Cell cell) {
		String id = (cell.getDataFormatId() == null) ? null : cell.getDataFormatId().toString();
		if (id == null) {
			return false;
		}
		return this.dateFormats.computeIfAbsent(id, (k) -> isDateFormat(cell.getDataFormatId(),
				cell.getDataFormatString()));
	}

	/**
	 * Which number formats show a date. fastexcel gives a cell's format id and code but no such test;
	 * Excel's own rule is the one spreadsheet libraries follow: the built-in date ids, or a code with
	 * a year or day part outside quoted text, escapes and brackets.
	 */
	static boolean isDateFormat(int id, String code) {
		// 14-17 and 22 everywhere; 27-31, 36 and 50-58 are the CJK locales' date formats
		if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 58)) {
			return true;
		}
		if (code == null || id < 164) {
			return false;
		}
		StringBuilder bare = new StringBuilder(code.length());
		boolean quoted = false;
		int bracket = 0;
		for (int i = 0; i < code.length(); i++) {
			char c = code.charAt(i);
			if (c == '"') {
				quoted = !quoted;
			}
			else if (quoted) {
				continue;
			}
			else if (c == '\\' || c == '_' || c == '*') {
				i++;
			}
			else if (c == '[') {
				bracket++;
			}
			else if (c == ']') {
				bracket = Math.max(0, bracket - 1);
			}
			else if (bracket == 0) {
				bare.append(Character.toLowerCase(c));
			}
		}
		String s = bare.toString();
		// only the first section formats positive numbers, which is what a date is
		int section = s.indexOf(';');
		if (section >= 0) {
			s = s.substring(0, section);
		}
		return s.indexOf('y') >= 0 || s.indexOf('d') >= 0;
	}

}
