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
	void claimsEachPersonOnceAcrossBlocksAndNumbersThemOneToN() {
		// given claims sized for the run's people
		StagingArea staging = new StagingArea(this.dir);
		try (LoadPeople people = LoadPeople.open(staging, 200_000, false)) {
			// when 200,000 people are claimed in blocks of 500, then all of them again
			int n = 200_000;
			int[] firstNumber = new int[n];
			int[] againNumber = new int[n];
			for (int round = 0; round < 2; round++) {
				for (int from = 0; from < n; from += 500) {
					int[] claims = claimBlock(people, from);
					for (int i = 0; i < 500; i++) {
						(round == 0 ? firstNumber : againNumber)[from + i] = claims[i];
					}
				}
			}

			// then each was claimed once, numbered 1..n in claim order, and named again under the
			// number of its claim (no two of them share a fingerprint here)
			for (int i = 0; i < n; i++) {
				assertThat(firstNumber[i]).isEqualTo(i + 1);
				assertThat(againNumber[i]).isEqualTo(-(i + 1));
			}
			assertThat(people.size()).isEqualTo(n);
			assertThat(LoadPeople.of(staging)).isSameAs(people);
		}
		// and closing the run's claims unregisters them
		assertThat(LoadPeople.of(staging)).isNull();
	}

	@Test
	void twoDistrictsStagingAtOnceClaimEachSharedPersonExactlyOnceUnderOneNumber() throws Exception {
		// given two staging threads whose rosters name the same 100,000 people, in the same order
		int n = 100_000;
		try (LoadPeople people = LoadPeople.open(new StagingArea(this.dir), 2L * n, false)) {
			java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
			java.util.concurrent.Callable<int[]> district = () -> {
				start.await();
				int[] numbers = new int[n];
				for (int from = 0; from < n; from += 500) {
					System.arraycopy(claimBlock(people, from), 0, numbers, from, 500);
				}
				return numbers;
			};
			java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
			try {
				java.util.concurrent.Future<int[]> first = pool.submit(district);
				java.util.concurrent.Future<int[]> second = pool.submit(district);

				// when both claim at once
				start.countDown();

				// then every person was claimed by exactly one of them (no one staged as new twice, no
				// one lost), both rows of a person carry the same number, and the numbers are 1..n
				int[] a = first.get();
				int[] b = second.get();
				java.util.BitSet numbers = new java.util.BitSet();
				for (int i = 0; i < n; i++) {
					assertThat(a[i] > 0 ^ b[i] > 0).as("person %d claimed once", i).isTrue();
					assertThat(Math.abs(a[i])).as("person %d's number", i).isEqualTo(Math.abs(b[i]));
					numbers.set(Math.abs(a[i]));
				}
				assertThat(numbers.cardinality()).isEqualTo(n);
				assertThat(numbers.nextSetBit(0)).isEqualTo(1);
				assertThat(numbers.length() - 1).isEqualTo(n);
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
			int[] first = people.claim(new boolean[] { false, true }, new long[] { 7, 7 }, new long[] { 9, 9 });

			assertThat(first).containsExactly(0, 1);
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
					for (int claim : claimBlock(people, from)) {
						again += (claim < 0) ? 1 : 0;
					}
				}
			}

			// then no row is flagged once the table is full, and the build is told to group
			assertThat(again).isZero();
			assertThat(LoadPeople.claimed(staging)).isFalse();
		}
	}

	/** Claims a block of 500 people, the ones numbered from..from + 499 here, every row accepted. */
	private static int[] claimBlock(LoadPeople people, int from) {
		boolean[] keyed = new boolean[500];
		long[] highs = new long[500];
		long[] lows = new long[500];
		java.util.Arrays.fill(keyed, true);
		for (int i = 0; i < 500; i++) {
			highs[i] = mix(from + i);
			lows[i] = mix(~(from + i));
		}
		return people.claim(keyed, highs, lows);
	}

	private static long mix(long x) {
		long z = x * 0x9E3779B97F4A7C15L;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		return z ^ (z >>> 31);
	}

}
