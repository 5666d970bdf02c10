package cq.talentwarehouse.source;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import cq.talentwarehouse.validate.ResidentIdNumber;
import cq.talentwarehouse.validate.SocialCreditCode;

/**
 * Writes the .xlsx golden fixtures under {@code src/test/resources/quirks/} (the CSV and JSON ones
 * come from {@code make_fixtures.py}): each folder's workbook, pipeline and README. Run its
 * {@code main} from the project root after changing a case, then run {@code SourceQuirkGoldenTests}
 * with {@code -Dgolden.update=true} and read the diff. Also used by {@code XlsxSourceReaderTests}
 * to build workbooks.
 */
final class QuirkWorkbooks {

	private static final Path QUIRKS = Path.of("src/test/resources/quirks");

	private QuirkWorkbooks() {
	}

	public static void main(String[] args) throws IOException {
		titleRowMerged();
		headerRowOffset();
		serialDates();
		numbersAndText();
		trailingEmptyRows();
		missingSheet();
		notAWorkbook();
	}

	static String id(String first17) {
		return first17 + ResidentIdNumber.checkDigit(first17);
	}

	static String uscc(String first17) {
		return first17 + SocialCreditCode.checkCharacter(first17);
	}

	/** A workbook written by fastexcel, as district offices' spreadsheet programs write them. */
	interface Sheets {

		void write(Workbook workbook) throws IOException;

	}

	static void workbook(Path file, Sheets sheets) throws IOException {
		Files.createDirectories(file.getParent());
		try (OutputStream out = Files.newOutputStream(file)) {
			Workbook workbook = new Workbook(out, "QuirkWorkbooks", null);
			sheets.write(workbook);
			workbook.finish();
		}
	}

	private static void texts(Worksheet sheet, int row, String... values) {
		for (int c = 0; c < values.length; c++) {
			if (values[c] != null) {
				sheet.value(row, c, values[c]);
			}
		}
	}

	private static void quirk(String name, String pipeline, String readme) throws IOException {
		Path dir = QUIRKS.resolve(name);
		Files.createDirectories(dir.resolve("data"));
		Files.writeString(dir.resolve("pipeline.yaml"), pipeline, StandardCharsets.UTF_8);
		Files.writeString(dir.resolve("README.md"), readme, StandardCharsets.UTF_8);
	}

	private static void titleRowMerged() throws IOException {
		quirk("xlsx_title_row_merged", """
				district: "500110"
				landing: x
				sources:
				  enterprise:
				    file: e.xlsx
				    format: xlsx
				    columns:
				      uscc: 社会信用代码
				      enterprise_name: 企业名称
				      qualification: 资质名称
				""", """
				A workbook as 綦江 keeps its list: a title merged across the table in row 1, a note merged
				below it, the header in row 3 — found without a `header_row` setting, as the first row
				holding every mapped header. Record lines are Excel row numbers (4, 5); the 序号 column
				holds numbers and is not mapped.
				""");
		workbook(QUIRKS.resolve("xlsx_title_row_merged/data/e.xlsx"), (wb) -> {
			Worksheet ws = wb.newWorksheet("Sheet1");
			ws.value(0, 0, "綦江区专精特新企业名单（截至2021年8月）");
			ws.range(0, 0, 0, 3).merge();
			ws.value(1, 0, "填报单位：綦江区经济和信息化委员会");
			ws.range(1, 0, 1, 3).merge();
			texts(ws, 2, "序号", "企业名称", "社会信用代码", "资质名称");
			ws.value(3, 0, 1);
			texts(ws, 3, null, "重庆綦齿传动有限公司", uscc("91500110MA5U10001"), "专精特新中小企业");
			ws.value(4, 0, 2);
			texts(ws, 4, null, "重庆綦江鑫源机械有限公司", uscc("91500110MA5U10002"), "科技型企业");
		});
	}

	private static void headerRowOffset() throws IOException {
		quirk("xlsx_header_row_offset", """
				district: "500110"
				landing: x
				sources:
				  platform:
				    file: p.xlsx
				    format: xlsx
				    sheet: 平台名单
				    header_row: 4
				    columns:
				      platform_name: 名称
				      platform_type: 类型
				      platform_level: 级别
				""", """
				The sheet is chosen by name (the workbook's first sheet is a 说明 page) and the header is
				row 4, as `header_row` says; rows 1-3 hold a title, a date and an empty row.
				""");
		workbook(QUIRKS.resolve("xlsx_header_row_offset/data/p.xlsx"), (wb) -> {
			Worksheet about = wb.newWorksheet("说明");
			texts(about, 0, "名称", "类型", "级别");
			texts(about, 1, "填表说明：类型按市科技局口径填写", "", "");
			Worksheet ws = wb.newWorksheet("平台名单");
			ws.value(0, 0, "綦江区科技创新平台名单");
			ws.value(1, 0, "统计截至：2021年8月");
			texts(ws, 3, "名称", "类型", "级别");
			texts(ws, 4, "重庆市齿轮传动重点实验室", "市级重点实验室", "市级");
			texts(ws, 5, "綦江区青年创新创业孵化基地", "科技企业孵化器", "区级");
		});
	}

