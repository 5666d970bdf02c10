package cq.talentwarehouse.source;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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

	private String[] fields = new String[16];

	private int count;

	/** Makes the cells Strings, column by column. */
	private final Utf8Columns columns = new Utf8Columns();

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
		long malformed = this.columns.malformedLine();
		return (malformed > 0) ? malformed : this.line;
	}

	@Override
	public String[] record() {
		return java.util.Arrays.copyOf(this.fields, this.count);
	}

	@Override
	public void skipColumns(boolean[] unread) {
		this.columns.skip(unread);
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
				add(this.columns.cell(this.count, this.buffer, 0, this.position, this.line));
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
		add(this.columns.plain(this.count, this.buffer, start, at, ByteColumnInterner.hash(hash, at - start), this.line));
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
				add(this.columns.quoted(this.count, this.buffer, start, this.position, doubled, startLine));
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
		if (kept >= this.maxFieldChars && Utf8Cells.chars(this.buffer, keepFrom, this.limit) >= this.maxFieldChars) {
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

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
