package cq.talentwarehouse.normalize;

/**
 * What the raw cells of one field gave, by their text, up to {@link FieldRule#CACHE_LIMIT} cells: a
 * map from String to String with open addressing. The delimited reader hands repeated cells over as
 * the same String instance, so a lookup is usually one slot and an identity compare, where a
 * {@link java.util.HashMap} would follow a node for every cell of every record.
 */
final class RawCells {

	private String[] keys = new String[64];

	private String[] values = new String[64];

	private int size;

	/** What the cell gave, or null when it was not remembered. */
	String get(String raw) {
		String[] keys = this.keys;
		int mask = keys.length - 1;
		int slot = spread(raw.hashCode()) & mask;
		while (true) {
			String key = keys[slot];
			if (key == null) {
				return null;
			}
			if (key == raw || key.equals(raw)) {
				return this.values[slot];
			}
			slot = (slot + 1) & mask;
		}
	}

	/** Remembers what a cell gave, while fewer than the limit are remembered. */
	void remember(String raw, String result) {
		if (this.size >= FieldRule.CACHE_LIMIT) {
			return;
		}
		if (put(this.keys, this.values, raw, result)) {
			this.size++;
			if (this.size * 2 > this.keys.length) {
				grow();
			}
		}
	}

	int size() {
		return this.size;
	}

	/** Puts or replaces; true when the key is new. */
	private static boolean put(String[] keys, String[] values, String raw, String result) {
		int mask = keys.length - 1;
		int slot = spread(raw.hashCode()) & mask;
		while (true) {
			String key = keys[slot];
			if (key == null) {
				keys[slot] = raw;
				values[slot] = result;
				return true;
			}
			if (key == raw || key.equals(raw)) {
				values[slot] = result;
				return false;
			}
			slot = (slot + 1) & mask;
		}
	}

	private void grow() {
		String[] keys = new String[this.keys.length * 2];
		String[] values = new String[keys.length];
		for (int i = 0; i < this.keys.length; i++) {
			if (this.keys[i] != null) {
				put(keys, values, this.keys[i], this.values[i]);
			}
		}
		this.keys = keys;
		this.values = values;
	}

	private static int spread(int h) {
		return h ^ (h >>> 16);
	}

}
