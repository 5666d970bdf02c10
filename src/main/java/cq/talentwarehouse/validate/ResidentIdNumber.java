package cq.talentwarehouse.validate;

import java.time.LocalDate;

/**
 * Validation of 18-character Chinese citizen identification numbers (公民身份号码, GB 11643-1999).
 *
 * <p>Layout: address code (chars 1–6), birth date {@code yyyyMMdd} (chars 7–14), sequence code
 * (chars 15–17, odd = male, even = female) and an ISO 7064 MOD 11-2 check character (char 18,
 * {@code 0-9} or {@code X}).
 *
 * <p>Checks run in this order and the first failure is the only one reported:
 * <ol>
 *   <li>{@link Outcome#MISSING} – {@code null} or empty input;</li>
 *   <li>{@link Outcome#FORMAT} – not exactly 18 characters, or not 17 digits followed by
 *       {@code [0-9Xx]}. Legacy 15-digit numbers (issued before 1999, no check digit) are reported
 *       as {@code FORMAT} too: they cannot be verified and the warehouse stores only the 18-digit
 *       form;</li>
 *   <li>{@link Outcome#CHECKSUM} – the check character does not match. It is tested before the
 *       date because a single typo anywhere (including inside the date) breaks the checksum, so
 *       "checksum" is the more useful diagnosis when both are wrong;</li>
 *   <li>{@link Outcome#BIRTH_DATE} – the embedded date is not a real calendar date, is before
 *       1900-01-01 or is after {@code today}.</li>
 * </ol>
 *
 * <p>The address code is deliberately not checked: residence permits for Hong Kong, Macao and
 * Taiwan residents (810000, 820000, 830000), foreigners' permanent residence numbers and address
 * codes retired by later GB/T 2260 revisions are all legitimately in circulation.
 *
 * <p>The class is used on the per-record hot path, so it avoids regex and intermediate objects:
 * failures return shared constants and a valid number costs one {@link Result} and one
 * {@link LocalDate} (plus an upper-cased copy only when the input ends in a lower-case {@code x}).
 */
public final class ResidentIdNumber {

    /** Length of a GB 11643-1999 identification number. */
    public static final int LENGTH = 18;

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    /** Indexed by {@code sum % 11}. */
    private static final char[] CHECK_CHARS = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private static final int EARLIEST_BIRTH_DATE = 1900_01_01;

    public enum Outcome { VALID, MISSING, FORMAT, CHECKSUM, BIRTH_DATE }

    /**
     * Outcome of {@link #check}. Apart from {@code outcome}, the components are populated only
     * when the outcome is {@link Outcome#VALID}; otherwise {@code canonical} and
     * {@code birthDate} are {@code null}, {@code gender} is {@code '\0'} and {@code birthYear} is 0.
     *
     * @param canonical the 18-character form with an upper-case {@code X}
     * @param gender    {@code 'M'} or {@code 'F'}, from the parity of the 17th digit
     */
    public record Result(Outcome outcome, String canonical, char gender, int birthYear, LocalDate birthDate) {

        private static final Result MISSING = new Result(Outcome.MISSING, null, '\0', 0, null);
        private static final Result FORMAT = new Result(Outcome.FORMAT, null, '\0', 0, null);
        private static final Result CHECKSUM = new Result(Outcome.CHECKSUM, null, '\0', 0, null);
        private static final Result BIRTH_DATE = new Result(Outcome.BIRTH_DATE, null, '\0', 0, null);

        public boolean isValid() {
            return outcome == Outcome.VALID;
        }
    }

    private ResidentIdNumber() {
    }

    /**
     * Validates against the current system date. Batch callers should prefer
     * {@link #check(String, LocalDate)} with a date fixed once per run, which is both reproducible
     * and avoids reading the clock per record.
     *
     * @param normalized trimmed, full-width-folded input; a lower-case {@code x} is accepted
     */
    public static Result check(String normalized) {
        return check(normalized, LocalDate.now());
    }

