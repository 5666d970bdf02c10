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

		private long[] slots = new long[2 * 1024];

		private boolean[] used = new boolean[1024];

		private int size;

		@Override
		boolean add(String key) {
			if (key.length() != 32) {
				throw new IllegalArgumentException("not a pseudonym: " + key.length() + " characters");
			}
			long high = hex(key, 0);
			long low = hex(key, 16);
			if (!insert(high, low)) {
				return false;
			}
			if (++this.size * 3 > this.used.length * 2) {
				grow();
			}
			return true;
		}

		private boolean insert(long high, long low) {
			int mask = this.used.length - 1;
			// the pseudonym is an HMAC: its bits are already uniform
			int i = (int) (low ^ (low >>> 32)) & mask;
			while (this.used[i]) {
				if (this.slots[2 * i] == high && this.slots[2 * i + 1] == low) {
					return false;
				}
				i = (i + 1) & mask;
			}
			this.used[i] = true;
			this.slots[2 * i] = high;
			this.slots[2 * i + 1] = low;
			return true;
		}

		private void grow() {
			long[] oldSlots = this.slots;
			boolean[] oldUsed = this.used;
			this.slots = new long[oldSlots.length * 2];
			this.used = new boolean[oldUsed.length * 2];
			for (int i = 0; i < oldUsed.length; i++) {
				if (oldUsed[i]) {
					insert(oldSlots[2 * i], oldSlots[2 * i + 1]);
				}
			}
		}

		private static long hex(String key, int from) {
			long value = 0;
			for (int i = from; i < from + 16; i++) {
				int digit = Character.digit(key.charAt(i), 16);
				if (digit < 0) {
					throw new IllegalArgumentException("not a pseudonym: '" + key.charAt(i) + "' at " + i);
				}
				value = (value << 4) | digit;
			}
			return value;
		}

	}

}
