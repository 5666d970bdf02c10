package cq.talentwarehouse.stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The people a run's rosters have staged so far, across the districts it stages at once: the first
 * roster row of a run that names a person claims them, and every later one is staged as
 * {@code is_named_again}. The build then finds the run's distinct people by a filter instead of
 * grouping millions of pseudonyms ({@code sql/dims/020_dim_person.sql}).
 *
 * <p>A person is held as a 64-bit fingerprint of their pseudonym, 8 bytes instead of 16: two people
 * sharing a fingerprint (rare at a city's size) make the second look named again,
 * and the build takes a person named again whose first naming it does not load as a person of its
 * own, so a collision costs nothing but a lookup. What a claim can never do is let a person be
 * staged as new twice; that is why claims hold only within the process that made them: a run's
 * claims are written down ({@link #MARKER}) when it starts staging afresh, and a resumed run deletes
 * the mark first, so a build over files staged by two processes groups the people as before.
 *
 * <p>Each claim also numbers its person, 1, 2, 3 ... in the order the run claimed them, and a row
 * naming a person again carries the number of the claim: on a new warehouse (no people yet) the build
 * takes these numbers as the people's keys, instead of numbering the people and looking every roster
 * row's person up among them. It checks them first (the rows not named again numbered 1..n without a
 * gap, each row named again the same person as its claim's row) and numbers the people itself when
 * they do not hold: a district whose staging failed, two people sharing a fingerprint.
 *
 * <p>One per run, registered by its staging folder while the run stages ({@link #open}); the roster
 * stage steps find it there ({@link #of}), a step staged outside a run claims nothing. The table is
 * sized once from the run's plan and held off the heap (on it, a table this large kept G1 marking:
 * docs/scaling-decisions.md); the staging threads claim without a
 * lock, a slot at a time by compare-and-set. A run naming more people than the table holds gives the
 * claims up (the mark goes) and the build groups.
 */
public final class LoadPeople implements AutoCloseable {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LoadPeople.class);

	/** The file in a run's staging folder that says every roster row of it was claimed by one process. */
	public static final String MARKER = "people_claims";

	/** The most slots a table may have (192 MB with their numbers): a run naming more people groups them in the build. */
	static final int MAX_CAPACITY = 1 << 24;

	private static final ConcurrentHashMap<Path, LoadPeople> RUNS = new ConcurrentHashMap<>();

	private static final VarHandle SLOTS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

	private static final VarHandle NUMBERS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

	private final Path root;

	/** The fingerprints' slots; null until {@link #allocating} has given them. */
	private volatile ByteBuffer table;

	/** The number of the claim holding each slot of {@link #table} (0 until it is given). */
	private volatile ByteBuffer numbers;

	/**
	 * Gives the tables on a thread of its own: zeroing a city's tables held the first staging job up
	 * while the second core idled (docs/scaling-decisions.md).
	 */
	private final Thread allocating;

	/** Why the tables could not be given (direct memory short), once {@link #allocating} has ended. */
	private volatile Throwable allocationFailure;

	private final int mask;

	/** The highest number given to a claim. */
	private final AtomicInteger lastNumber = new AtomicInteger();

	/** People claimed, counted a block at a time. */
	private final AtomicInteger size = new AtomicInteger();

	/** Set once the table is full or the run's staging is over: every row is left unflagged. */
	private volatile boolean givenUp;

	private LoadPeople(Path root, long expectedPeople, int maxCapacity) {
		this.root = root;
		// room for the expected people at two-thirds full
		long wanted = Math.max(1 << 16, Long.highestOneBit(Math.max(1, expectedPeople * 3 / 2)) << 1);
		int capacity = (int) Math.min(wanted, maxCapacity);
		this.mask = capacity - 1;
		this.allocating = new Thread(() -> {
			try {
				// zeroed by the allocation: 0 is a free slot, and a slot's number is 0 until given
				this.numbers = ByteBuffer.allocateDirect(4 * capacity);
				this.table = ByteBuffer.allocateDirect(8 * capacity);
			}
			catch (OutOfMemoryError ex) {
				this.allocationFailure = ex;
			}
		}, "people-claims");
		this.allocating.setDaemon(true);
		this.allocating.start();
	}

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
		if (resumed) {
			unmark(marker);
			return null;
		}
		try {
			Files.createDirectories(staging.root());
			Files.writeString(marker, "the roster rows of this run were claimed by one process\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + marker, ex);
		}
		LoadPeople people = new LoadPeople(staging.root(), expectedPeople, maxCapacity);
		RUNS.put(staging.root(), people);
		return people;
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
	 * {@code lows[i]}). Element i of the result is the number of row i's claim: positive when this
	 * call claimed the person, negative when an earlier claim had them already, 0 for a row not keyed
	 * (or every row, once the claims are given up).
	 */
	int[] claim(boolean[] keyed, long[] highs, long[] lows) {
		int n = keyed.length;
		int[] numbers = new int[n];
		if (this.givenUp || !allocated()) {
			return numbers;
		}
		ByteBuffer table = this.table;
		ByteBuffer claimNumbers = this.numbers;
		long[] prints = new long[n];
		// every slot read first, in a loop doing nothing else, so the cache misses overlap (as in
		// SeenKeys); then the inserts find their slots in cache
		long touched = 0;
		for (int i = 0; i < n; i++) {
			if (keyed[i]) {
				prints[i] = fingerprint(highs[i], lows[i]);
				touched += (long) SLOTS.get(table, 8 * slot(prints[i], this.mask));
			}
		}
		this.sink = touched;
		// the slot of each keyed row: i when this call claimed it, -(i + 1) when a claim had it
		int[] slots = new int[n];
		int added = 0;
		for (int i = 0; i < n; i++) {
			if (keyed[i]) {
				slots[i] = insert(table, prints[i]);
				if (slots[i] >= 0) {
					added++;
				}
			}
		}
		// this call's claims numbered (one counter update a block) before it waits on another's: a
		// thread only ever waits for numbers a thread gives without waiting
		int next = this.lastNumber.getAndAdd(added);
		for (int i = 0; i < n; i++) {
			if (keyed[i] && slots[i] >= 0) {
				numbers[i] = ++next;
				NUMBERS.setRelease(claimNumbers, 4 * slots[i], next);
			}
		}
		for (int i = 0; i < n; i++) {
			if (keyed[i] && slots[i] < 0) {
				numbers[i] = -numberOf(claimNumbers, -slots[i] - 1);
			}
		}
		if ((long) this.size.addAndGet(added) * 3 > 2L * (this.mask + 1)) {
			giveUp();
		}
		// a block claimed while the claims were given up is flagged by nobody: the build groups anyway
		return this.givenUp ? new int[n] : numbers;
	}

	/**
	 * Whether the tables are there, waiting for them the first time; when they could not be given, the
	 * claims are given up (the build groups the people).
	 */
	private boolean allocated() {
		if (this.table == null) {
			try {
				this.allocating.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while waiting for the run's claims of people", ex);
			}
			if (this.table == null) {
				Throwable failure = this.allocationFailure;
				giveUp("no room for the run's claims of people (" + ((failure != null) ? failure.getMessage() : "not allocated") + ")");
				return false;
			}
		}
		return true;
	}

	/** The number of the claim in a slot, which the claiming thread gives right after its block's inserts. */
	private static int numberOf(ByteBuffer numbers, int slot) {
		int number;
		while ((number = (int) NUMBERS.getAcquire(numbers, 4 * slot)) == 0) {
			Thread.onSpinWait();
		}
		return number;
	}

	/** Keeps the touching loads from being optimized away. */
	@SuppressWarnings("unused")
	private long sink;

	/** People claimed so far. */
	int size() {
		return this.size.get();
	}

	@Override
	public void close() {
		RUNS.remove(this.root, this);
		// the off-heap table goes with the next collection
		this.givenUp = true;
	}

	private static long fingerprint(long high, long low) {
		// the pseudonym is an HMAC, its bits uniform already; the multiply keeps related halves (a
		// value and its complement) apart. 0 marks a free slot.
		long f = high ^ (low * 0x9E3779B97F4A7C15L);
		return (f == 0) ? 1 : f;
	}

	private static int slot(long f, int mask) {
		return (int) (f ^ (f >>> 32)) & mask;
	}

	/** The fingerprint's slot: i when this call claimed it, -(i + 1) when a claim had it already. */
	private int insert(ByteBuffer table, long f) {
		int i = slot(f, this.mask);
		while (true) {
			long v = (long) SLOTS.getAcquire(table, 8 * i);
			if (v == 0) {
				if (SLOTS.compareAndSet(table, 8 * i, 0L, f)) {
					return i;
				}
				v = (long) SLOTS.getAcquire(table, 8 * i);
			}
			if (v == f) {
				return -i - 1;
			}
			i = (i + 1) & this.mask;
		}
	}

	/** The claims stop holding: the mark goes, so the build groups the run's people. */
	private void giveUp() {
		giveUp("more people than the run's claims hold (" + (this.mask + 1) + " slots)");
	}

	private synchronized void giveUp(String why) {
		if (!this.givenUp) {
			log.warn("{}; the build groups its people instead", why);
			unmark(this.root.resolve(MARKER));
			this.givenUp = true;
		}
	}

	private static void unmark(Path marker) {
		try {
			Files.deleteIfExists(marker);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot delete " + marker, ex);
		}
	}

}
