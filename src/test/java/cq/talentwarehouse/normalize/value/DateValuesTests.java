package cq.talentwarehouse.normalize.value;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class DateValuesTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			2023-12-31     | 2023-12-31
			2023/12/31     | 2023-12-31
			2023.12.31     | 2023-12-31
			2023年12月31日  | 2023-12-31
			2023年12月      | 2023-12-31
			2024年2月       | 2024-02-29
			2023.12        | 2023-12-31
			2023-6         | 2023-06-30
			202312         | 2023-12-31
			20231231       | 2023-12-31
			２０２３年１２月  | 2023-12-31
			2023           | 2023-12-31
			45291          | 2023-12-31
			' 2022年6月 '   | 2022-06-30
			""")
	void readsDatesAsDistrictsWriteThem(String raw, LocalDate expected) {
		assertThat(DateValues.parse(raw)).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "2023年13月", "2023-02-30", "20231332", "十二月", "2023-12-31-01", "12/31/2023", "99", "" })
	void returnsNullForTextThatIsNoDate(String raw) {
		assertThat(DateValues.parse(raw)).isNull();
	}

}
