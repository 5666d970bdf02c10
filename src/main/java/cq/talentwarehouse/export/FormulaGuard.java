package cq.talentwarehouse.export;

/**
 * Keeps a spreadsheet from evaluating exported text (CSV injection): a text cell starting with
 * {@code = + - @}, a tab or a carriage return gets a leading single quote, which Excel and
 * LibreOffice show as text. Only text columns go through here: a number column holding -3.5 is a
 * number, and quoting it would turn it into text for every BI tool. A text cell reading "-3" is
 * quoted like any other, because in a text column it is text that Excel would otherwise parse.
 */
public final class FormulaGuard {

	private static final String TRIGGERS = "=+-@\t\r";

	private FormulaGuard() {
	}

	public static String neutralise(String cell) {
		if (cell == null || cell.isEmpty() || TRIGGERS.indexOf(cell.charAt(0)) < 0) {
			return cell;
		}
		return "'" + cell;
	}

}
