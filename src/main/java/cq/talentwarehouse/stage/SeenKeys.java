package cq.talentwarehouse.stage;

import java.util.HashSet;
import java.util.Set;

/**
 * The duplicate keys a stage step has written so far. A roster's key is the person pseudonym, 32
 * hex digits: held as two longs in an open-addressing table (16 bytes a person instead of ~120 for
 * a string in a hash set, with two rosters of 400,000 people staging at once). Other keys are text.
 */
abstract class SeenKeys {

	/** Adds the key; false when it was there already. */
	abstract boolean add(String key);

	/**
	 * Adds the keys in order (null ones are skipped); element i is false when key i was there already
	 * (also when an earlier key of the same call was the same).
	 */
	boolean[] addAll(String[] keys) {
		boolean[] added = new boolean[keys.length];
		for (int i = 0; i < keys.length; i++) {
			added[i] = keys[i] == null || add(keys[i]);
		}
		return added;
	}

	static SeenKeys forColumns(java.util.List<String> columns) {
		return columns.equals(java.util.List.of("person_id")) ? new Pseudonyms() : new Texts();
	}

	private static final class Texts extends SeenKeys {

		private final Set<String> keys = new HashSet<>();

		@Override
		boolean add(String key) {
			return this.keys.add(key);
		}

	}

	private static final class Pseudonyms extends SeenKeys {

		/** Pairs (high, low); (0, 0) marks a free slot, so one probe touches one cache line. */
		private long[] slots = new long[2 * 1024];

		private int capacity = 1024;

		private int size;

		/** The one key that cannot be stored as a pair, held aside. */
		private boolean hasZero;

		/**
		 * A block at a time: first every key's slot is read (independent loads, so the CPU waits for
		 * several cache misses at once), then the keys go in, in order, from cache. One miss at a time
		 * cost ~300 ns a record with two rosters staging side by side.
		 */
		@Override
		boolean[] addAll(String[] keys) {
			int n = keys.length;
			long[] highs = new long[n];
			long[] lows = new long[n];
			long touched = 0;
			int mask = this.capacity - 1;
			for (int i = 0; i < n; i++) {
				if (keys[i] != null) {
					check(keys[i]);
					highs[i] = hex(keys[i], 0);
					lows[i] = hex(keys[i], 16);
					touched += this.slots[2 * slot(lows[i], mask)];
				}
			}
			this.sink = touched;
			boolean[] added = new boolean[n];
			for (int i = 0; i < n; i++) {
				added[i] = keys[i] == null || add(highs[i], lows[i]);
			}
			return added;
		}

		/** Keeps the touching loads from being optimized away. */
		@SuppressWarnings("unused")
		private long sink;

		private static int slot(long low, int mask) {
			// the pseudonym is an HMAC: its bits are already uniform
			return (int) (low ^ (low >>> 32)) & mask;
		}

		private static void check(String key) {
			if (key.length() != 32) {
				throw new IllegalArgumentException("not a pseudonym: " + key.length() + " characters");
			}
		}

		@Override
		boolean add(String key) {
			check(key);
			return add(hex(key, 0), hex(key, 16));
		}

		private boolean add(long high, long low) {
			if (high == 0 && low == 0) {
				boolean added = !this.hasZero;
				this.hasZero = true;
				return added;
			}
			if (!insert(this.slots, this.capacity, high, low)) {
				return false;
			}
			if (++this.size * 3 > this.capacity * 2) {
				grow();
			}
			return true;
		}

		private static boolean insert(long[] slots, int capacity, long high, long low) {
			int i = slot(low, capacity - 1);
			int mask = capacity - 1;
			while (true) {
				long h = slots[2 * i];
				long l = slots[2 * i + 1];
				if (h == 0 && l == 0) {
					slots[2 * i] = high;
					slots[2 * i + 1] = low;
					return true;
				}
				if (h == high && l == low) {
					return false;
				}
				i = (i + 1) & mask;
			}
		}

		private void grow() {
			long[] old = this.slots;
			int capacity = this.capacity * 2;
			long[] slots = new long[2 * capacity];
			for (int i = 0; i < old.length; i += 2) {
				if (old[i] != 0 || old[i + 1] != 0) {
					insert(slots, capacity, old[i], old[i + 1]);
				}
			}
			this.slots = slots;
			this.capacity = capacity;
		}

		/** Nibble of each ASCII char, -1 for non-hex: a table lookup, not a branch per random digit. */
		private static final byte[] NIBBLES = new byte[128];

		static {
			java.util.Arrays.fill(NIBBLES, (byte) -1);
			for (int c = '0'; c <= '9'; c++) {
				NIBBLES[c] = (byte) (c - '0');
			}
			for (int c = 'a'; c <= 'f'; c++) {
				NIBBLES[c] = (byte) (c - 'a' + 10);
			}
		}

		private static long hex(String key, int from) {
			long value = 0;
			int bad = 0;
			for (int i = from; i < from + 16; i++) {
				int nibble = NIBBLES[key.charAt(i) & 0x7F];
				bad |= nibble | (key.charAt(i) & 0xFF80);
				value = (value << 4) | (nibble & 0xF);
			}
			if (bad < 0 || (bad & 0xFF80) != 0) {
				throw new IllegalArgumentException("not a pseudonym: " + key);
			}
			return value;
		}

	}

}
