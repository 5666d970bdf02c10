package cq.talentwarehouse.reference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled seeds as the normalizer sees them. */
class ReferenceDataTests {

	private final ReferenceData reference = ReferenceData.bundled();

	@Test
	void mapsDistrictNameVariantsToTheirGbCode() {
		Districts districts = this.reference.districts();
		assertThat(districts.code("江津")).isEqualTo("500116");
		assertThat(districts.code("重庆市江津区")).isEqualTo("500116");
		assertThat(districts.code("秀山县")).isEqualTo("500241");
		assertThat(districts.code("秀山土家族苗族自治县")).isEqualTo("500241");
		assertThat(districts.code("黔江區")).isEqualTo("500114");
		assertThat(districts.code("500110")).isEqualTo("500110");
		assertThat(districts.code("两江新区")).isEqualTo("500157");
		assertThat(districts.code("某某区")).isNull();
	}

	@Test
	void knowsThirtyEightDivisionsBeforeAndThirtySevenAfterTheChangeOf2025() {
		assertThat(this.reference.districts().codes()).hasSize(39).contains("500105", "500112", "500157");
	}

	@Test
	void mapsQualificationTiersWithAnyQuoteStyle() {
		Vocabulary q = this.reference.vocabulary("qualification_types");
		assertThat(q.code("国家级专精特新“小巨人”企业")).isEqualTo("little_giant");
		assertThat(q.code("专精特新\"小巨人\"")).isEqualTo("little_giant");
		assertThat(q.code("小巨人")).isEqualTo("little_giant");
		assertThat(q.code("市级专精特新")).isEqualTo("specialized_sme");
		assertThat(q.code("重庆市小巨人")).isEqualTo("municipal_little_giant");
		assertThat(q.code("科技型中小企业")).isEqualTo("tech_sme");
		assertThat(q.code("优秀企业")).isNull();
	}

	@Test
	void readsTraditionalValuesThroughIcu() {
		assertThat(this.reference.vocabulary("talent_categories").code("專業技術人才")).isEqualTo("professional_technical");
		assertThat(this.reference.vocabulary("professional_titles").code("高級工程師")).isEqualTo("associate_senior");
		assertThat(this.reference.vocabulary("qualification_types").code("高新技術企業")).isEqualTo("high_tech");
	}

	@Test
	void neverGuessesAnUnknownValue() {
		assertThat(this.reference.vocabulary("talent_categories").code("志愿者")).isNull();
		assertThat(this.reference.vocabulary("education_levels").code("私塾")).isNull();
		assertThat(this.reference.vocabulary("platform_levels").code("乡镇级")).isNull();
	}

}