    /**
     * Validates {@code normalized}; see the class documentation for the order of checks.
     *
     * @param normalized trimmed, full-width-folded input; a lower-case {@code x} is accepted
     * @param today      latest acceptable birth date (inclusive)
     */
    public static Result check(String normalized, LocalDate today) {
        if (normalized == null || normalized.isEmpty()) {
            return Result.MISSING;
        }
        if (normalized.length() != LENGTH) {
            return Result.FORMAT;
        }
        int expected = checkIndex(normalized);
        char last = normalized.charAt(LENGTH - 1);
        if (expected < 0 || !(isDigit(last) || last == 'X' || last == 'x')) {
            return Result.FORMAT;
        }
        if (CHECK_CHARS[expected] != (last == 'x' ? 'X' : last)) {
            return Result.CHECKSUM;
        }

        int year = digits(normalized, 6, 4);
        int month = digits(normalized, 10, 2);
        int day = digits(normalized, 12, 2);
        if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
            return Result.BIRTH_DATE;
        }
        int birth = year * 10_000 + month * 100 + day;
        int latest = today.getYear() * 10_000 + today.getMonthValue() * 100 + today.getDayOfMonth();
        if (birth < EARLIEST_BIRTH_DATE || birth > latest) {
            return Result.BIRTH_DATE;
        }

        // String.replace returns the same instance when there is nothing to replace.
        String canonical = last == 'x' ? normalized.replace('x', 'X') : normalized;
        char gender = ((normalized.charAt(16) - '0') & 1) == 1 ? 'M' : 'F';
        return new Result(Outcome.VALID, canonical, gender, year, LocalDate.of(year, month, day));
    }

    /**
     * Computes the GB 11643 check character for the first 17 characters of {@code first17}
     * (anything after the 17th character is ignored, so a full 18-character number may be passed).
     *
     * @return {@code '0'}–{@code '9'} or {@code 'X'}
     * @throws IllegalArgumentException if fewer than 17 characters are given or any of them is not
     *                                  an ASCII digit
     */
    public static char checkDigit(CharSequence first17) {
        if (first17.length() < LENGTH - 1) {
            throw new IllegalArgumentException("need 17 digits, got " + first17.length() + " characters");
        }
        int index = checkIndex(first17);
        if (index < 0) {
            throw new IllegalArgumentException("the first 17 characters must be ASCII digits");
        }
        return CHECK_CHARS[index];
    }

    /**
     * Masks an identification number for display in quarantine reports, so operators can match a
     * record by region prefix and tail without seeing the birth date. Strings of 18 or more
     * characters keep the first 6 and last 4 characters ({@code 500116********1234}); shorter
     * strings of at least 4 characters keep the first 2 and the last 1; anything shorter is fully
     * masked. The output has one {@code *} per masked code point, so its length matches the input.
     *
     * @return the masked string, or {@code null} for {@code null} input
     */
    public static String mask(String raw) {
        if (raw == null) {
            return null;
        }
        if (raw.length() == LENGTH) {
            // the common case, a full-length number in Latin-1 (no surrogates): 6 + 8 stars + 4, built directly
            byte[] masked = new byte[LENGTH];
            boolean latin1 = true;
            for (int i = 0; i < LENGTH; i++) {
                char c = raw.charAt(i);
                if (c > 0xFF) {
                    latin1 = false;
                    break;
                }
                masked[i] = (i >= 6 && i < LENGTH - 4) ? (byte) '*' : (byte) c;
            }
            if (latin1) {
                return new String(masked, java.nio.charset.StandardCharsets.ISO_8859_1);
            }
        }
        int codePoints = raw.codePointCount(0, raw.length());
        int head;
        int tail;
        if (codePoints >= LENGTH) {
            head = 6;
            tail = 4;
        } else if (codePoints >= 4) {
            head = 2;
            tail = 1;
        } else {
            head = 0;
            tail = 0;
        }
        // Offsets in code points so a surrogate pair is never split into a lone half.
        int headEnd = raw.offsetByCodePoints(0, head);
        int tailStart = raw.offsetByCodePoints(raw.length(), -tail);
        StringBuilder masked = new StringBuilder(headEnd + (codePoints - head - tail) + (raw.length() - tailStart));
        masked.append(raw, 0, headEnd);
        for (int i = head + tail; i < codePoints; i++) {
            masked.append('*');
        }
        masked.append(raw, tailStart, raw.length());
        return masked.toString();
    }

    /** Index into {@link #CHECK_CHARS}, or -1 if one of the first 17 characters is not a digit. */
    private static int checkIndex(CharSequence s) {
        int sum = 0;
        for (int i = 0; i < LENGTH - 1; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        return sum % 11;
    }

    private static boolean isDigit(char c) {
        // Character.isDigit would also accept non-ASCII digits such as full-width ones.
        return c >= '0' && c <= '9';
    }

    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = value * 10 + (s.charAt(i) - '0');
        }
        return value;
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
