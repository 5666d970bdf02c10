package cq.talentwarehouse.normalize;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PseudonymizerTests {

	@Test
	void pseudonymIsTheFirstHalfOfTheHmacSha256InLowercaseHex() {
		// given a key and an ID number (the value computed independently, with Python's hmac module)
		Pseudonymizer pseudonymizer = new Pseudonymizer("golden-test-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

		// when / then
		assertThat(pseudonymizer.pseudonym("500116198001150003")).isEqualTo("1d7eb652d8d3531c580689115b432421");
	}

	@Test
	void bitsOfThePseudonymAreItsHexDigitsReadAsTwoNumbers() {
		Pseudonymizer pseudonymizer = new Pseudonymizer("golden-test-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
		for (int i = 0; i < 1000; i++) {
			String pseudonym = pseudonymizer.pseudonym(String.format("50011619800115%04d", i));

			assertThat(pseudonymizer.high()).isEqualTo(Long.parseUnsignedLong(pseudonym.substring(0, 16), 16));
			assertThat(pseudonymizer.low()).isEqualTo(Long.parseUnsignedLong(pseudonym.substring(16), 16));
		}
	}

	@Test
	void keyLongerThanTheHashBlockIsHashedFirstAsRfc2104Says() {
		Pseudonymizer pseudonymizer = new Pseudonymizer("k".repeat(100).getBytes(StandardCharsets.US_ASCII));

		assertThat(pseudonymizer.pseudonym("11010519491231002X")).isEqualTo("bbc5660346526bde40d368d4c976dafe");
	}

	@Test
	void everyPseudonymMatchesTheJdkHmacForKeysOfEveryLengthAroundTheBlock() throws Exception {
		// given keys shorter than, equal to and longer than SHA-256's 64-byte block
		Random random = new Random(19);
		for (int keyLength : new int[] { 1, 32, 63, 64, 65, 128 }) {
			byte[] key = new byte[keyLength];
			random.nextBytes(key);
			Pseudonymizer pseudonymizer = new Pseudonymizer(key);
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			for (int i = 0; i < 200; i++) {
				// when: ID-number-like texts, and a few longer ones (the input buffer grows)
				String id = (i % 50 == 49) ? "5001161980011500031234567890" : String.format("5001%014d", random.nextLong(100_000_000_000_000L));

				// then: the same as javax.crypto.Mac, one instance reused across people
				String expected = HexFormat.of().formatHex(mac.doFinal(id.getBytes(StandardCharsets.US_ASCII)), 0, 16);
				assertThat(pseudonymizer.pseudonym(id)).as("key of %d bytes, %s", keyLength, id).isEqualTo(expected);
			}
		}
	}

}
