package cq.talentwarehouse.source;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * The records of a UTF-8 file read as {@link CsvRecordParser} reads them, but from the bytes: the
 * delimiter, quote and line ends are ASCII and never part of a multi-byte sequence, so records are
 * cut from the raw bytes and only the cells a field reads become Strings (a repeated cell of a code
 * column never does: it is found among the column's earlier cells by its bytes). Every byte read is
 * still checked to be UTF-8 as strictly as the JDK's decoder in REPORT mode checks it (no overlong
 * forms, no surrogates, nothing above U+10FFFF, no sequence cut off by the end of the file), and the
 * error names the line of the first byte that is not.
 */
final class Utf8RecordParser implements RecordParser {

	private static final byte QUOTE = '"';

	private static final int MAX_INTERNED_COLUMNS = 256;

	private static final int MAX_FIELDS = 16_384;

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private final int maxFieldChars;

	private final InputStream in;

	private final byte delimiter;

	private byte[] buffer;

	private int position;

	private int limit;

	/** Bytes before this index are checked UTF-8; after it at most the start of a sequence the next read completes. */
	private int checked;

	private boolean eof;

	/** Physical line of {@link #position}, 1-based. */
	private long line = 1;

	private long recordLine;

	/** Line of the first byte that is not UTF-8, once found. */
	private long malformedLine;

	private String[] fields = new String[16];

	private int count;

	private byte[] unescaped;

	/** Where a cell is decoded before it becomes a String. */
	private char[] chars = new char[256];

	private boolean[] unread;

	private ByteColumnInterner[] interners = new ByteColumnInterner[16];

	/**
	 * @param in the file's bytes after its byte order mark, if any
	 * @param delimiter an ASCII char
	 */
	Utf8RecordParser(InputStream in, char delimiter, int maxFieldChars) {
		this(in, delimiter, maxFieldChars, 1 << 16);
	}

	Utf8RecordParser(InputStream in, char delimiter, int maxFieldChars, int bufferBytes) {
		if (delimiter >= 0x80) {
			throw new IllegalArgumentException("not an ASCII delimiter: " + delimiter);
		}
		this.in = in;
		this.delimiter = (byte) delimiter;
		this.maxFieldChars = maxFieldChars;
		this.buffer = new byte[bufferBytes];
	}

	/** Whether a file in this charset with this delimiter can be read from its bytes. */
	static boolean reads(java.nio.charset.Charset charset, char delimiter) {
		return StandardCharsets.UTF_8.equals(charset) && delimiter < 0x80;
	}

	@Override
	public long recordLine() {
		return this.recordLine;
	}

	@Override
	public long currentLine() {
		return (this.malformedLine > 0) ? this.malformedLine : this.line;
	}

	@Override
	public String[] record() {
		return java.util.Arrays.copyOf(this.fields, this.count);
	}

	@Override
	public void skipColumns(boolean[] unread) {
		this.unread = unread;
	}

	private boolean unread() {
		return this.unread != null && this.count < this.unread.length && this.unread[this.count];
	}

	@Override
	public String field(int i) {
		return this.fields[i];
	}

	/** The next non-empty record as a new array, or null at the end of the file. */
	String[] next() throws IOException {
		return (advance() < 0) ? null : record();
	}

