package cq.talentwarehouse.source;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * {@link ColumnInterner} for cells still in UTF-8 bytes: a cell seen before is found by its bytes
 * and hash (computed while the parser looked for the cell's end) and never decoded again. The
 * distinct values of one column, up to a limit: a column with more (ID numbers, names) stops
 * interning once full and costs nothing more.
 */
final class ByteColumnInterner {

	private static final int SLOTS = 8192;

	private static final int LIMIT = 2048;

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private final String[] values = new String[SLOTS];

	private final byte[][] texts = new byte[SLOTS][];

	private final int[] hashes = new int[SLOTS];

	private int size;

	/** The free slot {@link #find} ended on, where {@link #add} puts the cell. */
	private int free;

	boolean open = true;

	/** Adds the next eight bytes of a cell (little-endian; a last shorter word padded with zero bytes). */
	static long mix(long hash, long word) {
		return (hash + word) * 0x9E3779B97F4A7C15L;
	}

	/** The hash of a cell of {@code length} bytes from its words mixed in order. */
	static int hash(long mixed, int length) {
		long h = (mixed ^ length) * 0xC2B2AE3D27D4EB4FL;
		return (int) (h ^ (h >>> 32));
	}

	/** The String of a cell seen before, or null (then {@link #add} may follow for the same cell). */
	String find(byte[] buffer, int from, int to, int hash) {
		if (from == to) {
			return "";
		}
		int mask = SLOTS - 1;
		int slot = hash & mask;
		while (true) {
			byte[] text = this.texts[slot];
			if (text == null) {
				this.free = slot;
				return null;
			}
			if (this.hashes[slot] == hash && same(text, buffer, from, to)) {
				return this.values[slot];
			}
			slot = (slot + 1) & mask;
		}
	}

	/** Remembers the cell {@link #find} did not find, while the column has few enough distinct ones. */
	void add(byte[] buffer, int from, int to, int hash, String value) {
		if (this.size < LIMIT) {
			this.texts[this.free] = Arrays.copyOfRange(buffer, from, to);
			this.hashes[this.free] = hash;
			this.values[this.free] = value;
			this.size++;
		}
		else {
			this.open = false;
		}
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
