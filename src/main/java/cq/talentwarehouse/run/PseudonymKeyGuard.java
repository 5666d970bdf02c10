package cq.talentwarehouse.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cq.talentwarehouse.normalize.PseudonymKey;

/**
 * Keeps every person's pseudonym stable across loads: the published warehouse records the
 * fingerprint of the key that made its pseudonyms ({@code ops.pseudonym_key}), and a run whose key
 * is missing or different refuses before it reads a record — a new key would silently make every
 * person a new one. A key is created only for a warehouse that holds no people yet.
 */
final class PseudonymKeyGuard {

	private static final Logger log = LoggerFactory.getLogger(PseudonymKeyGuard.class);

	private PseudonymKeyGuard() {
	}

	/** Why a run may not pseudonymise with the key it has; the message says what to do. */
	static final class KeyMismatchException extends Exception {

		KeyMismatchException(String message) {
			super(message);
		}

	}

	/** The key's fingerprint, or null after saying on {@code out} (and in the log) why it may not be used here. */
	static String checkOrSay(Path warehouse, Path keyFile, PrintStream out) throws SQLException {
		try {
			return check(warehouse, keyFile);
		}
		catch (KeyMismatchException ex) {
			out.println(ex.getMessage());
			log.error(ex.getMessage());
			return null;
		}
	}

	/**
	 * Checks the run's key against the published warehouse and returns its fingerprint, creating the
	 * key first when the warehouse has no people (a first start).
	 */
	static String check(Path warehouse, Path keyFile) throws KeyMismatchException, SQLException {
		PublishedFacts published = PublishedFacts.of(warehouse);
		String recorded = published.recordedKey();
		boolean hasPeople = published.hasPeople();
		byte[] key = PseudonymKey.existing(keyFile);
		if (key == null) {
			if (recorded != null || hasPeople) {
				throw new KeyMismatchException("The warehouse " + warehouse + " holds people pseudonymised with the key of"
						+ " fingerprint " + (recorded != null ? recorded : "(not recorded)") + ", but the key file " + keyFile.toAbsolutePath()
						+ " does not exist and " + PseudonymKey.ENVIRONMENT_VARIABLE + " is not set. Restore the key file from"
						+ " its backup (or set " + PseudonymKey.ENVIRONMENT_VARIABLE + " to the key): a new key would make every"
						+ " person a new one. Nothing was read.");
			}
			key = PseudonymKey.resolve(keyFile);
		}
		String fingerprint = PseudonymKey.fingerprint(key);
		if (recorded != null && !recorded.equals(fingerprint)) {
			throw new KeyMismatchException("The pseudonym key from " + PseudonymKey.origin(keyFile) + " (fingerprint "
					+ fingerprint + ") is not the key that made the pseudonyms of " + warehouse + " (fingerprint " + recorded
					+ "). Use the original key (restore the key file from its backup, or set "
					+ PseudonymKey.ENVIRONMENT_VARIABLE + " to it): another key would make every person a new one."
					+ " Nothing was read.");
		}
		return fingerprint;
	}

}
