package cq.talentwarehouse.source;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * Cells of a UTF-8 file ({@link Utf8RecordParser}) made into Strings, checked as they are decoded as
 * strictly as the JDK's decoder in REPORT mode checks (Unicode table 3-7: no overlong forms, no
 * surrogates, nothing above U+10FFFF, no sequence cut off), remembering the line of the first byte
 * that is not UTF-8.
 */
final class Utf8Cells {

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private static final long HIGHS = 0x8080808080808080L;

	/** Where a cell is decoded before it becomes a String. */
	private char[] chars = new char[256];

	/** Line of the first byte that is not UTF-8, once found. */
	private long malformedLine;

	long malformedLine() {
		return this.malformedLine;
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
	void check(byte[] b, int from, int to, long lineAtFrom) throws MalformedInputException {
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
	static int ascii(byte[] b, int from, int to) {
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

	/** UTF-16 chars of UTF-8 bytes: one per sequence, two for a four-byte one. */
	static long chars(byte[] b, int from, int to) {
		long chars = 0;
		for (int i = from; i < to; i++) {
			int c = b[i] & 0xFF;
			if ((c & 0xC0) != 0x80) {
				chars += (c >= 0xF0) ? 2 : 1;
			}
		}
		return chars;
	}

}
