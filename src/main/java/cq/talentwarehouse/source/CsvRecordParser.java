package cq.talentwarehouse.source;

import java.io.IOException;
import java.io.Reader;

/**
 * RFC 4180 records from decoded text, one {@code String[]} per record: fields separated by the
 * delimiter, a field in double quotes may hold delimiters, line breaks and doubled quotes, and
 * records end with LF, CRLF or CR. Empty lines are skipped. Each record knows the physical line it
 * starts on. Fields are cut straight from a char buffer: a general parser that appends each char to
 * a builder was half of reading a roster.
 */
final class CsvRecordParser implements AutoCloseable {

	private static final char QUOTE = '"';

	/** Columns whose repeated values are shared (far more than any feed has). */
	private static final int MAX_INTERNED_COLUMNS = 256;

	/** Fields of one record beyond which a line is not a record but damage (a file of commas). */
	private static final int MAX_FIELDS = 16_384;

	/** Characters of one field beyond which the source fails, so that no record is held unbounded. */
	private final int maxFieldChars;

	private final Reader reader;

	private final char delimiter;

	private char[] buffer = new char[1 << 16];

	private int position;

	private int limit;

	private boolean eof;

	/** Physical line of {@link #position}, 1-based. */
	private long line = 1;

	private long recordLine;

	/** The fields of the record last read, reused from record to record. */
	private String[] fields = new String[16];

	private int count;

	private StringBuilder unescaped;

	/** Columns no field reads (a row number, a gender): their cells are parsed but never made into text. */
	private boolean[] unread;

	/** Per column of the file, its values seen so far ({@link #cut}). */
	private ColumnInterner[] interners = new ColumnInterner[16];

	CsvRecordParser(Reader reader, char delimiter) {
		this(reader, delimiter, SizeLimits.DEFAULT.maxFieldChars());
	}

	CsvRecordParser(Reader reader, char delimiter, int maxFieldChars) {
		this.reader = reader;
		this.delimiter = delimiter;
		this.maxFieldChars = maxFieldChars;
	}

	/** Line the record last returned by {@link #next()} starts on. */
	long recordLine() {
		return this.recordLine;
	}

	/** Line the parser has reached (where a decoding error would be). */
	long currentLine() {
		return this.line;
	}

	/** The next non-empty record as a new array, or null at the end of the text. */
	String[] next() throws IOException {
		return (advance() < 0) ? null : record();
	}

	/** The record last read by {@link #advance()}, as a new array. */
	String[] record() {
		return java.util.Arrays.copyOf(this.fields, this.count);
	}

	/** From the next record on, cells of the columns marked true stay null: no field reads them. */
	void skipColumns(boolean[] unread) {
		this.unread = unread;
	}

	private boolean unread() {
		return this.unread != null && this.count < this.unread.length && this.unread[this.count];
	}

	/** Field {@code i} of the record last read by {@link #advance()}. */
	String field(int i) {
		return this.fields[i];
	}

	/**
	 * Reads the next non-empty record into the reused field array, without copying it out: returns
	 * its number of fields, or -1 at the end of the text.
	 */
	int advance() throws IOException {
		// skip empty lines
		while (true) {
			if (this.position == this.limit && !fill(this.position)) {
				return -1;
			}
			char c = this.buffer[this.position];
			if (c == '\n') {
				this.position++;
				this.line++;
			}
			else if (c == '\r') {
				this.position++;
				skipLfAfterCr();
				this.line++;
			}
			else {
				break;
			}
		}
		this.recordLine = this.line;
		this.count = 0;
		while (true) {
			boolean more = (this.buffer[this.position] == QUOTE) ? quotedField() : plainField();
			if (!more) {
				return this.count;
			}
		}
	}

	/**
	 * A field without quotes, from {@link #position}. Returns whether another field of the same record
	 * follows (the field ended at a delimiter).
	 */
	private boolean plainField() throws IOException {
		int start = this.position;
		while (true) {
			int at = this.position;
			char[] b = this.buffer;
			int end = this.limit;
			char d = this.delimiter;
			while (at < end) {
				char c = b[at];
				if (c == d) {
					add(cut(start, at));
					this.position = at + 1;
					if (this.position == this.limit && !fill(this.position)) {
						add(""); // a record ending in a delimiter has an empty last field
						return false;
					}
					return true;
				}
				if (c == '\n' || c == '\r') {
					add(cut(start, at));
					this.position = at + 1;
					if (c == '\r') {
						skipLfAfterCr();
					}
					this.line++;
					return false;
				}
				at++;
			}
			// the buffer ended inside the field: keep what there is of it and read on
			this.position = at;
			boolean more = fill(start);
			start = 0;
			if (!more) {
				add(unread() ? null : new String(this.buffer, 0, this.position));
				return false;
			}
		}
	}

