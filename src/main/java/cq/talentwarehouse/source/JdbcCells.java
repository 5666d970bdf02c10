package cq.talentwarehouse.source;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;

import cq.talentwarehouse.normalize.value.DateValues;

/** Database values as the text a district's CSV export would hold: one rule for the cursor path and the date list. */
final class JdbcCells {

	private JdbcCells() {
	}

	/** A date column's value as the day it means, or null when it is none. */
	static LocalDate asDate(Object raw) {
		if (raw == null) {
			return null;
		}
		if (raw instanceof java.sql.Date d) {
			return d.toLocalDate();
		}
		if (raw instanceof java.sql.Timestamp t) {
			return t.toLocalDateTime().toLocalDate();
		}
		if (raw instanceof java.time.temporal.TemporalAccessor t) {
			return LocalDate.from(t);
		}
		return DateValues.parse(raw.toString());
	}

	/** Cell text as a district's CSV export would have it: numbers plain, dates ISO, null empty. */
	static String text(Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof BigDecimal d) {
			return d.toPlainString();
		}
		if (value instanceof Double || value instanceof Float) {
			return BigDecimal.valueOf(((Number) value).doubleValue()).stripTrailingZeros().toPlainString();
		}
		if (value instanceof java.sql.Timestamp t) {
			java.time.LocalDateTime at = t.toLocalDateTime();
			return at.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? at.toLocalDate().toString() : at.toString();
		}
		if (value instanceof java.time.LocalDateTime at) {
			return at.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? at.toLocalDate().toString() : at.toString();
		}
		if (value instanceof byte[] bytes) {
			return new String(bytes, StandardCharsets.UTF_8);
		}
		if (value instanceof java.sql.Clob clob) {
			try {
				return clob.getSubString(1, (int) Math.min(Integer.MAX_VALUE, clob.length()));
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return value.toString();
	}

}
