package cq.talentwarehouse.normalize;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cq.talentwarehouse.reference.ReferenceData;
import cq.talentwarehouse.pipeline.SourceDefinition;
import cq.talentwarehouse.pipeline.SourceKind;
import cq.talentwarehouse.source.RawRecord;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Code and credit-code cells are remembered by their raw text: a repeated cell must give exactly
 * what it gave the first time — the same codes, or the same rule broken.
 */
class RecordNormalizerTests {

	private final RecordNormalizer normalizer = new RecordNormalizer("500116", SourceKind.ROSTER,
			new SourceDefinition("r.csv", null, null, null, null, Map.of(), Map.of()), ReferenceData.bundled(),
			new Pseudonymizer("record-normalizer-test".getBytes(StandardCharsets.US_ASCII)), LocalDate.of(2025, 1, 1));

	@Test
	void aRepeatedCellGivesTheSameCodesAsTheFirstTime() {
		StagedRecord first = process(2, "500116198001150010", "专业技术人才", " 大学本科 ", "91500116MAG31F0720");
		StagedRecord second = process(3, "500116199002030023", "专业技术人才", " 大学本科 ", "91500116MAG31F0720");

		assertThat(first.isAccepted()).isTrue();
		assertThat(second.isAccepted()).isTrue();
		// person_id, gender, birth_year, categories, education_code, title, skill, talent level, employer
		assertThat(second.values()[3]).isEqualTo(first.values()[3]).isEqualTo("professional_technical");
		assertThat(second.values()[4]).isEqualTo(first.values()[4]).isEqualTo("bachelor");
		assertThat(second.values()[8]).isEqualTo(first.values()[8]).isEqualTo("91500116MAG31F0720");
		assertThat(second.values()[0]).isNotEqualTo(first.values()[0]);
	}

	@Test
	void aRepeatedUnknownCategoryOrBrokenCreditCodeIsQuarantinedUnderTheSameRuleEachTime() {
		for (int line = 2; line <= 3; line++) {
			StagedRecord unknown = process(line, "500116198001150010", "外星人才", "大学本科", null);
			assertThat(unknown.rule()).isEqualTo(QuarantineRule.CATEGORY_UNKNOWN);
			assertThat(unknown.field()).isEqualTo("categories");
			assertThat(unknown.rawValue()).isEqualTo("外星人才");
		}
		for (int line = 4; line <= 5; line++) {
			StagedRecord broken = process(line, "500116198001150010", "专业技术人才", "大学本科", "91500116MAG31F0721");
			assertThat(broken.rule()).isEqualTo(QuarantineRule.USCC_CHECKSUM);
			assertThat(broken.field()).isEqualTo("employer_uscc");
			assertThat(broken.rawValue()).isEqualTo("91500116MAG31F0721");
		}
	}

	private StagedRecord process(long line, String id, String categories, String education, String employer) {
		return this.normalizer.process(new RawRecord(line,
				new String[] { id, "张三", categories, education, null, null, null, employer, null }));
	}

}
