package cq.talentwarehouse.normalize;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a canonical resident ID number into a keyed pseudonym (HMAC-SHA256, first 128 bits as 32
 * hex digits, which the warehouse reads as a UUID): stable across loads and districts for the same
 * key, useless without it. One instance per thread.
 */
public final class Pseudonymizer {

	// Warehouses before V016 held the same nibbles as the letters a-p; the migration translated them,
	// so every person keeps their pseudonym.
	private static final char[] NIBBLE = "0123456789abcdef".toCharArray();

	private final Mac mac;

	private final char[] out = new char[32];

	private byte[] input = new byte[18];

	private final byte[] digest = new byte[32];

	public Pseudonymizer(byte[] key) {
		try {
			this.mac = Mac.getInstance("HmacSHA256");
			this.mac.init(new SecretKeySpec(key, "HmacSHA256"));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", ex);
		}
	}

	public String pseudonym(String canonicalIdNumber) {
		// ID numbers are ASCII: copied into a reused buffer rather than a new byte array per person
		int n = canonicalIdNumber.length();
		if (n > this.input.length) {
			this.input = new byte[n];
		}
		for (int i = 0; i < n; i++) {
			this.input[i] = (byte) canonicalIdNumber.charAt(i);
		}
		try {
			this.mac.update(this.input, 0, n);
			this.mac.doFinal(this.digest, 0);
		}
		catch (javax.crypto.ShortBufferException ex) {
			throw new IllegalStateException(ex);
		}
		for (int i = 0; i < 16; i++) {
			this.out[2 * i] = NIBBLE[(this.digest[i] >> 4) & 0xF];
			this.out[2 * i + 1] = NIBBLE[this.digest[i] & 0xF];
		}
		return new String(this.out);
	}

}
