package cq.talentwarehouse.stage;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a canonical resident ID number into a keyed pseudonym (HMAC-SHA256, first 128 bits as hex):
 * stable across loads and districts for the same key, useless without it. One instance per thread.
 */
public final class Pseudonymizer {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private final Mac mac;

	private final char[] out = new char[32];

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
		byte[] digest = this.mac.doFinal(canonicalIdNumber.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
		for (int i = 0; i < 16; i++) {
			this.out[2 * i] = HEX[(digest[i] >> 4) & 0xF];
			this.out[2 * i + 1] = HEX[digest[i] & 0xF];
		}
		return new String(this.out);
	}

}
