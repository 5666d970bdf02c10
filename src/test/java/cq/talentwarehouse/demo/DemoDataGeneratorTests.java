package cq.talentwarehouse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.validate.ResidentIdNumber;
import cq.talentwarehouse.validate.SocialCreditCode;

class DemoDataGeneratorTests {

	@TempDir
	static Path landing;

	static DemoDataGenerator.Summary summary;

	@BeforeAll
	static void generateOnce() {
		summary = DemoDataGenerator.generate(landing, DemoDataGenerator.DEFAULT_SEED);
	}

	@Test
	void sameSeedWritesIdenticalBytes(@TempDir Path again) throws Exception {
		// given
		Map<String, String> first = digests(landing);

		// when
		DemoDataGenerator.generate(again, DemoDataGenerator.DEFAULT_SEED);

		// then: 13 CSV files (3 programme ledgers), 綦江's two workbooks, 秀山's 10 roster pages, and the demo marker
		assertThat(first).hasSize(30).containsKey(cq.talentwarehouse.pipeline.LandingZone.DEMO_MARKER);
		assertThat(digests(again)).isEqualTo(first);
	}

	@Test
	void jiangjinRosterHoldsTheReportedTalentTotalAsDistinctValidIdNumbers() throws Exception {
		// given
		byte[] bytes = Files.readAllBytes(landing.resolve("jiangjin/2023-12-31/人才资源花名册.csv"));

		// when
		String text = new String(bytes, StandardCharsets.UTF_8);
		Set<String> valid = new HashSet<>();
		try (CSVParser parser = csv(',').parse(new StringReader(text.substring(1)))) {
			for (CSVRecord record : parser) {
				ResidentIdNumber.Result id = ResidentIdNumber.check(record.get("公民身份号码"), LocalDate.of(2023, 12, 31));
				if (id.isValid()) {
					valid.add(id.canonical());
				}
			}
		}

		// then
		assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
		assertThat(text.substring(0, text.indexOf('\n') + 1)).endsWith("\r\n");
		assertThat(valid).hasSize(236_100);
		assertThat(summary.cleanRosterPeople()).containsEntry("500116", 236_100);
	}

	@Test
	void qianjiangRosterIsGb18030WithTheTraditionalHeaderOfItsPipeline() throws Exception {
		// given
		byte[] bytes = Files.readAllBytes(landing.resolve("qianjiang/2025-10-22/人才名冊.csv"));

		// when: strict decoding, so a byte that is not GB18030 fails instead of becoming U+FFFD
		String text = Charset.forName("GB18030")
			.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT)
			.decode(ByteBuffer.wrap(bytes))
			.toString();
		List<String> header;
		try (CSVParser parser = csv(',').parse(new StringReader(text))) {
			header = parser.getHeaderNames();
		}

