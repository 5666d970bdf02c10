package cq.talentwarehouse.normalize;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StagedRecordTests {

	@Test
	void anAcceptedPersonIsShownAsADuplicateByTheMaskedIdNumberAndNeverPrintsItWhole() {
		// given an accepted roster record holding its canonical ID number for the duplicate check
		StagedRecord record = StagedRecord.person(7, new String[] { "0123456789abcdef0123456789abcdef", "F", "1980" },
				"50011619800115000X", 0x0123456789abcdefL, 0x0123456789abcdefL);

		// when it is shown as a duplicate or printed, then the ID number is masked
		assertThat(record.duplicateShownAs()).isEqualTo("500116********000X");
		assertThat(record.toString()).contains("500116********000X").doesNotContain("50011619800115000X");
	}

	@Test
	void aRecordWithoutAnIdNumberLeavesItsDuplicateLabelToTheWriter() {
		// given an accepted enterprise record (no ID number), when it is shown as a duplicate, then there
		// is no label of its own: the staging writer shows its duplicate key instead
		assertThat(StagedRecord.accepted(3, new String[] { "91500116MA5U00000X" }).duplicateShownAs()).isNull();
	}

}
