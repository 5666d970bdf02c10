package cq.talentwarehouse.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import cq.talentwarehouse.validate.SocialCreditCode.Outcome;
import cq.talentwarehouse.validate.SocialCreditCode.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SocialCreditCodeTests {

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static final List<String> GENERATED = new ArrayList<>();

    @BeforeAll
    static void generateValidCodes() {
        // Fixed seed: a failure must be reproducible from the test output alone.
        Random random = new Random(32100_2015L);
        StringBuilder first17 = new StringBuilder(17);
        for (int i = 0; i < 1_000; i++) {
            first17.setLength(0);
            for (int j = 0; j < 17; j++) {
                first17.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            GENERATED.add(first17.toString() + SocialCreditCode.checkCharacter(first17));
        }
    }

    @ParameterizedTest(name = "{0} is {1} [{2}]")
    @CsvFileSource(resources = "/validate/uscc_vectors.csv", numLinesToSkip = 1)
    void classifiesPublishedVectorsAsTheirSourcesDo(String value, Outcome expected, String source) {
        // when
        Result result = SocialCreditCode.check(value);

        // then
        assertThat(result.outcome()).as(source).isEqualTo(expected);
        if (expected == Outcome.VALID) {
            assertThat(result.canonical()).isEqualTo(value);
        } else {
            assertThat(result.canonical()).isNull();
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    void reportsMissingForNullOrEmptyInput(String value) {
        // when
        Result result = SocialCreditCode.check(value);

        // then
        assertThat(result.outcome()).isEqualTo(Outcome.MISSING);
        assertThat(result.isValid()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "91350100M000100Y4",
        "91350100M000100Y433",
        "91350100I000100Y43",
        "91350100O000100Y43",
        "91350100S000100Y43",
        "91350100V000100Y43",
        "91350100Z000100Y43",
        "91350100i000100Y43",
        "91350100M000100YZ3",
        "91350100M000100Y4Z",
        "91350100M-00100Y43",
        "91350100M000100Y4３",
        "９1350100M000100Y43"
    })
    void rejectsWrongLengthOrCharactersOutsideTheAlphabetAsFormat(String value) {
        // when
        Result result = SocialCreditCode.check(value);

        // then
        assertThat(result.outcome()).isEqualTo(Outcome.FORMAT);
    }

    @Test
    void rejectsCodeWithWrongCheckCharacter() {
        // given the GB 32100-2015 example, whose check character is 3
        String first17 = "91350100M000100Y4";

        for (char wrong : ALPHABET.toCharArray()) {
            if (wrong == '3') {
                continue;
            }
            // when
            Result result = SocialCreditCode.check(first17 + wrong);

            // then
            assertThat(result.outcome()).as("check character %s", wrong).isEqualTo(Outcome.CHECKSUM);
        }
    }

    @Test
    void acceptsLowerCaseInputAndReturnsUpperCaseCanonicalForm() {
        // given
        String lower = "91350100m000100y43";

        // when
        Result result = SocialCreditCode.check(lower);

        // then
        assertThat(result.outcome()).isEqualTo(Outcome.VALID);
        assertThat(result.canonical()).isEqualTo("91350100M000100Y43");
    }

    @Test
    void returnsUpperCaseInputItselfAsCanonicalForm() {
        // given
        String upper = "91350100M000100Y43";

        // when
        Result result = SocialCreditCode.check(upper);

        // then
        assertThat(result.canonical()).isSameAs(upper);
    }

    @Test
    void acceptsAnyAlphabetCharacterAsRegistrationAuthority() {
        for (char authority : ALPHABET.toCharArray()) {
            // given
            String first17 = authority + "1500105MA5UM6TF7";
            String value = first17 + SocialCreditCode.checkCharacter(first17);

            // when
            Result result = SocialCreditCode.check(value);

            // then
            assertThat(result.outcome()).as(value).isEqualTo(Outcome.VALID);
        }
    }

    @Test
    void computesPublishedCheckCharacters() {
        // when / then
        assertThat(SocialCreditCode.checkCharacter("91350100M000100Y4")).isEqualTo('3');
        assertThat(SocialCreditCode.checkCharacter("91500105MA5UM6TF7")).isEqualTo('1');
        assertThat(SocialCreditCode.checkCharacter("91110000600037341")).isEqualTo('L');
        assertThat(SocialCreditCode.checkCharacter(new StringBuilder("9144030071526726X"))).isEqualTo('G');
    }

    @Test
    void computesCheckCharacterZeroWhenTheWeightedSumIsAMultipleOf31() {
        // when / then: the published code 913502006120495420 ends in 0
        assertThat(SocialCreditCode.checkCharacter("91350200612049542")).isEqualTo('0');
    }

    @Test
    void computesCheckCharacterFromLowerCaseOrFullCode() {
        // when / then
        assertThat(SocialCreditCode.checkCharacter("91350100m000100y4")).isEqualTo('3');
        assertThat(SocialCreditCode.checkCharacter("91350100M000100Y43")).isEqualTo('3');
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "91350100M000100Y", "91350100M000100I4", "91350100M000100 4"})
    void refusesToComputeCheckCharacterForShortInputOrCharactersOutsideTheAlphabet(String first17) {
        // when / then
        assertThatIllegalArgumentException().isThrownBy(() -> SocialCreditCode.checkCharacter(first17));
    }

    @Test
    void validatesEveryGeneratedCodeInUpperAndLowerCase() {
        for (String value : GENERATED) {
            // when
            Result upper = SocialCreditCode.check(value);
            Result lower = SocialCreditCode.check(value.toLowerCase(Locale.ROOT));

            // then
            assertThat(upper.outcome()).as(value).isEqualTo(Outcome.VALID);
            assertThat(upper.canonical()).isEqualTo(value);
            assertThat(lower.canonical()).isEqualTo(value);
        }
    }

    /**
     * Every weight is non-zero modulo the prime 31, so substituting one alphabet character for
     * another always changes the checksum; substituting a character outside the alphabet is a
     * format error.
     */
    @Test
    void detectsEverySingleCharacterSubstitutionInGeneratedCodes() {
        for (String value : GENERATED) {
            char[] chars = value.toCharArray();
            for (int position = 0; position < 18; position++) {
                char original = chars[position];
                for (char replacement : (ALPHABET + "IOSVZ").toCharArray()) {
                    if (replacement == original) {
                        continue;
                    }
                    // given
                    chars[position] = replacement;
                    String mutated = new String(chars);

                    // when
                    Outcome outcome = SocialCreditCode.check(mutated).outcome();

                    // then
                    Outcome expected = ALPHABET.indexOf(replacement) >= 0 ? Outcome.CHECKSUM : Outcome.FORMAT;
                    assertThat(outcome).as("%s (position %d of %s)", mutated, position + 1, value)
                        .isEqualTo(expected);
                }
                chars[position] = original;
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "91350100M000100Y43",
        "91110000600037341L",
        "9144030071526726XG",
        "92340602MA2PBMEM24",
        "92340603MA2PBMCG0U",
        "92340621MA2UK3PJXE"
    })
    void recognisesValidOrganizationCodeInPublishedCodes(String value) {
        // when / then
        assertThat(SocialCreditCode.hasValidOrganizationCode(value)).isTrue();
    }

    @Test
    void keepsOrganizationCodeCheckOutOfTheMainCheck() {
        // given a valid code whose organisation check character (position 17) is altered and whose
        // credit-code check character is then recomputed
        String first17 = "91350100M000100Y" + "5";
        String value = first17 + SocialCreditCode.checkCharacter(first17);

        // when
        Result result = SocialCreditCode.check(value);

        // then
        assertThat(result.outcome()).isEqualTo(Outcome.VALID);
        assertThat(SocialCreditCode.hasValidOrganizationCode(result.canonical())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "91350100M000100Y4", "91350100m000100y43", "91350100M00010-Y43"})
    void reportsNoValidOrganizationCodeForMalformedInput(String value) {
        // when / then
        assertThat(SocialCreditCode.hasValidOrganizationCode(value)).isFalse();
        assertThat(SocialCreditCode.hasValidOrganizationCode(null)).isFalse();
    }
}
