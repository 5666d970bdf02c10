package cq.talentwarehouse.stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The people a run's rosters have staged so far, across the districts it stages at once: the first
 * roster row of a run that names a person claims them, and every later one is staged as
 * {@code is_named_again}. The build then finds the run's distinct people by a filter instead of
 * grouping millions of pseudonyms ({@code sql/dims/020_dim_person.sql}).
 *
 * <p>A person is held as a 64-bit fingerprint of their pseudonym, 8 bytes instead of 16: two people
 * sharing a fingerprint (about one in a million runs of the city) make the second look named again,
 * and the build takes a person named again whose first naming it does not load as a person of its
 * own, so a collision costs nothing but a lookup. What a claim can never do is let a person be
 * staged as new twice; that is why claims hold only within the process that made them: a run's
 * claims are written down ({@link #MARKER}) when it starts staging afresh, and a resumed run deletes
 * the mark first, so a build over files staged by two processes groups the people as before.
 *
 * <p>One per run, registered by its staging folder while the run stages ({@link #open}); the roster
 * stage steps find it there ({@link #of}), a step staged outside a run claims nothing. The table is
 * held off the heap: a city's (128 MB) in the old generation kept G1 starting a marking cycle after
 * nearly every young collection.
 */
public final class LoadPeople implements AutoCloseable {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LoadPeople.class);

	/** The file in a run's staging folder that says every roster row of it was claimed by one process. */
	public static final String MARKER = "people_claims";

	private static final ConcurrentHashMap<Path, LoadPeople> RUNS = new ConcurrentHashMap<>();

	/** Slots a page (8 MB). */
	private static final int PAGE_SHIFT = 20;

	private static final int PAGE_SLOTS = 1 << PAGE_SHIFT;

	private final Path root;

	private LongBuffer[] pages;

	private int capacity;

	private int size;

	/** The most slots a table may have (256 MB): a run naming more people groups them in the build. */
	static final int MAX_CAPACITY = 1 << 25;

	/** The most slots this table may grow to. */
	private final int maxCapacity;

	private LoadPeople(Path root, long expectedPeople, int maxCapacity) {
		this.root = root;
		this.maxCapacity = maxCapacity;
		// room for the expected people at two-thirds full, so a run of the city does not rehash
		long wanted = Math.max(1 << 16, Long.highestOneBit(Math.max(1, expectedPeople * 3 / 2)) << 1);
		this.capacity = (int) Math.min(wanted, maxCapacity / 2);
		this.pages = pages(this.capacity);
	}

	/** Set once the table could not grow: every row is left unflagged and the build groups. */
	private boolean givenUp;

	/**
	 * Starts claiming for a run that stages afresh (its mark written) or, for a resumed run
	 * ({@code resumed}), removes the mark and claims nothing: files staged by an earlier process
	 * hold claims this one does not know.
	 */
	public static LoadPeople open(StagingArea staging, long expectedPeople, boolean resumed) {
		return open(staging, expectedPeople, resumed, MAX_CAPACITY);
	}

	static LoadPeople open(StagingArea staging, long expectedPeople, boolean resumed, int maxCapacity) {
		Path marker = staging.root().resolve(MARKER);
		try {
			if (resumed) {
				Files.deleteIfExists(marker);
				return null;
			}
			Files.createDirectories(staging.root());
			Files.writeString(marker, "the roster rows of this run were claimed by one process\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot " + (resumed ? "delete " : "write ") + marker, ex);
		}
		LoadPeople people;
		try {
			people = new LoadPeople(staging.root(), expectedPeople, maxCapacity);
		}
		catch (OutOfMemoryError ex) {
			// direct memory is short (-XX:MaxDirectMemorySize): the run stages as without claims
			log.warn("no room for the run's claims of people ({}); the build groups its people instead", ex.getMessage());
			unmark(marker);
			return null;
		}
		RUNS.put(staging.root(), people);
		return people;
	}

	private static void unmark(Path marker) {
		try {
			Files.deleteIfExists(marker);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot delete " + marker, ex);
		}
	}

	/** The claims of the run staging into this folder; null when none is open. */
	static LoadPeople of(StagingArea staging) {
		return RUNS.get(staging.root());
	}

	/** Whether every roster row staged into this folder was claimed by one process. */
	public static boolean claimed(StagingArea staging) {
		return Files.exists(staging.root().resolve(MARKER));
	}

	/**
	 * Claims the people of accepted rows ({@code keyed[i]}, pseudonym bits in {@code highs[i]},
	 * {@code lows[i]}); element i of the result is true when an earlier claim had person i already.
	 * One lock a block of records, not a record.
	 */
	synchronized boolean[] claim(boolean[] keyed, long[] highs, long[] lows) {
		int n = keyed.length;
		if (this.givenUp) {
			return new boolean[n];
		}
		long[] prints = new long[n];
		// every slot read first, in a loop doing nothing else, so the cache misses overlap (as in
		// SeenKeys); then the inserts find their slots in cache
		long touched = 0;
		int mask = this.capacity - 1;
		for (int i = 0; i < n; i++) {
			if (keyed[i]) {
				prints[i] = fingerprint(highs[i], lows[i]);
				int slot = slot(prints[i], mask);
				touched += this.pages[slot >>> PAGE_SHIFT].get(slot & (PAGE_SLOTS - 1));
			}
		}
		this.sink = touched;
		boolean[] again = new boolean[n];
		for (int i = 0; i < n && !this.givenUp; i++) {
			if (keyed[i]) {
				again[i] = !insert(prints[i]);
			}
		}
		return this.givenUp ? new boolean[n] : again;
	}

	/** Keeps the touching loads from being optimized away. */
	@SuppressWarnings("unused")
	private long sink;

	private static int slot(long f, int mask) {
		return (int) (f ^ (f >>> 32)) & mask;
	}

	/** People claimed so far. */
	synchronized int size() {
		return this.size;
	}

	@Override
	public void close() {
		RUNS.remove(this.root, this);
		synchronized (this) {
			// the off-heap pages go with the next collection; a claim after this one would be a bug
			this.pages = new LongBuffer[0];
			this.capacity = 0;
			this.size = 0;
			this.givenUp = true;
		}
	}

	private static long fingerprint(long high, long low) {
		// the pseudonym is an HMAC, its bits uniform already; the multiply keeps related halves (a
		// value and its complement) apart. 0 marks a free slot.
		long f = high ^ (low * 0x9E3779B97F4A7C15L);
		return (f == 0) ? 1 : f;
	}

	private boolean insert(long f) {
		if (!put(this.pages, this.capacity, f)) {
			return false;
		}
		if (++this.size * 3L > this.capacity * 2L) {
			if (this.capacity >= this.maxCapacity || !grow()) {
				giveUp();
			}
		}
		return true;
	}

	/** The claims stop holding: the mark goes, so the build groups the run's people. */
	private void giveUp() {
		log.warn("more people than the run's claims hold ({} slots); the build groups its people instead", this.capacity);
		unmark(this.root.resolve(MARKER));
		this.givenUp = true;
		this.pages = new LongBuffer[0];
		this.capacity = 0;
	}

	private static boolean put(LongBuffer[] pages, int capacity, long f) {
		int mask = capacity - 1;
		int i = slot(f, mask);
		while (true) {
			LongBuffer page = pages[i >>> PAGE_SHIFT];
			long v = page.get(i & (PAGE_SLOTS - 1));
			if (v == 0) {
				page.put(i & (PAGE_SLOTS - 1), f);
				return true;
			}
			if (v == f) {
				return false;
			}
			i = (i + 1) & mask;
		}
	}

	private boolean grow() {
		int capacity = this.capacity * 2;
		LongBuffer[] pages;
		try {
			pages = pages(capacity);
		}
		catch (OutOfMemoryError ex) {
			return false;
		}
		for (LongBuffer old : this.pages) {
			for (int i = 0; i < old.capacity(); i++) {
				long f = old.get(i);
				if (f != 0) {
					put(pages, capacity, f);
				}
			}
		}
		this.pages = pages;
		this.capacity = capacity;
		return true;
	}

	private static LongBuffer[] pages(int capacity) {
		LongBuffer[] pages = new LongBuffer[Math.max(1, capacity >>> PAGE_SHIFT)];
		for (int p = 0; p < pages.length; p++) {
			// zeroed by the allocation: 0 is a free slot
			pages[p] = ByteBuffer.allocateDirect(8 * Math.min(capacity, PAGE_SLOTS)).order(ByteOrder.nativeOrder())
				.asLongBuffer();
		}
		return pages;
	}

}
