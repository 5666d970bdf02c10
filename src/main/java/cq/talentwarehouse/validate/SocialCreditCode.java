package cq.talentwarehouse.validate;

import java.util.Arrays;
import java.util.Locale;

/**
 * Validation of unified social credit codes (统一社会信用代码, GB 32100-2015).
 *
 * <p>Layout: registration authority (char 1), entity category (char 2), registration region
 * (chars 3–8), subject identifier / organisation code (chars 9–17) and a MOD 31 check character
 * (char 18). Every character comes from the 31-symbol alphabet
 * {@code 0123456789ABCDEFGHJKLMNPQRTUWXY} (no I, O, S, V, Z).
 *
 * <p>{@link #check} verifies only length, alphabet and the check character. The authority and
 * category characters are not matched against the code lists (1, 5, 9, Y, A, N, ... and their
 * sub-categories), so that authority or category codes added after this was written do not become
 * false rejects; any character of the alphabet is accepted there, and a mistyped one is caught by
 * the checksum anyway. Likewise the region part is not required to be numeric or a current
 * GB/T 2260 code.
 *
 * <p>Known false rejects: some codes issued in pilot regions (e.g. Xiamen, {@code 91350211M0000XUF46})
 * before the national standard was final carry a check character that does not satisfy MOD 31. They
 * are legally issued but are reported as {@link Outcome#CHECKSUM}; accepting them would need an
 * explicit allow-list, since their check character is indistinguishable from a typo.
 *
 * <p>Lower-case input is accepted and upper-cased into {@link Result#canonical()}. As with
 * {@link ResidentIdNumber}, failures return shared constants so the hot path does not allocate.
 */
public final class SocialCreditCode {

    /** Length of a GB 32100-2015 code. */
    public static final int LENGTH = 18;

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private static final int[] ORGANIZATION_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    /** Value of each ASCII character in {@link #ALPHABET} (either case); -1 outside it. */
    private static final int[] VALUES = new int[128];

    static {
        Arrays.fill(VALUES, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            char c = ALPHABET.charAt(i);
            VALUES[c] = i;
            VALUES[Character.toLowerCase(c)] = i;
        }
    }

    public enum Outcome { VALID, MISSING, FORMAT, CHECKSUM }

    /**
     * Outcome of {@link #check}.
     *
     * @param canonical the upper-case code when {@code outcome} is {@link Outcome#VALID},
     *                  otherwise {@code null}
     */
    public record Result(Outcome outcome, String canonical) {

        private static final Result MISSING = new Result(Outcome.MISSING, null);
        private static final Result FORMAT = new Result(Outcome.FORMAT, null);
        private static final Result CHECKSUM = new Result(Outcome.CHECKSUM, null);

        public boolean isValid() {
            return outcome == Outcome.VALID;
        }
    }

    private SocialCreditCode() {
    }

    /**
     * Checks, in order: {@link Outcome#MISSING} ({@code null} or empty), {@link Outcome#FORMAT}
     * (length other than 18, or a character outside the alphabet), {@link Outcome#CHECKSUM}.
     *
     * @param normalized trimmed, full-width-folded input; lower case is accepted
     */
    public static Result check(String normalized) {
        if (normalized == null || normalized.isEmpty()) {
            return Result.MISSING;
        }
        if (normalized.length() != LENGTH) {
            return Result.FORMAT;
        }
        int expected = checkValue(normalized);
        int actual = value(normalized.charAt(LENGTH - 1));
        if (expected < 0 || actual < 0) {
            return Result.FORMAT;
        }
        if (expected != actual) {
            return Result.CHECKSUM;
        }
        return new Result(Outcome.VALID, hasLowerCase(normalized) ? normalized.toUpperCase(Locale.ROOT) : normalized);
    }

    /**
     * Computes the GB 32100 check character for the first 17 characters of {@code first17}
     * (anything after the 17th character is ignored, so a full code may be passed). Lower case is
     * accepted.
     *
     * @return an upper-case character from the code alphabet
     * @throws IllegalArgumentException if fewer than 17 characters are given or any of them is
     *                                  outside the alphabet
     */
    public static char checkCharacter(CharSequence first17) {
        if (first17.length() < LENGTH - 1) {
            throw new IllegalArgumentException("need 17 characters, got " + first17.length());
        }
        int value = checkValue(first17);
        if (value < 0) {
            throw new IllegalArgumentException("the first 17 characters must come from " + ALPHABET);
        }
        return ALPHABET.charAt(value);
    }

    /**
     * Whether chars 9–17 form a valid GB 11714-1997 organisation code: 8 body characters with
     * values {@code 0-9 = 0-9, A-Z = 10-35} (the full Latin alphabet of GB 11714, not the USCC
     * alphabet), weights {@code 3,7,9,10,5,8,4,2} and check character {@code 11 - sum % 11}, where
     * 10 is written {@code X} and 11 is written {@code 0}.
     *
     * <p>Informational only and intentionally not part of {@link #check}: GB 32100 makes only the
     * 18th character a check over the whole code. Subject identifiers assigned by the
     * organisation-code authority satisfy GB 11714 (so do the individual-business codes with prefix
     * {@code 92} seen so far), but identifiers carried over from older registrations are not
     * guaranteed to, and rejecting a code whose MOD 31 check passes would turn a data-quality hint
     * into a false reject. Use it to flag records for review, not to quarantine them.
     *
     * @param canonical an upper-case code, normally {@link Result#canonical()} of a valid result
     * @return {@code false} also when {@code canonical} is {@code null}, not 18 characters long or
     *         contains characters other than {@code 0-9} and {@code A-Z} in the organisation part
     */
    public static boolean hasValidOrganizationCode(String canonical) {
        if (canonical == null || canonical.length() != LENGTH) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < ORGANIZATION_WEIGHTS.length; i++) {
            char c = canonical.charAt(8 + i);
            int value;
            if (c >= '0' && c <= '9') {
                value = c - '0';
            } else if (c >= 'A' && c <= 'Z') {
                value = c - 'A' + 10;
            } else {
                return false;
            }
            sum += value * ORGANIZATION_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        char expected = check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
        return canonical.charAt(16) == expected;
    }

    /** Value of the expected check character, or -1 if one of the first 17 is outside the alphabet. */
    private static int checkValue(CharSequence s) {
        int sum = 0;
        for (int i = 0; i < LENGTH - 1; i++) {
            int value = value(s.charAt(i));
            if (value < 0) {
                return -1;
            }
            sum += value * WEIGHTS[i];
        }
        return (31 - sum % 31) % 31;
    }

    private static int value(char c) {
        return c < VALUES.length ? VALUES[c] : -1;
    }

    private static boolean hasLowerCase(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                return true;
            }
        }
        return false;
    }
}
