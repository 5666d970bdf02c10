package cq.talentwarehouse.source;

import java.util.Arrays;

/**
 * Shares the repeated values of one column of a delimited file (its own class so the parser reads as the
 * RFC 4180 loop). The distinct values of one column, up to a limit: a column with more (ID numbers, names) stops
 * interning once full and costs nothing more.
 */
final class ColumnInterner {

	private static final int SLOTS = 8192;

	private static final int LIMIT = 2048;

	private final String[] values = new String[SLOTS];

	private final char[][] texts = new char[SLOTS][];

	private int size;

	boolean open = true;

	String intern(char[] buffer, int from, int to) {
		int h = 0;
		for (int i = from; i < to; i++) {
			h = 31 * h + buffer[i];
		}
		int mask = SLOTS - 1;
		int slot = (h ^ (h >>> 13)) & mask;
		while (true) {
			char[] text = this.texts[slot];
			if (text == null) {
				String value = new String(buffer, from, to - from);
				if (this.size < LIMIT) {
					this.texts[slot] = Arrays.copyOfRange(buffer, from, to);
					this.values[slot] = value;
					this.size++;
				}
				else {
					this.open = false;
				}
				return value;
			}
			if (Arrays.equals(text, 0, text.length, buffer, from, to)) {
				return this.values[slot];
			}
			slot = (slot + 1) & mask;
		}
	}

}