	/** A field in quotes, from the opening quote at {@link #position}. */
	private boolean quotedField() throws IOException {
		long startLine = this.line;
		this.position++;
		int start = this.position;
		boolean doubled = false;
		while (true) {
			if (this.position == this.limit) {
				boolean more = fill(start);
				start = 0;
				if (!more) {
					throw new MalformedRecordException(startLine, this.count + 1,
							"a quoted field that starts on this line is not closed before the end of the file");
				}
			}
			char c = this.buffer[this.position];
			if (c == QUOTE || c == '\r') {
				// either may need the next char to decide: a doubled quote, CRLF
				if (this.position + 1 == this.limit) {
					fill(start);
					start = 0;
				}
			}
			if (c == QUOTE) {
				if (this.position + 1 < this.limit && this.buffer[this.position + 1] == QUOTE) {
					doubled = true;
					this.position += 2;
					continue;
				}
				String value = text(start, this.position - start, doubled);
				add(value);
				this.position++;
				if (this.position == this.limit && !fill(this.position)) {
					return false;
				}
				char next = this.buffer[this.position];
				if (next == this.delimiter) {
					this.position++;
					if (this.position == this.limit && !fill(this.position)) {
						add("");
						return false;
					}
					return true;
				}
				if (next == '\n' || next == '\r') {
					this.position++;
					if (next == '\r') {
						skipLfAfterCr();
					}
					this.line++;
					return false;
				}
				throw new MalformedRecordException(this.line, this.count, "text after the closing quote of a quoted field"
						+ " (a quote inside a quoted field must be doubled: \"\")");
			}
			if (c == '\n' || (c == '\r' && !(this.position + 1 < this.limit && this.buffer[this.position + 1] == '\n'))) {
				this.line++;
			}
			this.position++;
		}
	}

	/**
	 * The text of an unquoted field: for a column whose values repeat (codes, categories, employers),
	 * the same String instance every time, so the normalizer's caches find it by identity with its
	 * hash already computed, and no new String is made per cell.
	 */
	private String cut(int start, int end) {
		if (unread()) {
			return null;
		}
		int column = this.count;
		if (column >= MAX_INTERNED_COLUMNS) {
			// a table of each column's values costs ~100 KB: a damaged line of thousands of fields gets none
			return new String(this.buffer, start, end - start);
		}
		if (column >= this.interners.length) {
			this.interners = java.util.Arrays.copyOf(this.interners, column * 2);
		}
		ColumnInterner interner = this.interners[column];
		if (interner == null) {
			interner = new ColumnInterner();
			this.interners[column] = interner;
		}
		return interner.open ? interner.intern(this.buffer, start, end) : new String(this.buffer, start, end - start);
	}

	private void add(String field) throws MalformedRecordException {
		if (this.count == MAX_FIELDS) {
			throw new MalformedRecordException(this.recordLine, this.count, "the record has more than " + MAX_FIELDS
					+ " fields; the line is damaged or the delimiter is wrong");
		}
		if (this.count == this.fields.length) {
			this.fields = java.util.Arrays.copyOf(this.fields, this.count * 2);
		}
		this.fields[this.count++] = field;
	}

	private String text(int start, int length, boolean doubled) {
		if (unread()) {
			return null;
		}
		if (!doubled) {
			return new String(this.buffer, start, length);
		}
		if (this.unescaped == null) {
			this.unescaped = new StringBuilder();
		}
		StringBuilder b = this.unescaped;
		b.setLength(0);
		for (int i = start; i < start + length; i++) {
			char c = this.buffer[i];
			b.append(c);
			if (c == QUOTE) {
				i++; // the second of a doubled quote
			}
		}
		return b.toString();
	}

	private void skipLfAfterCr() throws IOException {
		if (this.position == this.limit && !fill(this.position)) {
			return;
		}
		if (this.buffer[this.position] == '\n') {
			this.position++;
		}
	}

	/**
	 * Reads more text, keeping the chars from {@code keepFrom} on (moved to the start of the buffer;
	 * {@link #position} moves with them). Returns false at the end of the text.
	 */
	private boolean fill(int keepFrom) throws IOException {
		int kept = this.limit - keepFrom;
		if (kept >= this.maxFieldChars) {
			throw new MalformedRecordException(this.recordLine, this.count + 1, "a field longer than " + this.maxFieldChars
					+ " characters (the limit talent.max-field-chars); the file is damaged or not a " + "delimited file of"
					+ " records — nothing of this source is loaded");
		}
		if (kept == this.buffer.length) {
			char[] larger = new char[this.buffer.length * 2];
			System.arraycopy(this.buffer, keepFrom, larger, 0, kept);
			this.buffer = larger;
		}
		else if (kept > 0) {
			System.arraycopy(this.buffer, keepFrom, this.buffer, 0, kept);
		}
		this.position -= keepFrom;
		this.limit = kept;
		if (this.eof) {
			return false;
		}
		int n = this.reader.read(this.buffer, this.limit, this.buffer.length - this.limit);
		if (n <= 0) {
			this.eof = true;
			return false;
		}
		this.limit += n;
		return true;
	}

	@Override
	public void close() throws IOException {
		this.reader.close();
	}

}
