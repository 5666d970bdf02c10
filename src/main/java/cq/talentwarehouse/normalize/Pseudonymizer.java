package cq.talentwarehouse.normalize;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * Turns a canonical resident ID number into a keyed pseudonym (HMAC-SHA256, first 128 bits as 32
 * hex digits, which the warehouse reads as a UUID): stable across loads and districts for the same
 * key, useless without it. One instance per thread.
 *
 * <p>The HMAC (RFC 2104) is computed from two SHA-256 states that have already absorbed the key's
 * inner and outer pad block: a person costs two compression rounds instead of the four
 * {@link javax.crypto.Mac} runs, which hashes the pad blocks again for every message.
 */
public final class Pseudonymizer {

	// Warehouses before V016 held the same nibbles as the letters a-p; the migration translated them,
	// so every person keeps their pseudonym.
	private static final byte[] NIBBLE = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private static final int BLOCK = 64;

	/** SHA-256 after the key XOR ipad block, cloned for each person. */
	private final MessageDigest inner;

	/** SHA-256 after the key XOR opad block, cloned for each person. */
	private final MessageDigest outer;

	private final byte[] out = new byte[32];

	private byte[] input = new byte[18];

	private final byte[] digest = new byte[32];

	/** The last pseudonym's 128 bits, the first hex digit in the top nibble of {@link #high}. */
	private long high;

	private long low;

	public Pseudonymizer(byte[] key) {
		try {
			byte[] block = new byte[BLOCK];
			// RFC 2104: a key longer than the block is hashed first; a shorter one is padded with zeros
			byte[] k = (key.length > BLOCK) ? MessageDigest.getInstance("SHA-256").digest(key) : key;
			byte[] ipad = new byte[BLOCK];
			byte[] opad = new byte[BLOCK];
			System.arraycopy(k, 0, block, 0, k.length);
			for (int i = 0; i < BLOCK; i++) {
				ipad[i] = (byte) (block[i] ^ 0x36);
				opad[i] = (byte) (block[i] ^ 0x5c);
			}
			this.inner = MessageDigest.getInstance("SHA-256");
			this.inner.update(ipad);
			this.outer = MessageDigest.getInstance("SHA-256");
			this.outer.update(opad);
			// a provider whose digests cannot be cloned fails here, at start, not on the first person
			this.inner.clone();
		}
		catch (GeneralSecurityException | CloneNotSupportedException ex) {
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
			MessageDigest in = (MessageDigest) this.inner.clone();
			in.update(this.input, 0, n);
			in.digest(this.digest, 0, 32);
			MessageDigest out = (MessageDigest) this.outer.clone();
			out.update(this.digest, 0, 32);
			out.digest(this.digest, 0, 32);
		}
		catch (CloneNotSupportedException | DigestException ex) {
			throw new IllegalStateException(ex);
		}
		long high = 0;
		long low = 0;
		for (int i = 0; i < 8; i++) {
			high = (high << 8) | (this.digest[i] & 0xFF);
			low = (low << 8) | (this.digest[8 + i] & 0xFF);
		}
		this.high = high;
		this.low = low;
		for (int i = 0; i < 16; i++) {
			this.out[2 * i] = NIBBLE[(this.digest[i] >> 4) & 0xF];
			this.out[2 * i + 1] = NIBBLE[this.digest[i] & 0xF];
		}
		// ISO-8859-1 bytes become a compact string as they are, without the char-to-byte compression pass
		return new String(this.out, StandardCharsets.ISO_8859_1);
	}

	/** The first 64 of the last pseudonym's 128 bits (its first 16 hex digits read as a number). */
	public long high() {
		return this.high;
	}

	/** The last 64 of the last pseudonym's 128 bits. */
	public long low() {
		return this.low;
	}

}
