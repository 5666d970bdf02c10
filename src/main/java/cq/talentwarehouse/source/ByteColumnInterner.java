package cq.talentwarehouse.source;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * {@link ColumnInterner} for cells still in UTF-8 bytes: a cell seen before is found by its bytes and
 * never decoded again. The distinct values of one column, up to a limit: a column with more (ID
 * numbers, names) stops interning once full and costs nothing more.
 */
final class ByteColumnInterner {

	private static final int SLOTS = 8192;

	private static final int LIMIT = 2048;

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private final String[] values = new String[SLOTS];

	private final byte[][] texts = new byte[SLOTS][];

	private int size;

	boolean open = true;

	private final Utf8RecordParser decoder;

	ByteColumnInterner(Utf8RecordParser decoder) {
		this.decoder = decoder;
	}

	/** The cell's String, the same instance for the same bytes; the bytes are checked UTF-8. */
	String intern(byte[] buffer, int from, int to) {
		if (from == to) {
			return "";
		}
		int mask = SLOTS - 1;
		int slot = hash(buffer, from, to) & mask;
		while (true) {
			byte[] text = this.texts[slot];
			if (text == null) {
				String value = this.decoder.decode(buffer, from, to);
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

	/** Eight bytes a step: cells are a few to a few dozen bytes (a Chinese char is three). */
	private static int hash(byte[] b, int from, int to) {
		long h = to - from;
		int i = from;
		for (; i + 8 <= to; i += 8) {
			h = (h + (long) LONGS.get(b, i)) * 0x9E3779B97F4A7C15L;
		}
		for (; i < to; i++) {
			h = (h + (b[i] & 0xFF)) * 0xC2B2AE3D27D4EB4FL;
		}
		return (int) (h ^ (h >>> 29) ^ (h >>> 47));
	}

	private static boolean same(byte[] text, byte[] buffer, int from, int to) {
		int n = text.length;
		if (n != to - from) {
			return false;
		}
		int i = 0;
		for (; i + 8 <= n; i += 8) {
			if ((long) LONGS.get(text, i) != (long) LONGS.get(buffer, from + i)) {
				return false;
			}
		}
		for (; i < n; i++) {
			if (text[i] != buffer[from + i]) {
				return false;
			}
		}
		return true;
	}

}
