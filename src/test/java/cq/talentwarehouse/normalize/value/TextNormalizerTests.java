package cq.talentwarehouse.normalize.value;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextNormalizerTests {

	@Test
	void foldsFullWidthDigitsLettersAndSpaces() {
		assertThat(TextNormalizer.clean("５００１１６１９８００１１５０００Ｘ")).isEqualTo("50011619800115000X");
		assertThat(TextNormalizer.clean("　江津区　")).isEqualTo("江津区");
	}

	@Test
	void dropsInvisibleCharactersAndBlankCells() {
		assertThat(TextNormalizer.clean("\uFEFF姓名\u200B")).isEqualTo("姓名");
		assertThat(TextNormalizer.clean(" \t ")).isNull();
		assertThat(TextNormalizer.clean(null)).isNull();
	}

	@Test
	void keyIgnoresInnerSpacesAndEveryKindOfQuote() {
		assertThat(TextNormalizer.key("专精特新 \"小巨人\""))
			.isEqualTo(TextNormalizer.key("专精特新“小巨人”"))
			.isEqualTo("专精特新小巨人");
		assertThat(TextNormalizer.key("身份证　号码")).isEqualTo("身份证号码");
	}

}
