package cq.talentwarehouse.source;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import cq.talentwarehouse.pipeline.SourceDefinition;
import cq.talentwarehouse.pipeline.SourceKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The xlsx reader's contract beyond the golden fixtures: restart, exact numbers, clear failures. */
class XlsxSourceReaderTests {

	private static final String ROSTER = """
			file: r.xlsx
			format: xlsx
			columns:
			  id_number: 身份证号码
			  name: 姓名
			  categories: 人才类别
			""";

	@TempDir
	Path dir;

	@Test
	void resumesAfterTheRecordsAnEarlierAttemptCommitted() throws Exception {
		// given: five people below a title row; an earlier attempt committed two
		QuirkWorkbooks.workbook(this.dir.resolve("r.xlsx"), (wb) -> {
			Worksheet ws = wb.newWorksheet("Sheet1");
			ws.value(0, 0, "人才名册");
			row(ws, 1, "身份证号码", "姓名", "人才类别");
			for (int i = 0; i < 5; i++) {
				row(ws, 2 + i, QuirkWorkbooks.id("5001161990010100" + i), "人" + i, "专业技术人才");
			}
		});
		ExecutionContext context = new ExecutionContext();
		context.putLong("records.read", 2);

		// when
		List<RawRecord> rest = readAll(reader(ROSTER), context);

		// then: Excel rows 5-7, and the count saved covers all five
		assertThat(rest).extracting(RawRecord::line).containsExactly(5L, 6L, 7L);
		assertThat(rest.get(0).values()[1]).isEqualTo("人2");
		assertThat(context.getLong("records.read")).isEqualTo(5);
	}

	@Test
	void keepsEveryDigitOfNumbersAndWritesThemPlainly() throws Exception {
		// given: an ID typed into a number cell with all 18 digits stored, and numbers Excel keeps as
		// doubles
		String id = QuirkWorkbooks.id("50011619800115000");
		QuirkWorkbooks.workbook(this.dir.resolve("r.xlsx"), (wb) -> {
			Worksheet ws = wb.newWorksheet("Sheet1");
			row(ws, 0, "身份证号码", "姓名", "人才类别");
			ws.value(1, 0, new BigDecimal(id));
			ws.value(1, 1, 1500.0);
			ws.value(1, 2, 2.50);
			ws.value(2, 0, 1.0E20);
			ws.value(2, 1, true);
			ws.value(2, 2, -0.125);
		});

		// when
		List<RawRecord> records = readAll(reader(ROSTER), new ExecutionContext());

		// then
		assertThat(records.get(0).values()).startsWith(id, "1500", "2.5");
		assertThat(records.get(1).values()).startsWith("100000000000000000000", "TRUE", "-0.125");
	}

	@Test
	void failsNamingTheRowClosestToAHeaderWhenNoneHoldsEveryMappedColumn() throws Exception {
		// given: the category column is headed 类别, not 人才类别
		QuirkWorkbooks.workbook(this.dir.resolve("r.xlsx"), (wb) -> {
			Worksheet ws = wb.newWorksheet("名册");
			ws.value(0, 0, "人才名册（2023年）");
			row(ws, 2, "身份证号码", "姓名", "类别");
			row(ws, 3, QuirkWorkbooks.id("50011619800115000"), "甲", "专业技术人才");
		});

		// when / then
		assertThatThrownBy(() -> readAll(reader(ROSTER), new ExecutionContext())).isInstanceOf(SourceException.class)
			.hasMessage(this.dir.resolve("r.xlsx") + " (sheet '名册', no header in the first 20 rows; row 3 comes closest):"
					+ " no column for 人才类别 (categories); looked for [人才类别], it has [身份证号码, 姓名, 类别]");
	}

	@Test
	void failsWhenTheGivenHeaderRowIsEmptyOrNoRecordFollows() throws Exception {
		// given
		QuirkWorkbooks.workbook(this.dir.resolve("r.xlsx"), (wb) -> {
			Worksheet ws = wb.newWorksheet("Sheet1");
			row(ws, 0, "身份证号码", "姓名", "人才类别");
			ws.style(1, 0).bold().set();
		});

		// when / then
		assertThatThrownBy(() -> readAll(reader(ROSTER + "header_row: 3\n"), new ExecutionContext()))
			.hasMessageEndingWith("r.xlsx (sheet 'Sheet1'): header row 3 is empty");
		assertThatThrownBy(() -> readAll(reader(ROSTER), new ExecutionContext()))
			.hasMessageEndingWith("r.xlsx (sheet 'Sheet1', header row 1): the sheet has a header but no records");
	}

	@Test
	void refusesAnOldOrEncryptedWorkbookWithAdviceInsteadOfAZipError() throws Exception {
		// given: the OLE2 signature .xls files and password-protected workbooks start with
		Files.write(this.dir.resolve("r.xlsx"), new byte[] { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1,
				(byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0, 0, 0 });

		// when / then
		assertThatThrownBy(() -> readAll(reader(ROSTER), new ExecutionContext())).isInstanceOf(SourceException.class)
			.hasMessageContaining("r.xlsx: is an Excel 97-2003 (.xls) or password-protected workbook");
	}

	@Test
	void findsTheSheetWhateverItsTabsSpacingAndFailsWhenTheFileIsMissing() throws Exception {
		// given
		QuirkWorkbooks.workbook(this.dir.resolve("r.xlsx"), (wb) -> {
			wb.newWorksheet("说明").value(0, 0, "见下页");
			Worksheet ws = wb.newWorksheet(" 人才 名单 ");
			row(ws, 0, "身份证号码", "姓名", "人才类别");
			row(ws, 1, QuirkWorkbooks.id("50011619800115000"), "甲", "专业技术人才");
		});

		// when
		List<RawRecord> records = readAll(reader(ROSTER + "sheet: 人才名单\n"), new ExecutionContext());

		// then
		assertThat(records).hasSize(1);
		Files.delete(this.dir.resolve("r.xlsx"));
		assertThatThrownBy(() -> readAll(reader(ROSTER), new ExecutionContext()))
			.hasMessage(this.dir.resolve("r.xlsx") + ": file not found in the snapshot folder");
	}

	private static void row(Worksheet ws, int row, String... values) {
		for (int c = 0; c < values.length; c++) {
			ws.value(row, c, values[c]);
		}
	}

	private XlsxSourceReader reader(String yaml) throws Exception {
		SourceDefinition source = new ObjectMapper(new YAMLFactory()).readValue(yaml, SourceDefinition.class);
		return new XlsxSourceReader(this.dir.resolve(source.file()), SourceKind.ROSTER, source);
	}

	static List<RawRecord> readAll(org.springframework.batch.infrastructure.item.ItemStreamReader<RawRecord> reader,
			ExecutionContext context) throws Exception {
		List<RawRecord> records = new ArrayList<>();
		try {
			reader.open(context);
			RawRecord record;
			while ((record = reader.read()) != null) {
				records.add(new RawRecord(record.line(), Arrays.copyOf(record.values(), record.values().length)));
			}
			reader.update(context);
		}
		finally {
			reader.close();
		}
		return records;
	}

}
