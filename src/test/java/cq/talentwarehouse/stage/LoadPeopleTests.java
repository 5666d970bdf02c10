package cq.talentwarehouse.stage;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LoadPeopleTests {

	@TempDir
	Path dir;

	@Test
	void claimsEachPersonOnceAcrossBlocks() {
		// given claims sized for the run's people
		StagingArea staging = new StagingArea(this.dir);
		try (LoadPeople people = LoadPeople.open(staging, 200_000, false)) {
			// when 200,000 people are claimed in blocks of 500, then all of them again
			int n = 200_000;
			int firstTime = 0;
			int again = 0;
			for (int round = 0; round < 2; round++) {
				for (int from = 0; from < n; from += 500) {
					boolean[] keyed = new boolean[500];
					long[] highs = new long[500];
					long[] lows = new long[500];
					for (int i = 0; i < 500; i++) {
						keyed[i] = true;
						highs[i] = mix(from + i);
						lows[i] = mix(~(from + i));
					}
					for (boolean a : people.claim(keyed, highs, lows)) {
						if (a) {
							again++;
						}
						else {
							firstTime++;
						}
					}
				}
			}

			// then each was claimed once and named again once (no two of them share a fingerprint here)
			assertThat(firstTime).isEqualTo(n);
			assertThat(again).isEqualTo(n);
			assertThat(people.size()).isEqualTo(n);
			assertThat(LoadPeople.of(staging)).isSameAs(people);
		}
		// and closing the run's claims unregisters them
		assertThat(LoadPeople.of(staging)).isNull();
	}

	@Test
	void twoDistrictsStagingAtOnceClaimEachSharedPersonExactlyOnce() throws Exception {
		// given two staging threads whose rosters name the same 100,000 people, in the same order
		int n = 100_000;
		try (LoadPeople people = LoadPeople.open(new StagingArea(this.dir), 2L * n, false)) {
			java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
			java.util.concurrent.Callable<Integer> district = () -> {
				start.await();
				int claimed = 0;
				for (int from = 0; from < n; from += 500) {
					boolean[] keyed = new boolean[500];
					long[] highs = new long[500];
					long[] lows = new long[500];
					for (int i = 0; i < 500; i++) {
						keyed[i] = true;
						highs[i] = mix(from + i);
						lows[i] = mix(~(from + i));
					}
					for (boolean again : people.claim(keyed, highs, lows)) {
						claimed += again ? 0 : 1;
					}
				}
				return claimed;
			};
			java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
			try {
				java.util.concurrent.Future<Integer> first = pool.submit(district);
				java.util.concurrent.Future<Integer> second = pool.submit(district);

				// when both claim at once
				start.countDown();

				// then every person was claimed by exactly one of them: no one staged as new twice, no one lost
				assertThat(first.get() + second.get()).isEqualTo(n);
				assertThat(people.size()).isEqualTo(n);
			}
			finally {
				pool.shutdown();
			}
		}
	}

	@Test
	void leavesRowsThatAreNotAcceptedUnclaimed() {
		try (LoadPeople people = LoadPeople.open(new StagingArea(this.dir), 4, false)) {
			boolean[] first = people.claim(new boolean[] { false, true }, new long[] { 7, 7 }, new long[] { 9, 9 });

			assertThat(first).containsExactly(false, false);
			assertThat(people.size()).isEqualTo(1);
		}
	}

	@Test
	void marksAFreshRunAndUnmarksAResumedOneWithoutClaiming() throws Exception {
		// given a run that started staging afresh
		StagingArea staging = new StagingArea(this.dir.resolve("staging"));
		LoadPeople.open(staging, 10, false).close();
		assertThat(LoadPeople.claimed(staging)).isTrue();

		// when it is resumed (by another process)
		LoadPeople resumed = LoadPeople.open(staging, 10, true);

		// then nothing claims and the build is told the rows' flags do not hold
		assertThat(resumed).isNull();
		assertThat(LoadPeople.of(staging)).isNull();
		assertThat(LoadPeople.claimed(staging)).isFalse();
		assertThat(Files.exists(staging.root().resolve(LoadPeople.MARKER))).isFalse();
	}

	@Test
	void stopsClaimingAndUnmarksTheRunWhenMorePeopleComeThanItHoldsRoomFor() {
		// given claims that may hold at most 2^16 slots (two-thirds of them people), sized for a handful
		StagingArea staging = new StagingArea(this.dir);
		try (LoadPeople people = LoadPeople.open(staging, 4, false, 1 << 16)) {
			// when 50,000 people come, each twice
			int again = 0;
			for (int round = 0; round < 2; round++) {
				for (int from = 0; from < 50_000; from += 500) {
					boolean[] keyed = new boolean[500];
					long[] highs = new long[500];
					long[] lows = new long[500];
					java.util.Arrays.fill(keyed, true);
					for (int i = 0; i < 500; i++) {
						highs[i] = mix(from + i);
						lows[i] = mix(~(from + i));
					}
					for (boolean a : people.claim(keyed, highs, lows)) {
						again += a ? 1 : 0;
					}
				}
			}

			// then no row is flagged once the table is full, and the build is told to group
			assertThat(again).isZero();
			assertThat(LoadPeople.claimed(staging)).isFalse();
		}
	}

	private static long mix(long x) {
		long z = x * 0x9E3779B97F4A7C15L;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		return z ^ (z >>> 31);
	}

}
