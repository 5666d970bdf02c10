package cq.talentwarehouse.normalize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret behind person pseudonyms: {@code TALENT_PSEUDONYM_KEY} from the environment, else a key
 * file outside the repository. The embedded demo creates the file on first use and says so —
 * losing it changes every pseudonym, so it must be kept with the warehouse.
 */
public final class PseudonymKey {

	public static final String ENVIRONMENT_VARIABLE = "TALENT_PSEUDONYM_KEY";

	private static final Logger log = LoggerFactory.getLogger(PseudonymKey.class);

	private PseudonymKey() {
	}

	/**
	 * A fingerprint of a key that says nothing of the key: the first 64 bits of an HMAC of a fixed
	 * text under it. The warehouse records it so that a run with another key refuses before it
	 * pseudonymises anyone.
	 */
	public static String fingerprint(byte[] key) {
		try {
			javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
			mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
			byte[] digest = mac.doFinal("talent-warehouse pseudonym key fingerprint v1".getBytes(StandardCharsets.US_ASCII));
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/** The key when one is configured or its file exists; null when {@link #resolve} would create one. */
	public static synchronized byte[] existing(Path keyFile) {
		String fromEnv = System.getenv(ENVIRONMENT_VARIABLE);
		if ((fromEnv != null && !fromEnv.isBlank()) || Files.exists(keyFile)) {
			return resolve(keyFile);
		}
		return null;
	}

	/** Where the key comes from, for messages: the variable's name or the file's path, never the key. */
	public static String origin(Path keyFile) {
		String fromEnv = System.getenv(ENVIRONMENT_VARIABLE);
		return (fromEnv != null && !fromEnv.isBlank()) ? "the environment variable " + ENVIRONMENT_VARIABLE
				: "the key file " + keyFile.toAbsolutePath();
	}

	public static synchronized byte[] resolve(Path keyFile) {
		String fromEnv = System.getenv(ENVIRONMENT_VARIABLE);
		if (fromEnv != null && !fromEnv.isBlank()) {
			return fromEnv.strip().getBytes(StandardCharsets.UTF_8);
		}
		try {
			if (Files.exists(keyFile)) {
				String text = Files.readString(keyFile, StandardCharsets.US_ASCII).strip();
				if (text.length() < 32) {
					throw new IllegalStateException(keyFile + ": pseudonym key is too short (want 64 hex characters)");
				}
				return text.getBytes(StandardCharsets.US_ASCII);
			}
			byte[] secret = new byte[32];
			new SecureRandom().nextBytes(secret);
			Files.createDirectories(keyFile.toAbsolutePath().getParent());
			Files.writeString(keyFile, HexFormat.of().formatHex(secret) + "\n", StandardCharsets.US_ASCII);
			try {
				Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system; the file stays with default permissions
			}
			log.info("Created a new pseudonym key at {} (set {} to use your own); keep it with the warehouse:"
					+ " every person pseudonym depends on it", keyFile, ENVIRONMENT_VARIABLE);
			return Files.readString(keyFile, StandardCharsets.US_ASCII).strip().getBytes(StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read or create the pseudonym key file " + keyFile + ": "
					+ ex.getMessage(), ex);
		}
	}

}
