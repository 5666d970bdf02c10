package cq.talentwarehouse.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import cq.talentwarehouse.validate.ResidentIdNumber.Outcome;
import cq.talentwarehouse.validate.ResidentIdNumber.Result;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ResidentIdNumberTests {

    /** Fixed so that the published vectors and generated numbers never drift into the future. */
    private static final LocalDate TODAY = LocalDate.of(2025, 6, 30);

    private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private static final List<String> GENERATED = new ArrayList<>();

    @BeforeAll
    static void generateValidNumbers() {
        // Fixed seed: a failure must be reproducible from the test output alone.
        Random random = new Random(11643_1999L);
        long earliest = LocalDate.of(1900, 1, 1).toEpochDay();
        long span = TODAY.toEpochDay() - earliest + 1;
        for (int i = 0; i < 1_000; i++) {
            String address = String.format("%06d", random.nextInt(1_000_000));
            LocalDate birth = LocalDate.ofEpochDay(earliest + (long) (random.nextDouble() * span));
            String sequence = String.format("%03d", random.nextInt(1_000));
            GENERATED.add(idWith(address, birth.format(BASIC_DATE), sequence));
        }
    }

    @ParameterizedTest(name = "{0} is {1} [{2}]")
    @CsvFileSource(resources = "/validate/id_number_vectors.csv", numLinesToSkip = 1)
    void classifiesPublishedVectorsAsTheirSourcesDo(String value, Outcome expected, String source) {
        // when
        Result result = ResidentIdNumber.check(value, TODAY);

        // then
        assertThat(result.outcome()).as(source).isEqualTo(expected);
        if (expected == Outcome.VALID) {
            assertThat(result.canonical()).isEqualTo(value.toUpperCase());
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    void reportsMissingForNullOrEmptyInput(String value) {
        // when
        Result result = ResidentIdNumber.check(value, TODAY);

        // then
        assertThat(result.outcome()).isEqualTo(Outcome.MISSING);
        assertThat(result.isValid()).isFalse();
        assertThat(result.canonical()).isNull();
        assertThat(result.birthDate()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "36042619910101007",      // 17 characters
        "3604261991010100711",    // 19 characters
        "36042619910101007Y",     // check character outside [0-9X]
        "3604261991010100X1",     // X is only allowed in the last position
        "36042619910101 071",     // inner blank
        "３60426199101010071",     // full-width digit: folding is the caller's job
        "150102880730303"         // legacy 15-digit number
    })
    void rejectsMalformedInputAsFormat(String value) {
        // when
        Result result = ResidentIdNumber.check(value, TODAY);

        // then
        assertThat(result.outcome()).isEqualTo(Outcome.FORMAT);
    }

    @Test
    void rejectsIdNumberWithWrongCheckDigit() {
        // given
        String valid = "11010519491231002X";

        for (char wrong : "0123456789".toCharArray()) {
            // when
            Result result = ResidentIdNumber.check(valid.substring(0, 17) + wrong, TODAY);

            // then
            assertThat(result.outcome()).as("check character %s", wrong).isEqualTo(Outcome.CHECKSUM);
        }
    }

    @Test
    void extractsCanonicalFormGenderAndBirthDateFromValidNumber() {
        // given the GB 11643-1999 example of a woman born on 1949-12-31
        String value = "11010519491231002X";

        // when
        Result result = ResidentIdNumber.check(value, TODAY);

        // then
        assertThat(result.isValid()).isTrue();
        assertThat(result.canonical()).isEqualTo(value);
        assertThat(result.gender()).isEqualTo('F');
        assertThat(result.birthYear()).isEqualTo(1949);
        assertThat(result.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
    }

    @Test
    void derivesMaleGenderFromOddSeventeenthDigit() {
        // given
        String value = idWith("500116", "19900101", "123");

        // when
        Result result = ResidentIdNumber.check(value, TODAY);

        // then
        assertThat(result.gender()).isEqualTo('M');
    }

    @Test
    void upperCasesLowerCaseCheckCharacterAndKeepsCanonicalInputAsIs() {
        // given
        String lower = "44011320141005001x";
        String upper = "44011320141005001X";

        // when
        Result fromLower = ResidentIdNumber.check(lower, TODAY);
        Result fromUpper = ResidentIdNumber.check(upper, TODAY);

        // then
        assertThat(fromLower.canonical()).isEqualTo(upper);
        assertThat(fromUpper.canonical()).isSameAs(upper);
    }

    @Test
    void acceptsAnyAddressCodeIncludingResidencePermitsAndUnknownCodes() {
        for (String address : List.of("810000", "820000", "830000", "000000", "999999")) {
            // given
            String value = idWith(address, "19991231", "002");

            // when
            Result result = ResidentIdNumber.check(value, TODAY);

            // then
            assertThat(result.outcome()).as(address).isEqualTo(Outcome.VALID);
        }
    }

    @Test
    void acceptsBirthDateOnTodayAndRejectsBirthDateAfterToday() {
        // given
        String bornToday = idWith("500116", TODAY.format(BASIC_DATE), "001");
        String bornTomorrow = idWith("500116", TODAY.plusDays(1).format(BASIC_DATE), "001");

        // when / then
        assertThat(ResidentIdNumber.check(bornToday, TODAY).outcome()).isEqualTo(Outcome.VALID);
        assertThat(ResidentIdNumber.check(bornTomorrow, TODAY).outcome()).isEqualTo(Outcome.BIRTH_DATE);
    }

    @Test
    void acceptsFirstOfJanuary1900AndRejectsEarlierBirthDates() {
        // given
        String earliest = idWith("500116", "19000101", "001");
        String tooEarly = idWith("500116", "18991231", "001");

        // when / then
        assertThat(ResidentIdNumber.check(earliest, TODAY).birthDate()).isEqualTo(LocalDate.of(1900, 1, 1));
        assertThat(ResidentIdNumber.check(tooEarly, TODAY).outcome()).isEqualTo(Outcome.BIRTH_DATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"19000229", "20230229", "20240431", "20241301", "20240001", "20240100", "20240132"})
    void rejectsBirthDateThatIsNotARealCalendarDate(String yyyymmdd) {
        // given a correct check digit, so only the date can be at fault
        String value = idWith("500116", yyyymmdd, "001");

        // when
        Result result = ResidentIdNumber.check(value, TODAY);

        // then
        assertThat(result.outcome()).isEqualTo(Outcome.BIRTH_DATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"20000229", "20240229", "19961231", "20250131"})
    void acceptsLeapDaysAndMonthEnds(String yyyymmdd) {
        // given
        String value = idWith("500116", yyyymmdd, "001");

        // when
        Result result = ResidentIdNumber.check(value, TODAY);

        // then
        assertThat(result.birthDate()).isEqualTo(LocalDate.parse(yyyymmdd, BASIC_DATE));
    }

    @Test
    void reportsChecksumRatherThanBirthDateWhenBothAreWrong() {
        // given month 13 and a deliberately wrong check digit
        String valid = idWith("500116", "20241301", "001");
        char wrong = valid.charAt(17) == '0' ? '1' : '0';
        String value = valid.substring(0, 17) + wrong;

        // when
        Result result = ResidentIdNumber.check(value, TODAY);

        // then
        assertThat(result.outcome()).isEqualTo(Outcome.CHECKSUM);
    }

    @Test
    void usesTheSystemDateWhenNoReferenceDateIsGiven() {
        // given: two days ahead stays in the future even if the test runs across midnight
        String bornToday = idWith("500116", LocalDate.now().format(BASIC_DATE), "001");
        String bornInTwoDays = idWith("500116", LocalDate.now().plusDays(2).format(BASIC_DATE), "001");

        // when / then
        assertThat(ResidentIdNumber.check(bornToday).outcome()).isEqualTo(Outcome.VALID);
        assertThat(ResidentIdNumber.check(bornInTwoDays).outcome()).isEqualTo(Outcome.BIRTH_DATE);
    }

    @Test
    void computesPublishedCheckDigits() {
        // when / then
        assertThat(ResidentIdNumber.checkDigit("11010519491231002")).isEqualTo('X');
        assertThat(ResidentIdNumber.checkDigit("44052418800101001")).isEqualTo('4');
        assertThat(ResidentIdNumber.checkDigit("36042619910101007")).isEqualTo('1');
        assertThat(ResidentIdNumber.checkDigit(new StringBuilder("82000020000910003"))).isEqualTo('2');
    }

    @Test
    void computesCheckDigitFromTheFirstSeventeenCharactersOfAFullNumber() {
        // when / then
        assertThat(ResidentIdNumber.checkDigit("11010519491231002X")).isEqualTo('X');
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1101051949123100", "1101051949123100X", "11010519491231 02"})
    void refusesToComputeCheckDigitForNonNumericOrShortInput(String first17) {
        // when / then
        assertThatIllegalArgumentException().isThrownBy(() -> ResidentIdNumber.checkDigit(first17));
    }

    @Test
    void validatesEveryGeneratedNumber() {
        for (String value : GENERATED) {
            // when
            Result result = ResidentIdNumber.check(value, TODAY);

            // then
            assertThat(result.outcome()).as(value).isEqualTo(Outcome.VALID);
            assertThat(result.canonical()).isEqualTo(value);
            assertThat(result.birthDate().format(BASIC_DATE)).isEqualTo(value.substring(6, 14));
            assertThat(result.birthYear()).isEqualTo(result.birthDate().getYear());
            assertThat(result.gender()).isEqualTo((value.charAt(16) - '0') % 2 == 1 ? 'M' : 'F');
        }
    }

    /**
     * Every weight of MOD 11-2 is non-zero modulo the prime 11, so changing one digit always changes
     * the checksum; since the checksum is tested before the date, the outcome is exactly CHECKSUM.
     */
    @Test
    void detectsEverySingleCharacterSubstitutionInGeneratedNumbers() {
        for (String value : GENERATED) {
            char[] chars = value.toCharArray();
            for (int position = 0; position < 18; position++) {
                char original = chars[position];
                String replacements = position < 17 ? "0123456789" : "0123456789X";
                for (char replacement : replacements.toCharArray()) {
                    if (replacement == original) {
                        continue;
                    }
                    // given
                    chars[position] = replacement;
                    String mutated = new String(chars);

                    // when
                    Outcome outcome = ResidentIdNumber.check(mutated, TODAY).outcome();

                    // then
                    assertThat(outcome).as("%s (position %d of %s)", mutated, position + 1, value)
                        .isEqualTo(Outcome.CHECKSUM);
                }
                chars[position] = original;
            }
        }
    }

    @Test
    void detectsEveryAdjacentTranspositionOfDistinctDigitsInGeneratedNumbers() {
        for (String value : GENERATED) {
            char[] chars = value.toCharArray();
            for (int position = 0; position < 16; position++) {
                if (chars[position] == chars[position + 1]) {
                    continue;
                }
                // given
                swap(chars, position);
                String mutated = new String(chars);
                swap(chars, position);

                // when
                Outcome outcome = ResidentIdNumber.check(mutated, TODAY).outcome();

                // then
                assertThat(outcome).as("%s (swap at %d of %s)", mutated, position + 1, value)
                    .isEqualTo(Outcome.CHECKSUM);
            }
        }
    }

    @Test
    void masksEighteenCharacterNumberKeepingRegionAndLastFour() {
        // when / then
        assertThat(ResidentIdNumber.mask("500116199001011234")).isEqualTo("500116********1234");
        assertThat(ResidentIdNumber.mask("44011320141005001x")).isEqualTo("440113********001x");
    }

    @Test
    void masksEighteenCharactersOutsideLatinOneAndWithSurrogatesByCodePoint() {
        // full-width digits (one char each) and a text of 18 chars but 17 code points
        assertThat(ResidentIdNumber.mask("５００１１６１９９００１０１１２３４")).isEqualTo("５００１１６********１２３４");
        assertThat(ResidentIdNumber.mask("50011619900101123\uD83D")).isEqualTo("500116********123\uD83D");
        assertThat(ResidentIdNumber.mask("5001161990010112\uD83D\uDE00")).isEqualTo("50**************\uD83D\uDE00");
        assertThat(ResidentIdNumber.mask("500116199001011é34")).isEqualTo("500116********1é34");
    }

    @Test
    void masksShorterAndLongerStringsWithoutRevealingTheMiddle() {
        // when / then
        assertThat(ResidentIdNumber.mask("5001161990010112345")).isEqualTo("500116*********2345");
        assertThat(ResidentIdNumber.mask("150102880730303")).isEqualTo("15************3");
        assertThat(ResidentIdNumber.mask("abcd")).isEqualTo("ab*d");
        assertThat(ResidentIdNumber.mask("abc")).isEqualTo("***");
        assertThat(ResidentIdNumber.mask("a")).isEqualTo("*");
        assertThat(ResidentIdNumber.mask("")).isEmpty();
        assertThat(ResidentIdNumber.mask(null)).isNull();
    }

    @Test
    void masksByCodePointSoSurrogatePairsStayIntact() {
        // given four supplementary characters (two chars each)
        String raw = "\uD83D\uDE00\uD83D\uDE01\uD83D\uDE02\uD83D\uDE03";

        // when
        String masked = ResidentIdNumber.mask(raw);

        // then
        assertThat(masked).isEqualTo("\uD83D\uDE00\uD83D\uDE01*\uD83D\uDE03");
    }

    @Test
    void neverRevealsTheBirthDateOfGeneratedNumbers() {
        for (String value : GENERATED) {
            // when
            String masked = ResidentIdNumber.mask(value);

            // then
            assertThat(masked).hasSameSizeAs(value)
                .startsWith(value.substring(0, 6))
                .endsWith(value.substring(14));
            assertThat(masked.substring(6, 14)).isEqualTo("********");
        }
    }

    private static String idWith(String address, String yyyymmdd, String sequence) {
        String first17 = address + yyyymmdd + sequence;
        return first17 + ResidentIdNumber.checkDigit(first17);
    }

    private static void swap(char[] chars, int position) {
        char tmp = chars[position];
        chars[position] = chars[position + 1];
        chars[position + 1] = tmp;
    }
}