	private static void serialDates() throws IOException {
		quirk("xlsx_serial_dates", """
				district: "500116"
				landing: x
				sources:
				  enterprise:
				    file: e.xlsx
				    format: xlsx
				    columns:
				      uscc: 统一社会信用代码
				      enterprise_name: 企业名称
				      qualification: 资质
				      granted_date: 认定时间
				""", """
				Dates as Excel stores them: serial numbers in a date format (yyyy-mm-dd; yyyy年m月d日; a
				date with a time of day, which is dropped) come out as ISO dates; the serial 45291 in a
				General cell stays a number (the warehouse reads a 5-digit serial as a date, 2023-12-31);
				20220615 in a number cell and 2022年6月 as text are read as written.
				""");
		workbook(QUIRKS.resolve("xlsx_serial_dates/data/e.xlsx"), (wb) -> {
			Worksheet ws = wb.newWorksheet("Sheet1");
			texts(ws, 0, "统一社会信用代码", "企业名称", "资质", "认定时间");
			String a = uscc("91500116MA5U00001");
			String[] names = { "甲公司", "乙公司", "丙公司", "丁公司", "戊公司", "己公司" };
			for (int r = 1; r <= 6; r++) {
				texts(ws, r, a, names[r - 1], "科技型企业");
			}
			ws.value(1, 3, LocalDate.of(2022, 6, 15));
			ws.style(1, 3).format("yyyy-mm-dd").set();
			ws.value(2, 3, LocalDate.of(2021, 3, 1));
			// fastexcel's writer leaves quotes in a format code unescaped, so the literals go unquoted
			ws.style(2, 3).format("yyyy年m月d日").set();
			ws.value(3, 3, LocalDateTime.of(2020, 12, 14, 14, 30));
			ws.style(3, 3).format("yyyy/m/d h:mm").set();
			ws.value(4, 3, 45291);
			ws.value(5, 3, 20220615);
			ws.value(6, 3, "2022年6月");
		});
	}

	private static void numbersAndText() throws IOException {
		quirk("xlsx_numbers_and_text", """
				district: "500116"
				landing: x
				sources:
				  roster:
				    file: r.xlsx
				    format: xlsx
				    columns:
				      id_number: 身份证号码
				      name: 姓名
				      categories: 人才类别
				      employer_uscc: 单位信用代码
				""", """
				Numbers stored as text and text stored as numbers. ID numbers: as text (line 2); typed into a
				number cell whose stored value keeps all 18 digits — read exactly, never through a double
				(line 3); stored as a double, as Excel itself keeps numbers (15 significant digits): the
				digits are already lost in the workbook, and the check digit quarantines it instead of
				loading a wrong person (line 4). A credit code stays text; an empty-string cell and a
				missing cell are both empty.
				""");
		String a = id("50011619800115000");
		String b = id("50011619900220001");
		String c = id("50011619850101100");
		workbook(QUIRKS.resolve("xlsx_numbers_and_text/data/r.xlsx"), (wb) -> {
			Worksheet ws = wb.newWorksheet("Sheet1");
			texts(ws, 0, "身份证号码", "姓名", "人才类别", "单位信用代码");
			texts(ws, 1, a, "张三", "专业技术人才", uscc("91500116MA5U00001"));
			ws.value(2, 0, new BigDecimal(b));
			texts(ws, 2, null, "李四", "高技能人才", "");
			ws.value(3, 0, Double.parseDouble(c));
			texts(ws, 3, null, "王五", "企业经营管理人才", null);
		});
	}

	private static void trailingEmptyRows() throws IOException {
		quirk("xlsx_trailing_empty_rows", """
				district: "500241"
				landing: x
				sources:
				  roster:
				    file: r.xlsx
				    format: xlsx
				    columns:
				      id_number: 证件号码
				      name: 姓名
				      categories: 人才分类
				""", """
				Blank rows are skipped wherever they are: a formatted empty row and a row of empty strings
				inside the table, and formatted rows left empty below it (Excel keeps them after rows are
				cleared). The records keep their Excel row numbers (2 and 5).
				""");
		workbook(QUIRKS.resolve("xlsx_trailing_empty_rows/data/r.xlsx"), (wb) -> {
			Worksheet ws = wb.newWorksheet("花名册");
			texts(ws, 0, "证件号码", "姓名", "人才分类");
			texts(ws, 1, id("50024119900101000"), "甲", "专业技术人才");
			ws.style(2, 0).bold().set();
			ws.style(2, 1).bold().set();
			texts(ws, 3, "", " ", "");
			texts(ws, 4, id("50024119900201001"), "乙", "高技能人才");
			for (int r = 5; r < 12; r++) {
				for (int c = 0; c < 3; c++) {
					ws.style(r, c).borderStyle("thin").set();
				}
			}
		});
	}

	private static void missingSheet() throws IOException {
		quirk("error_xlsx_missing_sheet", """
				district: "500116"
				landing: x
				sources:
				  roster:
				    file: r.xlsx
				    format: xlsx
				    sheet: 人才名单
				    columns:
				      id_number: 身份证号码
				      name: 姓名
				      categories: 人才类别
				""", """
				The pipeline names a sheet the workbook does not have: the source fails naming the sheets it
				has, instead of reading another one.
				""");
		workbook(QUIRKS.resolve("error_xlsx_missing_sheet/data/r.xlsx"), (wb) -> {
			texts(wb.newWorksheet("Sheet1"), 0, "身份证号码", "姓名", "人才类别");
			texts(wb.newWorksheet("2023年"), 0, "身份证号码", "姓名", "人才类别");
		});
	}

	private static void notAWorkbook() throws IOException {
		quirk("error_xlsx_not_a_workbook", """
				district: "500116"
				landing: x
				sources:
				  roster:
				    file: r.xlsx
				    format: xlsx
				    columns:
				      id_number: 身份证号码
				      name: 姓名
				      categories: 人才类别
				""", """
				A CSV export renamed to .xlsx: the source fails with one sentence pointing at the file and
				the pipeline's `format`, not with a zip library's error.
				""");
		Files.writeString(QUIRKS.resolve("error_xlsx_not_a_workbook/data/r.xlsx"), "身份证号码,姓名,人才类别\n",
				StandardCharsets.UTF_8);
	}

}
