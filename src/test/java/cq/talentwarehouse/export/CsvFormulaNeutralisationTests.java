package cq.talentwarehouse.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cq.talentwarehouse.load.DuckDb;

import static cq.talentwarehouse.export.TestWarehouses.execute;
import static cq.talentwarehouse.export.TestWarehouses.roster;
import static org.assertj.core.api.Assertions.assertThat;

/** Text a spreadsheet would run as a formula comes out inert; numbers stay numbers. */
class CsvFormulaNeutralisationTests {

	@TempDir
	Path dir;

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = { "=1+1|'=1+1", "+86 23|'+86 23", "-2|'-2", "@SUM(A1)|'@SUM(A1)",
			"江津区|江津区", "a=b|a=b", "'quoted|'quoted" })
	void prefixesTextStartingWithAFormulaCharacterWithASingleQuote(String cell, String expected) {
		// when
		String neutralised = FormulaGuard.neutralise(cell);

		// then
		assertThat(neutralised).isEqualTo(expected);
	}

	@Test
	void prefixesTabAndCarriageReturnButLeavesEmptyAndNullAlone() {
		assertThat(FormulaGuard.neutralise("\t=cmd")).isEqualTo("'\t=cmd");
		assertThat(FormulaGuard.neutralise("\r=cmd")).isEqualTo("'\r=cmd");
		assertThat(FormulaGuard.neutralise("")).isEmpty();
		assertThat(FormulaGuard.neutralise(null)).isNull();
	}

	@Test
	void csvExportNeutralisesFormulaTextButLeavesNegativeNumbersAlone() throws Exception {
		// given: a district name that is a formula, and a talent total that fell by 10%
		Path warehouse = TestWarehouses.migrated(this.dir.resolve("talent.duckdb"));
		execute(warehouse, roster("500116", "2022-12-31", 1, 110, "professional_technical"));
		execute(warehouse, roster("500116", "2023-12-31", 1, 99, "professional_technical"));
		execute(warehouse, "update dw.dim_district set district_name = '=HYPERLINK(\"http://example.invalid\",\"江津\")'"
				+ " where district_code = '500116'");
		Path out = this.dir.resolve("export");

		// when
		try (Connection c = DuckDb.openReadOnly(warehouse)) {
			Exporter.export(c, warehouse, Exporter.Format.csv, out);
		}

		// then
		Map<String, String> latest = row(out.resolve("district_talent_history.csv"), "snapshot_date", "2023-12-31");
		assertThat(latest.get("district_name")).isEqualTo("'=HYPERLINK(\"http://example.invalid\",\"江津\")");
		assertThat(latest.get("talent_total_yoy_growth_pct")).isEqualTo("-10.0");
		assertThat(latest.get("talent_total")).isEqualTo("99");
		assertThat(Files.readString(out.resolve("district_talent_totals.csv"))).doesNotContain(",=HYPERLINK");
	}

	private static Map<String, String> row(Path csv, String keyColumn, String key) throws Exception {
		List<CSVRecord> records = ExporterTests.csv(csv);
		List<String> header = records.get(0).toList();
		for (CSVRecord record : records.subList(1, records.size())) {
			Map<String, String> row = header.stream()
				.collect(Collectors.toMap(Function.identity(), (h) -> record.get(header.indexOf(h))));
			if (row.get(keyColumn).equals(key)) {
				return row;
			}
		}
		throw new AssertionError("no row with " + keyColumn + " = " + key + " in " + csv);
	}

}
