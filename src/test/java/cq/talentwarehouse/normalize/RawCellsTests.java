package cq.talentwarehouse.normalize;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RawCellsTests {

	@Test
	void aCellIsFoundByItsTextNotOnlyByTheSameInstance() {
		// given a remembered cell
		RawCells cells = new RawCells();
		cells.remember("大学本科", "bachelor");

		// when the same text comes as another String instance, then it gives the same result
		assertThat(cells.get(new String("大学本科".toCharArray()))).isEqualTo("bachelor");
		assertThat(cells.get("硕士研究生")).isNull();
	}

	@Test
	void remembersEveryCellUpToTheLimitAcrossGrowthAndNoMore() {
		// given more distinct cells than the limit
		RawCells cells = new RawCells();
		for (int i = 0; i < FieldRule.CACHE_LIMIT + 100; i++) {
			cells.remember("cell " + i, "code " + i);
		}

		// then the first CACHE_LIMIT are all there with their results, the rest are not
		assertThat(cells.size()).isEqualTo(FieldRule.CACHE_LIMIT);
		for (int i = 0; i < FieldRule.CACHE_LIMIT; i++) {
			assertThat(cells.get("cell " + i)).isEqualTo("code " + i);
		}
		assertThat(cells.get("cell " + FieldRule.CACHE_LIMIT)).isNull();
	}

	@Test
	void rememberingACellAgainReplacesWhatItGave() {
		RawCells cells = new RawCells();
		cells.remember("x", FieldRule.UNKNOWN);
		cells.remember("x", "code");

		assertThat(cells.get("x")).isEqualTo("code");
		assertThat(cells.size()).isEqualTo(1);
	}

}