		// then
		assertThat(header).containsExactly("姓名", "身份證號碼", "人才類別", "學歷", "職稱", "技能等級", "人才層次", "單位信用代碼");
		assertThat(text).contains("專業技術人才").contains("\r\n");
	}

	@Test
	void xiushanEnterprisesHoldTheReportedTechSmeAndHighTechCounts() throws Exception {
		// given
		Map<String, String> qualificationByKey = qualificationVocabulary();
		Path file = landing.resolve("xiushan/2021-08-31/xs_qiye.csv");

		// when
		Map<String, Set<String>> enterprises = new TreeMap<>();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
				CSVParser parser = csv(';').parse(reader)) {
			for (CSVRecord record : parser) {
				SocialCreditCode.Result uscc = SocialCreditCode.check(record.get("统一社会信用代码").strip());
				String qualification = qualificationByKey.get(key(record.get("认定类型")));
				if (uscc.isValid() && qualification != null) {
					enterprises.computeIfAbsent(qualification, (q) -> new HashSet<>()).add(uscc.canonical());
				}
			}
		}

		// then
		assertThat(enterprises.get("tech_sme")).hasSize(227);
		assertThat(enterprises.get("high_tech")).hasSize(8);
		assertThat(enterprises.get("tech_sme")).containsAll(enterprises.get("high_tech"));
	}

	@Test
	void qijiangListsAreWorkbooksWithATitleRowAboveTheHeaderAndRealDates() throws Exception {
		// given
		Path file = landing.resolve("qijiang/2021-08-31/enterprises.xlsx");

		// when
		List<Row> rows;
		try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile(), new ReadingOptions(true, false))) {
			rows = workbook.findSheet("企业名单").orElseThrow().read();
		}

		// then
		assertThat(rows.get(0).getCellText(0)).isEqualTo("綦江区专精特新及科技型企业名单（截至2021年8月）");
		assertThat(rows.get(1).getRowNum()).isEqualTo(2);
		assertThat(rows.get(1).stream().map(Cell::getText).toList()).containsExactly("企业名称", "社会信用代码", "资质名称",
				"获评时间", "注册资本");
		List<Cell> dates = rows.subList(2, rows.size()).stream().map((r) -> r.getCell(3)).toList();
		assertThat(dates).anyMatch((c) -> c.getType() == CellType.NUMBER && c.getDataFormatString() != null
				&& c.getDataFormatString().contains("yyyy"));
		assertThat(dates).anyMatch((c) -> c.getType() == CellType.NUMBER && c.getRawValue().matches("20\\d{4}"));
		assertThat(dates).anyMatch((c) -> c.getType() == CellType.STRING);
		assertThat(Files.exists(landing.resolve("qijiang/2021-08-31/platforms.xlsx"))).isTrue();
	}

	@Test
	void xiushanRosterIsThePlatformsPagedJsonHoldingTheReportedTalentTotal() throws Exception {
		// given
		List<Path> pages;
		try (Stream<Path> files = Files.list(landing.resolve("xiushan/2021-08-31"))) {
			pages = files.filter((p) -> p.getFileName().toString().startsWith("xs_rencai_page_")).sorted().toList();
		}

		// when
		Set<String> valid = new HashSet<>();
		int records = 0;
		for (Path page : pages) {
			JsonNode root = new ObjectMapper().readTree(page.toFile());
			assertThat(root.path("data").path("pages").asInt()).isEqualTo(pages.size());
			for (JsonNode record : root.path("data").path("records")) {
				records++;
				ResidentIdNumber.Result id = ResidentIdNumber.check(record.path("idNumber").asText(), LocalDate.of(2021, 8, 31));
				if (id.isValid()) {
					valid.add(id.canonical());
				}
			}
		}

		// then
		assertThat(pages).hasSize(10);
		assertThat(records).isGreaterThan(45_800);
		assertThat(valid).hasSize(45_800);
		assertThat(summary.cleanRosterPeople()).containsEntry("500241", 45_800);
	}

	private static CSVFormat csv(char delimiter) {
		return CSVFormat.RFC4180.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true).get();
	}

	/** Name, code and synonyms of each qualification, keyed as the warehouse compares them. */
	private static Map<String, String> qualificationVocabulary() throws IOException {
		Map<String, String> byKey = new HashMap<>();
		try (InputStream in = DemoDataGeneratorTests.class.getResourceAsStream("/seeds/qualification_types.csv");
				CSVParser parser = csv(',').parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			for (CSVRecord record : parser) {
				String code = record.get("qualification_code");
				byKey.put(key(code), code);
				byKey.put(key(record.get("qualification_name")), code);
				for (String synonym : record.get("synonyms").split("\\|")) {
					if (!synonym.isBlank()) {
						byKey.put(key(synonym), code);
					}
				}
			}
		}
		return byKey;
	}

	private static String key(String value) {
		StringBuilder b = new StringBuilder(value.length());
		for (char c : value.toCharArray()) {
			if (!Character.isWhitespace(c) && c != '\u3000' && c != '"' && c != '“' && c != '”') {
				b.append(c);
			}
		}
		return b.toString();
	}

	private static Map<String, String> digests(Path root) throws Exception {
		Map<String, String> digests = new TreeMap<>();
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				byte[] sha = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
				digests.put(root.relativize(file).toString(), HexFormat.of().formatHex(sha));
			}
		}
		return digests;
	}

}
