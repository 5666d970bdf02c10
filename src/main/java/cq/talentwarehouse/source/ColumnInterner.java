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
		if (from == to) {
			return "";
		}
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
			if (same(text, buffer, from, to)) {
				return this.values[slot];
			}
			slot = (slot + 1) & mask;
		}
	}

	/** Cells are a few chars: compared in a plain loop, without Arrays.equals' range checks and vectorized set-up. */
	private static boolean same(char[] text, char[] buffer, int from, int to) {
		int n = text.length;
		if (n != to - from) {
			return false;
		}
		for (int i = 0; i < n; i++) {
			if (text[i] != buffer[from + i]) {
				return false;
			}
		}
		return true;
	}

}
