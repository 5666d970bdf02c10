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
 * cut from the raw bytes (eight at a time) and only the cells a field reads become Strings; a
 * repeated cell of a code column is found among the column's earlier cells by its bytes and never
 * decoded again. Every cell is still checked to be UTF-8 as strictly as the JDK's decoder in REPORT
 * mode checks it (no overlong forms, no surrogates, nothing above U+10FFFF, no sequence cut off) —
 * a repeated cell was checked the first time — and the error names the line of the first byte that
 * is not.
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

	private static final long ONES = 0x0101010101010101L;

	private static final long HIGHS = 0x8080808080808080L;

	private static final long LFS = ONES * '\n';

	private static final long CRS = ONES * '\r';

	/**
	 * A field without quotes, from {@link #position}; returns whether another field of the record
	 * follows. Eight bytes a step: a word without a delimiter or line end goes into the cell's hash
	 * (the column's interner looks the cell up by it) and the next is read.
	 */
	private boolean plainField() throws IOException {
		int start = this.position;
		long delimiters = ONES * (this.delimiter & 0xFF);
		while (true) {
			byte[] b = this.buffer;
			int end = this.limit;
			int at = start;
			long hash = 0;
			while (at + 8 <= end) {
				long word = (long) LONGS.get(b, at);
				long found = zeroBytes(word ^ delimiters) | zeroBytes(word ^ LFS) | zeroBytes(word ^ CRS);
				if (found != 0) {
					int k = Long.numberOfTrailingZeros(found) >>> 3;
					if (k > 0) {
						hash = ByteColumnInterner.mix(hash, word & (-1L >>> (64 - 8 * k)));
					}
					return endOfField(start, at + k, hash);
				}
				hash = ByteColumnInterner.mix(hash, word);
				at += 8;
			}
			long tail = 0;
			int k = 0;
			while (at + k < end) {
				byte c = b[at + k];
				if (c == this.delimiter || c == '\n' || c == '\r') {
					if (k > 0) {
						hash = ByteColumnInterner.mix(hash, tail);
					}
					return endOfField(start, at + k, hash);
				}
				tail |= (c & 0xFFL) << (8 * k);
				k++;
			}
			// the buffer ended inside the field: keep what there is of it and read on (the hash starts over)
			this.position = end;
			boolean more = fill(start);
			start = 0;
			if (!more) {
				add(cell(this.buffer, 0, this.position, this.line));
				return false;
			}
		}
	}

	/** Whether a byte of the word is zero: the lowest flagged byte is the first zero byte (higher flags may be false). */
	private static long zeroBytes(long word) {
		return (word - ONES) & ~word & HIGHS;
	}

	/** The field ends at the delimiter or line end at {@code at}. */
	private boolean endOfField(int start, int at, long hash) throws IOException {
		add(cut(start, at, ByteColumnInterner.hash(hash, at - start)));
		byte c = this.buffer[at];
		this.position = at + 1;
		if (c == this.delimiter) {
			if (this.position == this.limit && !fill(this.position)) {
				add(""); // a record ending in a delimiter has an empty last field
				return false;
			}
			return true;
		}
		this.line++;
		if (c == '\r') {
			skipLfAfterCr();
		}
		return false;
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
				add(text(start, this.position, doubled, startLine));
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
	private String cut(int start, int end, int hash) throws MalformedInputException {
		if (unread()) {
			check(this.buffer, start, end, this.line);
			return null;
		}
		int column = this.count;
		if (column >= MAX_INTERNED_COLUMNS) {
			return decode(this.buffer, start, end, this.line);
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
			return decode(this.buffer, start, end, this.line);
		}
		String known = interner.find(this.buffer, start, end, hash);
		if (known != null) {
			return known;
		}
		String value = decode(this.buffer, start, end, this.line);
		interner.add(this.buffer, start, end, hash, value);
		return value;
	}

	/** A cell no field reads is only checked; another becomes a String. */
	private String cell(byte[] b, int from, int to, long lineAtFrom) throws MalformedInputException {
		if (unread()) {
			check(b, from, to, lineAtFrom);
			return null;
		}
		return decode(b, from, to, lineAtFrom);
	}

	/**
	 * A cell as a String, checked to be UTF-8 as it is decoded: ASCII copied as it is, other text
	 * decoded here (the JDK's UTF-8 constructor would copy a short cell two or three times, and does
	 * not refuse what is not UTF-8).
	 */
	String decode(byte[] b, int from, int to, long lineAtFrom) throws MalformedInputException {
		int n = to - from;
		if (n == 0) {
			return "";
		}
		int i = ascii(b, from, to);
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
				continue;
			}
			int length = sequence(b, i, to);
			if (length < 0) {
				throw malformed(b, from, i, lineAtFrom);
			}
			if (length == 2) {
				c[k++] = (char) (((b1 & 0x1F) << 6) | (b[i + 1] & 0x3F));
			}
			else if (length == 3) {
				c[k++] = (char) (((b1 & 0x0F) << 12) | ((b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F));
			}
			else {
				int cp = ((b1 & 0x07) << 18) | ((b[i + 1] & 0x3F) << 12) | ((b[i + 2] & 0x3F) << 6) | (b[i + 3] & 0x3F);
				c[k++] = Character.highSurrogate(cp);
				c[k++] = Character.lowSurrogate(cp);
			}
			i += length;
		}
		return new String(c, 0, k);
	}

	/** Checks a cell no field reads is UTF-8 all the same: a file is in its encoding or fails. */
	private void check(byte[] b, int from, int to, long lineAtFrom) throws MalformedInputException {
		int i = ascii(b, from, to);
		while (i < to) {
			if (b[i] >= 0) {
				i++;
				continue;
			}
			int length = sequence(b, i, to);
			if (length < 0) {
				throw malformed(b, from, i, lineAtFrom);
			}
			i += length;
		}
	}

	/** Where the leading ASCII of the range ends. */
	private static int ascii(byte[] b, int from, int to) {
		int i = from;
		while (i + 8 <= to && ((long) LONGS.get(b, i) & HIGHS) == 0) {
			i += 8;
		}
		while (i < to && b[i] >= 0) {
			i++;
		}
		return i;
	}

	/**
	 * The length of the well-formed sequence that starts with the non-ASCII byte at {@code i} and ends
	 * before {@code to}, or -1 (Unicode table 3-7, as the JDK's strict decoder refuses).
	 */
	private static int sequence(byte[] b, int i, int to) {
		int lead = b[i] & 0xFF;
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
			return -1;
		}
		if (i + length > to) {
			return -1;
		}
		int second = b[i + 1] & 0xFF;
		if (second < low || second > high) {
			return -1;
		}
		for (int k = 2; k < length; k++) {
			if ((b[i + k] & 0xC0) != 0x80) {
				return -1;
			}
		}
		return length;
	}

	/** The error for the byte at {@code at} of a cell from {@code from} on line {@code lineAtFrom}. */
	private MalformedInputException malformed(byte[] b, int from, int at, long lineAtFrom) {
		long line = lineAtFrom;
		for (int i = from; i < at; i++) {
			if (b[i] == '\n' || (b[i] == '\r' && !(i + 1 < at && b[i + 1] == '\n'))) {
				line++;
			}
		}
		this.malformedLine = line;
		return new MalformedInputException(1);
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

	private String text(int start, int end, boolean doubled, long startLine) throws MalformedInputException {
		if (!doubled || unread()) {
			return cell(this.buffer, start, end, startLine);
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
		return decode(b, 0, n, startLine);
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
		this.limit = kept;
		if (this.eof) {
			return false;
		}
		int n = this.in.read(this.buffer, this.limit, this.buffer.length - this.limit);
		if (n <= 0) {
			this.eof = true;
			return false;
		}
		this.limit += n;
		return true;
	}

	/** UTF-16 chars of UTF-8 bytes: one per sequence, two for a four-byte one. */
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
