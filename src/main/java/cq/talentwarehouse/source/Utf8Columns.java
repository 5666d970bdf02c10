package cq.talentwarehouse.source;

import java.nio.charset.MalformedInputException;

/**
 * The cells of a UTF-8 file ({@link Utf8RecordParser}) as Strings, column by column: a column no
 * field reads is only checked, a repeated cell of a column is the String made the first time (see
 * {@link ByteColumnInterner}), any other is decoded ({@link Utf8Cells}).
 */
final class Utf8Columns {

	private static final byte QUOTE = '"';

	/** Columns whose repeated values are shared (far more than any feed has). */
	private static final int MAX_INTERNED_COLUMNS = 256;

	private final Utf8Cells cells = new Utf8Cells();

	/** Columns no field reads (a row number, a gender). */
	private boolean[] unread;

	private ByteColumnInterner[] interners = new ByteColumnInterner[16];

	private byte[] unescaped;

	/** From the next record on, cells of the columns marked true stay null. */
	void skip(boolean[] unread) {
		this.unread = unread;
	}

	long malformedLine() {
		return this.cells.malformedLine();
	}

	private boolean unread(int column) {
		return this.unread != null && column < this.unread.length && this.unread[column];
	}

	/** An unquoted cell of a line, with its hash ({@link ByteColumnInterner#hash}). */
	String plain(int column, byte[] b, int from, int to, int hash, long line) throws MalformedInputException {
		if (unread(column)) {
			this.cells.check(b, from, to, line);
			return null;
		}
		if (column >= MAX_INTERNED_COLUMNS) {
			// a table of each column's values costs ~100 KB: a damaged line of thousands of fields gets none
			return this.cells.decode(b, from, to, line);
		}
		if (column >= this.interners.length) {
			this.interners = java.util.Arrays.copyOf(this.interners, column * 2);
		}
		ByteColumnInterner interner = this.interners[column];
		if (interner == null) {
			interner = new ByteColumnInterner();
			this.interners[column] = interner;
		}
		if (!interner.open) {
			return this.cells.decode(b, from, to, line);
		}
		String known = interner.find(b, from, to, hash);
		if (known != null) {
			return known;
		}
		String value = this.cells.decode(b, from, to, line);
		interner.add(b, from, to, hash, value);
		return value;
	}

	/** A cell not shared with others of its column (the last of a file without a line end). */
	String cell(int column, byte[] b, int from, int to, long line) throws MalformedInputException {
		if (unread(column)) {
			this.cells.check(b, from, to, line);
			return null;
		}
		return this.cells.decode(b, from, to, line);
	}

	/** The text between a quoted field's quotes, which starts on {@code line}; a doubled quote is one. */
	String quoted(int column, byte[] b, int from, int to, boolean doubled, long line) throws MalformedInputException {
		if (!doubled || unread(column)) {
			return cell(column, b, from, to, line);
		}
		if (this.unescaped == null || this.unescaped.length < to - from) {
			this.unescaped = new byte[Math.max(64, to - from)];
		}
		byte[] u = this.unescaped;
		int n = 0;
		for (int i = from; i < to; i++) {
			byte c = b[i];
			u[n++] = c;
			if (c == QUOTE) {
				i++; // the second of a doubled quote
			}
		}
		return this.cells.decode(u, 0, n, line);
	}

}
