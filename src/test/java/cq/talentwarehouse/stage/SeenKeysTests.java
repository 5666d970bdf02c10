package cq.talentwarehouse.stage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cq.talentwarehouse.normalize.Pseudonymizer;

class SeenKeysTests {

	@Test
	void reportsEachRepeatedPseudonymOnceSeenAcrossBlocksAndGrowth() {
		// given 5,000 pseudonyms
		String[] first = pseudonyms("seen-keys-test", 5000);
		SeenKeys seen = SeenKeys.forColumns(List.of("person_id"));

		// when they are added, then added again with a repeat inside the same block and a gap
		boolean[] once = seen.addAll(first);
		boolean[] again = seen.addAll(new String[] { first[17], null, "0".repeat(32), "0".repeat(32), first[4999] });

		// then only the first sighting of each key is new
		for (boolean added : once) {
			assertThat(added).isTrue();
		}
		assertThat(again).containsExactly(false, true, true, false, false);
		assertThat(seen.add(first[0])).isFalse();
	}

	@Test
	void remembersEveryPseudonymAcrossPagesAndTwoDoublings() {
		// given 150,000 people, past the table's first two capacities (65,536 and 131,072 slots, each
		// spread over pages of 16,384)
		String[] people = pseudonyms("seen-keys-pages", 150_000);
		SeenKeys seen = SeenKeys.forColumns(List.of("person_id"));

		// when they are added in blocks, as the staging writer does, once and then again
		int newOnce = newInBlocks(seen, people);
		int newAgain = newInBlocks(seen, people);

		// then each was new the first time only, and a stranger still is
		assertThat(newOnce).isEqualTo(people.length);
		assertThat(newAgain).isZero();
		assertThat(seen.add(pseudonyms("a-stranger", 1)[0])).isTrue();
	}

	private static String[] pseudonyms(String key, int count) {
		Pseudonymizer pseudonymizer = new Pseudonymizer(key.getBytes(StandardCharsets.US_ASCII));
		String[] pseudonyms = new String[count];
		for (int i = 0; i < count; i++) {
			pseudonyms[i] = pseudonymizer.pseudonym(String.format("500116198001%06d", i));
		}
		return pseudonyms;
	}

	private static int newInBlocks(SeenKeys seen, String[] keys) {
		int added = 0;
		for (int from = 0; from < keys.length; from += 500) {
			for (boolean isNew : seen.addAll(Arrays.copyOfRange(keys, from, Math.min(keys.length, from + 500)))) {
				added += isNew ? 1 : 0;
			}
		}
		return added;
	}

	@Test
	void aPseudonymHandedOverAsItsBitsMeetsTheSameOneReadFromItsDigits() {
		// given pseudonyms and the bits the pseudonymizer made them from
		Pseudonymizer pseudonymizer = new Pseudonymizer("seen-keys-test".getBytes(StandardCharsets.US_ASCII));
		int n = 300;
		String[] keys = new String[n];
		long[] highs = new long[n];
		long[] lows = new long[n];
		for (int i = 0; i < n; i++) {
			keys[i] = pseudonymizer.pseudonym(String.format("500116198001%06d", i));
			highs[i] = pseudonymizer.high();
			lows[i] = pseudonymizer.low();
		}
		SeenKeys seen = SeenKeys.forColumns(List.of("person_id"));

		// when the even ones go in as bits and the odd ones as digits, then all of them again the other way
		String[] evenOnly = keys.clone();
		for (int i = 1; i < n; i += 2) {
			evenOnly[i] = null;
		}
		boolean[] first = seen.addAll(evenOnly, highs.clone(), lows.clone());
		boolean[] second = seen.addAll(keys, new long[n], new long[n]);

		// then each key is new exactly once, whichever way it came
		for (int i = 0; i < n; i++) {
			assertThat(first[i]).isTrue();
			assertThat(second[i]).as("key %d", i).isEqualTo(i % 2 == 1);
		}
	}

	@Test
	void keysOtherThanPseudonymsAreCompared() {
		SeenKeys seen = SeenKeys.forColumns(List.of("uscc", "qualification_code"));

		assertThat(seen.addAll(new String[] { "a\0x", "a\0y", "a\0x" })).containsExactly(true, true, false);
	}

	@Test
	void refusesAKeyThatIsNoPseudonym() {
		SeenKeys seen = SeenKeys.forColumns(List.of("person_id"));

		assertThatThrownBy(() -> seen.add("500116198001150003")).hasMessageContaining("not a pseudonym");
		assertThatThrownBy(() -> seen.add("z".repeat(32))).hasMessageContaining("not a pseudonym");
		// one bad digit anywhere, among them the characters next to the hex ranges and uppercase
		String good = "0123456789abcdef0123456789abcdef";
		for (int i = 0; i < 32; i++) {
			for (char bad : new char[] { '/', ':', '`', 'g', 'A', 'F', '\u00e9', '\u4e00' }) {
				String key = good.substring(0, i) + bad + good.substring(i + 1);
				assertThatThrownBy(() -> seen.add(key)).as(key).hasMessageContaining("not a pseudonym");
			}
		}
	}

	@Test
	void tellsApartPseudonymsThatDifferInOneDigit() {
		// given every lowercase hex digit in every position of an otherwise equal key
		SeenKeys seen = SeenKeys.forColumns(List.of("person_id"));
		String base = "fedcba9876543210fedcba9876543210";
		int added = 0;

		// when each variant is added twice
		for (int i = 0; i < 32; i++) {
			for (char digit : "0123456789abcdef".toCharArray()) {
				String key = base.substring(0, i) + digit + base.substring(i + 1);
				if (seen.add(key)) {
					added++;
				}
				assertThat(seen.add(key)).as(key).isFalse();
			}
		}

		// then each distinct key counted once: the base, and 15 others per position
		assertThat(added).isEqualTo(1 + 32 * 15);
	}

}
