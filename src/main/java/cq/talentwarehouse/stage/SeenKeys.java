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

	/**
	 * {@link #addAll(String[])} where a key that is a person pseudonym may come with its 128 bits
	 * ({@code highs[i]}, {@code lows[i]}; both 0 when not known, then its digits are read into them).
	 */
	boolean[] addAll(String[] keys, long[] highs, long[] lows) {
		return addAll(keys);
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

		/**
		 * Slots per page: 256 KB, under G1's humongous size (half a region, regions 1 MB or more). As
		 * one array a large roster's table grew through humongous arrays, each of which can start a
		 * collection (docs/scaling-decisions.md).
		 */
		private static final int PAGE_SHIFT = 14;

		private static final int PAGE_PAIRS = 1 << PAGE_SHIFT;

		/**
		 * Pairs (high, low) in pages of {@link #PAGE_PAIRS}; (0, 0) marks a free slot, so one probe
		 * touches one cache line. Starts at 2^16 slots (1 MB): rosters are tens of thousands of people
		 * or more, and every doubling below that would rehash them all.
		 */
		private long[][] pages = pages(65536);

		private int capacity = 65536;

		private static long[][] pages(int capacity) {
			long[][] pages = new long[Math.max(1, capacity >>> PAGE_SHIFT)][];
			for (int p = 0; p < pages.length; p++) {
				pages[p] = new long[2 * Math.min(capacity, PAGE_PAIRS)];
			}
			return pages;
		}

		private int size;

		/** The one key that cannot be stored as a pair, held aside. */
		private boolean hasZero;

		/**
		 * A block at a time: first every key is decoded, then every key's slot is read in a loop that
		 * does nothing else (independent loads, so the CPU waits for many cache misses at once), then
		 * the keys go in, in order, from cache; reading the slots in the decoding loop would leave
		 * fewer misses in flight.
		 */
		@Override
		boolean[] addAll(String[] keys) {
			return addAll(keys, new long[keys.length], new long[keys.length]);
		}

		@Override
		boolean[] addAll(String[] keys, long[] highs, long[] lows) {
			int n = keys.length;
			long touched = 0;
			int mask = this.capacity - 1;
			for (int i = 0; i < n; i++) {
				// bits handed over with the key are the HMAC the digits were made from; (0, 0) reads the digits
				if (keys[i] != null && highs[i] == 0 && lows[i] == 0) {
					byte[] ascii = ascii(keys[i]);
					highs[i] = hex(ascii, 0, keys[i]);
					lows[i] = hex(ascii, 16, keys[i]);
				}
			}
			long[][] pages = this.pages;
			for (int i = 0; i < n; i++) {
				int s = slot(lows[i], mask);
				touched += pages[s >>> PAGE_SHIFT][2 * (s & (PAGE_PAIRS - 1))];
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

		private static byte[] ascii(String key) {
			if (key.length() != 32) {
				throw new IllegalArgumentException("not a pseudonym: " + key.length() + " characters");
			}
			return key.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
		}

		@Override
		boolean add(String key) {
			byte[] ascii = ascii(key);
			return add(hex(ascii, 0, key), hex(ascii, 16, key));
		}

		private boolean add(long high, long low) {
			if (high == 0 && low == 0) {
				boolean added = !this.hasZero;
				this.hasZero = true;
				return added;
			}
			if (!insert(this.pages, this.capacity, high, low)) {
				return false;
			}
			if (++this.size * 3 > this.capacity * 2) {
				grow();
			}
			return true;
		}

		private static boolean insert(long[][] pages, int capacity, long high, long low) {
			int i = slot(low, capacity - 1);
			int mask = capacity - 1;
			while (true) {
				long[] page = pages[i >>> PAGE_SHIFT];
				int at = 2 * (i & (PAGE_PAIRS - 1));
				long h = page[at];
				long l = page[at + 1];
				if (h == 0 && l == 0) {
					page[at] = high;
					page[at + 1] = low;
					return true;
				}
				if (h == high && l == low) {
					return false;
				}
				i = (i + 1) & mask;
			}
		}

		private void grow() {
			int capacity = this.capacity * 2;
			long[][] pages = pages(capacity);
			for (long[] old : this.pages) {
				for (int i = 0; i < old.length; i += 2) {
					if (old[i] != 0 || old[i + 1] != 0) {
						insert(pages, capacity, old[i], old[i + 1]);
					}
				}
			}
			this.pages = pages;
			this.capacity = capacity;
		}

		private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles
			.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

		/**
		 * The 16 hex digits from byte {@code from} as a long, eight digits per step (SWAR), much
		 * cheaper than a digit-by-digit loop. A key
		 * that is not lowercase hex does not survive the round trip back to digits, and is refused.
		 */
		private static long hex(byte[] ascii, int from, String key) {
			long first = (long) LONGS.get(ascii, from);
			long second = (long) LONGS.get(ascii, from + 8);
			long value = (eightDigits(first) << 32) | eightDigits(second);
			if (digits(value >>> 32) != first || digits(value & 0xFFFFFFFFL) != second) {
				throw new IllegalArgumentException("not a pseudonym: " + key);
			}
			return value;
		}

		/** Eight ASCII hex digits, the first in the top byte, as 32 bits. */
		private static long eightDigits(long ascii) {
			// '0'-'9' are 0x30-0x39, 'a'-'f' 0x61-0x66: a letter's 0x40 bit adds 9 to its low nibble
			long v = (ascii & 0x0F0F0F0F0F0F0F0FL) + ((ascii & 0x4040404040404040L) >>> 6) * 9;
			v = (v | (v >>> 4)) & 0x00FF00FF00FF00FFL;
			v = (v | (v >>> 8)) & 0x0000FFFF0000FFFFL;
			return (v | (v >>> 16)) & 0xFFFFFFFFL;
		}

		/** The inverse: 32 bits as eight lowercase ASCII hex digits, the first in the top byte. */
		private static long digits(long bits) {
			long v = bits;
			v = (v | (v << 16)) & 0x0000FFFF0000FFFFL;
			v = (v | (v << 8)) & 0x00FF00FF00FF00FFL;
			v = (v | (v << 4)) & 0x0F0F0F0F0F0F0F0FL;
			// nibbles above 9 become letters: +0x30 for digits, +0x57 ('a' - 10) for letters
			long letters = ((v + 0x0606060606060606L) >>> 4) & 0x0101010101010101L;
			return v + 0x3030303030303030L + letters * 0x27;
		}

	}

}
