package cq.talentwarehouse.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Utf8RecordParserTests {

	@Test
	void readsQuotedFieldsWithDelimitersLineBreaksAndDoubledQuotes() throws Exception {
		String text = "a,b,c\r\n1,\"x,y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",\n\n3,,\"\"\r4,last";

		for (Utf8RecordParser parser : parsers(text)) {
			assertThat(parser.next()).containsExactly("a", "b", "c");
			assertThat(parser.recordLine()).isEqualTo(1);
			assertThat(parser.next()).containsExactly("1", "x,y", "say \"hi\"");
			assertThat(parser.recordLine()).isEqualTo(2);
			assertThat(parser.next()).containsExactly("2", "two\nlines", "");
			assertThat(parser.recordLine()).isEqualTo(3);
			assertThat(parser.next()).containsExactly("3", "", "");
			assertThat(parser.recordLine()).as("the empty line 5 is skipped").isEqualTo(6);
			assertThat(parser.next()).containsExactly("4", "last");
			assertThat(parser.recordLine()).isEqualTo(7);
			assertThat(parser.next()).isNull();
		}
	}

	@Test
	void readsWhatTheTextParserReadsForRandomRecordsAtEveryBufferBoundary() throws Exception {
		// given: random records of ASCII, CJK, a Latin-1 letter and a char outside the BMP, quoted where they must be
		Random random = new Random(11);
		String[] alphabet = { "a", "b", ",", "\"", "\n", "\r", "\t", " ", "中", "文", "；", "é", "😀", "·" };
		for (int round = 0; round < 400; round++) {
			StringBuilder text = new StringBuilder();
			int records = 1 + random.nextInt(6);
			for (int r = 0; r < records; r++) {
				int fields = 1 + random.nextInt(4);
				for (int f = 0; f < fields; f++) {
					if (f > 0) {
						text.append(',');
					}
					StringBuilder field = new StringBuilder();
					for (int i = random.nextInt(12); i > 0; i--) {
						field.append(alphabet[random.nextInt(alphabet.length)]);
					}
					String value = field.toString();
					boolean quote = value.matches("(?s).*[,\"\n\r].*") || (value.isEmpty() && random.nextBoolean());
					text.append(quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value);
				}
				if (r < records - 1 || random.nextBoolean()) {
					text.append(random.nextBoolean() ? "\n" : "\r\n");
				}
			}
			String csv = text.toString();
			List<List<String>> expected = new ArrayList<>();
			List<Long> lines = new ArrayList<>();
			CsvRecordParser chars = new CsvRecordParser(new StringReader(csv), ',');
			String[] record;
			while ((record = chars.next()) != null) {
				expected.add(List.of(record));
				lines.add(chars.recordLine());
			}
			try (CSVParser commons = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get().parse(new StringReader(csv))) {
				assertThat(commons.getRecords().stream().map(CSVRecord::toList).toList()).isEqualTo(expected);
			}

			// when / then: whole, one byte per read, and in a buffer of a few bytes that has to grow
			for (Utf8RecordParser parser : parsers(csv)) {
				List<List<String>> records2 = new ArrayList<>();
				List<Long> lines2 = new ArrayList<>();
				while ((record = parser.next()) != null) {
					records2.add(List.of(record));
					lines2.add(parser.recordLine());
				}
				assertThat(records2).as("records of %s", csv.replace("\r", "\\r").replace("\n", "\\n")).isEqualTo(expected);
				assertThat(lines2).isEqualTo(lines);
			}
		}
	}

	@Test
	void refusesExactlyWhatTheJdkDecoderRefusesAndNamesTheLineOfTheFirstBadByte() throws Exception {
		// given: random bytes around every boundary of the UTF-8 rules (overlong forms, surrogates, above U+10FFFF, cut-off sequences)
		Random random = new Random(5);
		int[] leads = { 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE4, 0xED, 0xEF, 0xF0, 0xF3, 0xF4, 0xF5, 0xFF };
		int[] continuations = { 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0x7F, 0xC0 };
		String[] good = { "a", ",", "\n", "\r", "\r\n", "中", "é", "😀", "\u0800", "\uffff", "\u07ff", "\ud7ff", "\ue000",
				"\udbff\udfff" };
		int refused = 0;
		for (int round = 0; round < 3000; round++) {
			java.io.ByteArrayOutputStream drawn = new java.io.ByteArrayOutputStream();
			for (int i = 1 + random.nextInt(10); i > 0; i--) {
				if (random.nextInt(6) == 0) {
					// a lead byte and up to three bytes after it, most of them continuation bytes at a range's edge
					drawn.write(leads[random.nextInt(leads.length)]);
					for (int k = random.nextInt(4); k > 0; k--) {
						drawn.write(continuations[random.nextInt(continuations.length)]);
					}
				}
				else {
					drawn.writeBytes(good[random.nextInt(good.length)].getBytes(StandardCharsets.UTF_8));
				}
			}
			byte[] bytes = drawn.toByteArray();
			Integer bad = firstMalformed(bytes);
			for (boolean unread : new boolean[] { false, true }) {
				for (Utf8RecordParser parser : parsers(bytes)) {
					if (unread) {
						parser.skipColumns(new boolean[] { true, true, true, true, true, true, true, true, true, true,
								true, true, true, true, true });
					}
					if (bad == null) {
						while (parser.next() != null) {
							// every record reads
						}
					}
					else {
						assertThatThrownBy(() -> {
							while (parser.next() != null) {
								// read on to the bad byte
							}
						}).as("bytes %s", java.util.HexFormat.of().formatHex(bytes)).isInstanceOf(MalformedInputException.class);
						assertThat(parser.currentLine()).isEqualTo(lineOf(bytes, bad));
					}
				}
			}
			if (bad != null) {
				refused++;
			}
		}
		assertThat(refused).as("both kinds of input are drawn").isBetween(300, 2700);
	}

	@Test
	void decodesWhatTheJdkDecodesForEveryKindOfSequence() throws Exception {
		// given: one cell of each length of sequence, at the edges of each range
		String text = "a\u0080\u00ff\u0100\u07ff\u0800\u4e2d\ud7ff\ue000\uffff\ud800\udc00\udbff\udfff,\u00b7,Ã©\n";
		for (Utf8RecordParser parser : parsers(text)) {
			assertThat(parser.next()).containsExactly("a\u0080\u00ff\u0100\u07ff\u0800\u4e2d\ud7ff\ue000\uffff\ud800\udc00\udbff\udfff",
					"\u00b7", "Ã©");
		}
	}

	@Test
	void namesTheLineOfABadByteFarIntoTheFileAndInsideAQuotedField() throws Exception {
		// given: 20,000 good lines (more than one buffer), then a line with a Latin-1 byte in its second cell
		StringBuilder good = new StringBuilder("姓名,编号\n");
		for (int i = 0; i < 20_000; i++) {
			good.append("张三,").append(i).append('\n');
		}
		byte[] head = good.toString().getBytes(StandardCharsets.UTF_8);
		byte[] bytes = concat(head, new byte[] { 'x', ',', (byte) 0xE9, '\n', 'y', ',', 'z', '\n' });
		Utf8RecordParser parser = new Utf8RecordParser(new ByteArrayInputStream(bytes), ',', 1 << 20);
		assertThatThrownBy(() -> {
			while (parser.next() != null) {
				// read on
			}
		}).isInstanceOf(MalformedInputException.class);
		assertThat(parser.currentLine()).isEqualTo(20_002);

		// and in a quoted field that started two lines before the bad byte
		byte[] quoted = concat("a,b\n1,\"x\r\ny\nz".getBytes(StandardCharsets.UTF_8), new byte[] { (byte) 0xC0, (byte) 0x80 },
				"\"\n".getBytes(StandardCharsets.UTF_8));
		Utf8RecordParser second = new Utf8RecordParser(new ByteArrayInputStream(quoted), ',', 1 << 20);
		assertThat(second.next()).containsExactly("a", "b");
		assertThatThrownBy(second::next).isInstanceOf(MalformedInputException.class);
		assertThat(second.currentLine()).isEqualTo(4);
	}

	@Test
	void leavesCellsOfUnreadColumnsNullAndStillChecksThem() throws Exception {
		// given: the second column is read by no field
		Utf8RecordParser parser = new Utf8RecordParser(new ByteArrayInputStream("中文,序号,学历\n张三,1,本科\n".getBytes(StandardCharsets.UTF_8)),
				',', 1 << 20);
		parser.skipColumns(new boolean[] { false, true, false });
		assertThat(parser.next()).containsExactly("中文", null, "学历");
		assertThat(parser.next()).containsExactly("张三", null, "本科");

		// and a byte that is not UTF-8 in such a column still fails the file
		Utf8RecordParser bad = new Utf8RecordParser(new ByteArrayInputStream(concat("a,b\n1,".getBytes(StandardCharsets.UTF_8),
				new byte[] { (byte) 0xB1, (byte) 0xBE }, "\n".getBytes(StandardCharsets.UTF_8))), ',', 1 << 20);
		bad.skipColumns(new boolean[] { false, true });
		assertThat(bad.next()).containsExactly("a", null);
		assertThatThrownBy(bad::next).isInstanceOf(MalformedInputException.class);
		assertThat(bad.currentLine()).isEqualTo(2);
	}

	@Test
	void givesUpOnAFieldLongerThanTheLimitInCharactersNotBytes() throws Exception {
		// given: a limit of 100,000 characters
		for (String text : List.of("a,b\n1,2\n3," + "x".repeat(5_000_000) + "\n", "a,b\n1,2\n3,\"" + "中".repeat(2_000_000) + "\"\n")) {
			Utf8RecordParser parser = new Utf8RecordParser(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), ',',
					100_000);

			// when / then
			assertThatThrownBy(() -> {
				while (parser.next() != null) {
					// read on
				}
			}).isInstanceOfSatisfying(MalformedRecordException.class, (ex) -> {
				assertThat(ex.line()).isEqualTo(3);
				assertThat(ex.column()).isEqualTo(2);
			}).hasMessageContaining("longer than 100000 characters (the limit talent.max-field-chars)");
		}

		// and a cell of 60,000 Chinese characters (180,000 bytes) is within it
		Utf8RecordParser parser = new Utf8RecordParser(
				new ByteArrayInputStream(("a\n" + "中".repeat(60_000) + "\n").getBytes(StandardCharsets.UTF_8)), ',', 100_000);
		assertThat(parser.next()).containsExactly("a");
		assertThat(parser.next()[0]).hasSize(60_000);
	}

	@Test
	void givesTheSameStringForEachRepeatOfAValueInAColumn() throws Exception {
		Utf8RecordParser parser = new Utf8RecordParser(
				new ByteArrayInputStream("本科,x,专业技术人才；技能人才\n硕士,y,技能人才\n本科,x,专业技术人才；技能人才\n".getBytes(StandardCharsets.UTF_8)),
				',', 1 << 20);

		String[] first = parser.next();
		String[] second = parser.next();
		String[] third = parser.next();

		assertThat(third[0]).isSameAs(first[0]).isEqualTo("本科");
		assertThat(third[1]).isSameAs(first[1]).isEqualTo("x");
		assertThat(third[2]).isSameAs(first[2]).isEqualTo("专业技术人才；技能人才");
		assertThat(second).containsExactly("硕士", "y", "技能人才");
	}

	@Test
	void readsEveryValueOfAColumnWithMoreDistinctValuesThanItKeeps() throws Exception {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 10_000; i++) {
			text.append(String.format("5001011990%08d", i)).append(",专业技术人才\n");
		}
		Utf8RecordParser parser = new Utf8RecordParser(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)),
				',', 1 << 20);
		List<String[]> records = new ArrayList<>();
		String[] record;
		while ((record = parser.next()) != null) {
			records.add(record);
		}
		assertThat(records).hasSize(10_000);
		for (int i = 0; i < records.size(); i++) {
			assertThat(records.get(i)[0]).isEqualTo(String.format("5001011990%08d", i));
		}
		assertThat(records.get(9_999)[1]).isSameAs(records.get(0)[1]).isEqualTo("专业技术人才");
	}

	@Test
	void readsATabSeparatedFile() throws Exception {
		for (Utf8RecordParser parser : parsers("a\tb,c\n中\t\"x\ty\"\n".getBytes(StandardCharsets.UTF_8), '\t')) {
			assertThat(parser.next()).containsExactly("a", "b,c");
			assertThat(parser.next()).containsExactly("中", "x\ty");
		}
	}

	/** Index of the first byte the JDK's strict decoder refuses, or null. */
	private static Integer firstMalformed(byte[] bytes) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(bytes);
		CharBuffer out = CharBuffer.allocate(bytes.length * 2);
		CoderResult result = decoder.decode(in, out, true);
		if (result.isError()) {
			return in.position();
		}
		try {
			StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
			return null;
		}
		catch (CharacterCodingException ex) {
			throw new AssertionError(ex);
		}
	}

	private static long lineOf(byte[] bytes, int at) {
		long line = 1;
		for (int i = 0; i < at; i++) {
			if (bytes[i] == '\n' || (bytes[i] == '\r' && !(i + 1 < bytes.length && bytes[i + 1] == '\n'))) {
				line++;
			}
		}
		return line;
	}

	private static byte[] concat(byte[]... parts) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private static List<Utf8RecordParser> parsers(String text) {
		return parsers(text.getBytes(StandardCharsets.UTF_8));
	}

	private static List<Utf8RecordParser> parsers(byte[] bytes) {
		return parsers(bytes, ',');
	}

	/** The same bytes whole, one byte per read (every cell crosses a refill), and in a buffer of 4 bytes that grows. */
	private static List<Utf8RecordParser> parsers(byte[] bytes, char delimiter) {
		return List.of(new Utf8RecordParser(new ByteArrayInputStream(bytes), delimiter, 1 << 20),
				new Utf8RecordParser(new OneByteAtATime(bytes), delimiter, 1 << 20),
				new Utf8RecordParser(new ByteArrayInputStream(bytes), delimiter, 1 << 20, 4));
	}

	private static final class OneByteAtATime extends InputStream {

		private final byte[] bytes;

		private int at;

		OneByteAtATime(byte[] bytes) {
			this.bytes = bytes;
		}

		@Override
		public int read() {
			return (this.at == this.bytes.length) ? -1 : this.bytes[this.at++] & 0xFF;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (this.at == this.bytes.length) {
				return -1;
			}
			buffer[offset] = this.bytes[this.at++];
			return 1;
		}

	}

}
