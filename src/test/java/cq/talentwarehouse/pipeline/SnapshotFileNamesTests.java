package cq.talentwarehouse.pipeline;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotFileNamesTests {

	@Test
	void fillsTheDatePlaceholderInEachForm() {
		LocalDate date = LocalDate.of(2023, 12, 31);
		assertThat(SnapshotFileNames.resolve("花名册_{yyyyMMdd}.csv", date)).isEqualTo("花名册_20231231.csv");
		assertThat(SnapshotFileNames.resolve("roster-{yyyy-MM-dd}.xlsx", date)).isEqualTo("roster-2023-12-31.xlsx");
		assertThat(SnapshotFileNames.resolve("企业{yyyyMM}.csv", date)).isEqualTo("企业202312.csv");
	}

	@Test
	void readsTheDateBackFromMatchingFileNamesOnly() {
		assertThat(SnapshotFileNames.dateOf("花名册_{yyyyMMdd}.csv", "花名册_20231231.csv")).isEqualTo("2023-12-31");
		assertThat(SnapshotFileNames.dateOf("企业{yyyyMM}.csv", "企业202402.csv")).isEqualTo("2024-02-29");
		assertThat(SnapshotFileNames.dateOf("xs_{yyyyMMdd}_page_*.json", "xs_20210831_page_003.json"))
			.isEqualTo("2021-08-31");
		assertThat(SnapshotFileNames.dateOf("花名册_{yyyyMMdd}.csv", "花名册_20231331.csv")).isNull();
		assertThat(SnapshotFileNames.dateOf("花名册_{yyyyMMdd}.csv", "花名册_20231231.csv.bak")).isNull();
		assertThat(SnapshotFileNames.dateOf("花名册.csv", "花名册.csv")).isNull();
	}

}
