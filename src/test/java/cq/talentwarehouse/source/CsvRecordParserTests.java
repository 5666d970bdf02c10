package cq.talentwarehouse.source;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvRecordParserTests {

	@Test
	void readsQuotedFieldsWithDelimitersLineBreaksAndDoubledQuotes() throws Exception {
		String text = "a,b,c\r\n1,\"x,y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",\n\n3,,\"\"\r4,last";

		for (Reader reader : readers(text)) {
			CsvRecordParser parser = new CsvRecordParser(reader, ',');
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
	void namesTheLineOfAQuotedFieldThatIsNeverClosed() {
		for (Reader reader : readers("a,b\n1,\"open\n2,3\n")) {
			CsvRecordParser parser = new CsvRecordParser(reader, ',');
			assertThatThrownBy(() -> {
				parser.next();
				parser.next();
			}).isInstanceOfSatisfying(MalformedRecordException.class,
					(ex) -> assertThat(ex.line()).isEqualTo(2))
				.hasMessageContaining("not closed");
		}
	}

	@Test
	void givesUpOnAFieldLongerThanTheLimitWithoutHoldingTheRestOfIt() {
		// given: a 5-million-character line (plain and quoted), read with a limit of 100,000
		String huge = "x".repeat(5_000_000);
		for (String text : List.of("a,b\n1,2\n3," + huge + "\n", "a,b\n1,2\n3,\"" + huge + "\"\n")) {
			CsvRecordParser parser = new CsvRecordParser(new java.io.StringReader(text), ',', 100_000);

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
	}

	@Test
	void rejectsALineOfMoreFieldsThanARecordCanHave() {
		CsvRecordParser parser = new CsvRecordParser(new java.io.StringReader("a\n" + ",".repeat(100_000) + "\n"), ',');
		assertThatThrownBy(() -> {
			parser.next();
			parser.next();
		}).hasMessageContaining("more than 16384 fields");
	}

	@Test
	void rejectsTextAfterAClosingQuote() {
		for (Reader reader : readers("\"a\"b,c\n")) {
			CsvRecordParser parser = new CsvRecordParser(reader, ',');
			assertThatThrownBy(parser::next).hasMessageContaining("must be doubled");
		}
	}

	@Test
	void readsWhatCommonsCsvReadsForRandomRecordsAtEveryBufferBoundary() throws Exception {
		Random random = new Random(7);
		String alphabet = "ab,\"\n\r\t 中文；";
		for (int round = 0; round < 300; round++) {
			StringBuilder text = new StringBuilder();
			int records = 1 + random.nextInt(6);
			for (int r = 0; r < records; r++) {
				int fields = 1 + random.nextInt(4);
				for (int f = 0; f < fields; f++) {
					if (f > 0) {
						text.append(',');
					}
					StringBuilder field = new StringBuilder();
					for (int i = random.nextInt(6); i > 0; i--) {
						field.append(alphabet.charAt(random.nextInt(alphabet.length())));
					}
					String value = field.toString();
					boolean quote = value.matches("(?s).*[,\"\n\r].*") || (value.isEmpty() && random.nextBoolean());
					text.append(quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value);
				}
				text.append(random.nextBoolean() ? "\n" : "\r\n");
			}
			String csv = text.toString();
			List<List<String>> expected = new ArrayList<>();
			try (CSVParser commons = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get().parse(new StringReader(csv))) {
				for (CSVRecord record : commons) {
					expected.add(record.toList());
				}
			}
			for (Reader reader : readers(csv)) {
				assertThat(parse(reader)).as("records of %s", csv.replace("\r", "\\r").replace("\n", "\\n"))
					.isEqualTo(expected);
			}
		}
	}

	@Test
	void givesTheSameStringForEachRepeatOfAValueInAColumn() throws Exception {
		// given a column whose cells repeat, as code columns do
		CsvRecordParser parser = new CsvRecordParser(new StringReader("本科,x\n硕士,y\n本科,x\n"), ',');

		// when the records are read
		String[] first = parser.next();
		String[] second = parser.next();
		String[] third = parser.next();

		// then a repeated cell is the very instance read before, and different cells stay different
		assertThat(third[0]).isSameAs(first[0]).isEqualTo("本科");
		assertThat(third[1]).isSameAs(first[1]).isEqualTo("x");
		assertThat(second).containsExactly("硕士", "y");
	}

	@Test
	void readsEveryValueOfAColumnWithMoreDistinctValuesThanItKeeps() throws Exception {
		// given 10,000 distinct ID-like values in the first column and one repeated code in the second
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 10_000; i++) {
			text.append(String.format("5001011990%08d", i)).append(",professional_technical\n");
		}
		CsvRecordParser parser = new CsvRecordParser(new StringReader(text.toString()), ',');

		// when every record is read
		List<String[]> records = new ArrayList<>();
		String[] record;
		while ((record = parser.next()) != null) {
			records.add(record);
		}

		// then each value reads as written, and the code column is still one instance at the end
		assertThat(records).hasSize(10_000);
		for (int i = 0; i < records.size(); i++) {
			assertThat(records.get(i)[0]).isEqualTo(String.format("5001011990%08d", i));
		}
		assertThat(records.get(9_999)[1]).isSameAs(records.get(0)[1]).isEqualTo("professional_technical");
	}

	private static List<List<String>> parse(Reader reader) throws IOException {
		List<List<String>> records = new ArrayList<>();
		CsvRecordParser parser = new CsvRecordParser(reader, ',');
		String[] record;
		while ((record = parser.next()) != null) {
			records.add(List.of(record));
		}
		return records;
	}

	/** The same text whole, and one char per read (every field crosses a buffer refill). */
	private static List<Reader> readers(String text) {
		return List.of(new StringReader(text), new Reader() {

			private int at;

			@Override
			public int read(char[] buffer, int offset, int length) {
				if (this.at == text.length()) {
					return -1;
				}
				buffer[offset] = text.charAt(this.at++);
				return 1;
			}

			@Override
			public void close() {
			}

		});
	}

}