	@Override
	public int advance() throws IOException {
		// skip empty lines
		while (true) {
			if (this.position == this.limit && !fill(this.position)) {
				return -1;
			}
			byte c = this.buffer[this.position];
			if (c == '\n') {
				this.position++;
				this.line++;
			}
			else if (c == '\r') {
				this.position++;
				this.line++;
				skipLfAfterCr();
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

	/** A field without quotes, from {@link #position}; returns whether another field of the record follows. */
	private boolean plainField() throws IOException {
		int start = this.position;
		while (true) {
			int at = this.position;
			byte[] b = this.buffer;
			int end = this.limit;
			byte d = this.delimiter;
			while (at < end) {
				byte c = b[at];
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
					this.line++;
					if (c == '\r') {
						skipLfAfterCr();
					}
					return false;
				}
				at++;
			}
			// the buffer ended inside the field: keep what there is of it and read on
			this.position = at;
			boolean more = fill(start);
			start = 0;
			if (!more) {
				add(unread() ? null : decode(this.buffer, 0, this.position));
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
			byte c = this.buffer[this.position];
			if (c == QUOTE || c == '\r') {
				// either may need the next byte to decide: a doubled quote, CRLF
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
				add(text(start, this.position, doubled));
				this.position++;
				if (this.position == this.limit && !fill(this.position)) {
					return false;
				}
				byte next = this.buffer[this.position];
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
					this.line++;
					if (next == '\r') {
						skipLfAfterCr();
					}
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

	/** An unquoted cell: a repeated cell of a column is the String made the first time (see {@link ByteColumnInterner}). */
	private String cut(int start, int end) {
		if (unread()) {
			return null;
		}
		int column = this.count;
		if (column >= MAX_INTERNED_COLUMNS) {
			return decode(this.buffer, start, end);
		}
		if (column >= this.interners.length) {
			this.interners = java.util.Arrays.copyOf(this.interners, column * 2);
		}
		ByteColumnInterner interner = this.interners[column];
		if (interner == null) {
			interner = new ByteColumnInterner(this);
			this.interners[column] = interner;
		}
		return interner.open ? interner.intern(this.buffer, start, end) : decode(this.buffer, start, end);
	}

	/**
	 * Bytes already checked to be UTF-8 as a String: ASCII copied as it is, other text decoded here
	 * (the JDK's general UTF-8 constructor copies a short cell two or three times).
	 */
	String decode(byte[] b, int from, int to) {
		int n = to - from;
		if (n == 0) {
			return "";
		}
		int i = from;
		while (i + 8 <= to && ((long) LONGS.get(b, i) & 0x8080808080808080L) == 0) {
			i += 8;
		}
		while (i < to && b[i] >= 0) {
			i++;
		}
		if (i == to) {
			return new String(b, from, n, StandardCharsets.ISO_8859_1);
		}
		if (this.chars.length < n) {
			this.chars = new char[Math.max(n, 2 * this.chars.length)];
		}
		char[] c = this.chars;
		int k = 0;
		for (int j = from; j < i; j++) {
			c[k++] = (char) b[j];
		}
		while (i < to) {
			int b1 = b[i];
			if (b1 >= 0) {
				c[k++] = (char) b1;
				i++;
			}
			else if (b1 < (byte) 0xE0) {
				c[k++] = (char) (((b1 & 0x1F) << 6) | (b[i + 1] & 0x3F));
				i += 2;
			}
			else if (b1 < (byte) 0xF0) {
				c[k++] = (char) (((b1 & 0x0F) << 12) | ((b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F));
				i += 3;
			}
			else {
				int cp = ((b1 & 0x07) << 18) | ((b[i + 1] & 0x3F) << 12) | ((b[i + 2] & 0x3F) << 6) | (b[i + 3] & 0x3F);
				c[k++] = Character.highSurrogate(cp);
				c[k++] = Character.lowSurrogate(cp);
				i += 4;
			}
		}
		return new String(c, 0, k);
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

	private String text(int start, int end, boolean doubled) {
		if (unread()) {
			return null;
		}
		if (!doubled) {
			return decode(this.buffer, start, end);
		}
		if (this.unescaped == null || this.unescaped.length < end - start) {
			this.unescaped = new byte[Math.max(64, end - start)];
		}
		byte[] b = this.unescaped;
		int n = 0;
		for (int i = start; i < end; i++) {
			byte c = this.buffer[i];
			b[n++] = c;
			if (c == QUOTE) {
				i++; // the second of a doubled quote
			}
		}
		return decode(b, 0, n);
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
	 * Reads more bytes, keeping those from {@code keepFrom} on (moved to the start of the buffer;
	 * {@link #position} moves with them), and checks them. Returns false at the end of the file.
	 */
	private boolean fill(int keepFrom) throws IOException {
		int kept = this.limit - keepFrom;
		// a char is at least one byte: only a field of as many bytes can be as many chars
		if (kept >= this.maxFieldChars && chars(this.buffer, keepFrom, this.limit) >= this.maxFieldChars) {
			throw new MalformedRecordException(this.recordLine, this.count + 1, "a field longer than " + this.maxFieldChars
					+ " characters (the limit talent.max-field-chars); the file is damaged or not a " + "delimited file of"
					+ " records — nothing of this source is loaded");
		}
		if (kept == this.buffer.length) {
			byte[] larger = new byte[this.buffer.length * 2];
			System.arraycopy(this.buffer, keepFrom, larger, 0, kept);
			this.buffer = larger;
		}
		else if (kept > 0) {
			System.arraycopy(this.buffer, keepFrom, this.buffer, 0, kept);
		}
		this.position -= keepFrom;
		this.checked -= keepFrom;
		this.limit = kept;
		if (this.eof) {
			return false;
		}
		int n = this.in.read(this.buffer, this.limit, this.buffer.length - this.limit);
		if (n <= 0) {
			this.eof = true;
			if (this.checked < this.limit) {
				// a sequence cut off by the end of the file
				throw malformed(this.checked);
			}
			return false;
		}
		this.limit += n;
		check();
		return true;
	}

	/**
	 * Checks the bytes read since the last check are well-formed UTF-8 (Unicode table 3-7, as the JDK's
	 * strict decoder does), leaving a sequence the buffer ends inside for the next read.
	 */
	private void check() throws MalformedInputException {
		byte[] b = this.buffer;
		int end = this.limit;
		int i = this.checked;
		while (i < end) {
			// ASCII, eight bytes at a time
			while (i + 8 <= end && ((long) LONGS.get(b, i) & 0x8080808080808080L) == 0) {
				i += 8;
			}
			if (i == end) {
				break;
			}
			int lead = b[i] & 0xFF;
			if (lead < 0x80) {
				i++;
				continue;
			}
			int length;
			int low = 0x80;
			int high = 0xBF;
			if (lead >= 0xC2 && lead <= 0xDF) {
				length = 2;
			}
			else if (lead >= 0xE0 && lead <= 0xEF) {
				length = 3;
				if (lead == 0xE0) {
					low = 0xA0; // no overlong forms
				}
				else if (lead == 0xED) {
					high = 0x9F; // no surrogates
				}
			}
			else if (lead >= 0xF0 && lead <= 0xF4) {
				length = 4;
				if (lead == 0xF0) {
					low = 0x90;
				}
				else if (lead == 0xF4) {
					high = 0x8F; // nothing above U+10FFFF
				}
			}
			else {
				throw malformed(i);
			}
			for (int k = 1; k < length; k++) {
				if (i + k == end) {
					// the rest of the sequence is in the next read
					this.checked = i;
					return;
				}
				int c = b[i + k] & 0xFF;
				if (k == 1 ? (c < low || c > high) : (c < 0x80 || c > 0xBF)) {
					throw malformed(i);
				}
			}
			i += length;
		}
		this.checked = end;
	}

	/** The error for the byte at {@code at}, its line counted from {@link #position}. */
	private MalformedInputException malformed(int at) {
		long line = this.line;
		byte[] b = this.buffer;
		for (int i = this.position; i < at; i++) {
			if (b[i] == '\n' || (b[i] == '\r' && !(i + 1 < this.limit && b[i + 1] == '\n'))) {
				line++;
			}
		}
		this.malformedLine = line;
		return new MalformedInputException(1);
	}

	/** UTF-16 chars of checked UTF-8 bytes: one per sequence, two for a four-byte one. */
	private static long chars(byte[] b, int from, int to) {
		long chars = 0;
		for (int i = from; i < to; i++) {
			int c = b[i] & 0xFF;
			if ((c & 0xC0) != 0x80) {
				chars += (c >= 0xF0) ? 2 : 1;
			}
		}
		return chars;
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
