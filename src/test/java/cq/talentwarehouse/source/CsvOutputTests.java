package cq.talentwarehouse.source;

import java.io.StringReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CsvOutputTests {

	@TempDir
	Path dir;

	@Test
	void writesWhatAnRfc4180ReaderReadsBackAcrossBufferBoundaries() throws Exception {
		// given values that need quotes, non-ASCII text, empties and one longer than the buffer
		String longValue = "甲".repeat(40) + ",\"" + "x".repeat(40);
		List<List<String>> rows = List.of(
				Arrays.asList("plain", "with,comma", "with \"quote\"", "two\nlines", "cr\rhere"),
				Arrays.asList("专业技术人才", "", null, "a|b_c-d", longValue),
				Arrays.asList("500116********0003", "~`!@#$%^&*()", "é", "\t", "last"));
		Path file = this.dir.resolve("out.csv");

		// when they are written through a buffer of 16 bytes
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
			CsvOutput out = new CsvOutput(channel, 16);
			for (List<String> row : rows) {
				out.number(rows.indexOf(row) * 1234567L);
				for (String value : row) {
					out.comma();
					out.cell(value);
				}
				out.newline();
			}
			long written = out.position();
			out.flush();
			// the position a restart truncates back to counts buffered bytes too
			assertThat(Files.size(file)).isEqualTo(written);
			out.close();
		}

		// then a standard reader gets every value back (null as an empty field)
		List<List<String>> read = new ArrayList<>();
		for (CSVRecord record : CSVFormat.RFC4180.parse(new StringReader(Files.readString(file, StandardCharsets.UTF_8)))) {
			read.add(record.toList());
		}
		assertThat(read).hasSize(3);
		for (int r = 0; r < rows.size(); r++) {
			assertThat(read.get(r).get(0)).isEqualTo(Long.toString(r * 1234567L));
			for (int c = 0; c < rows.get(r).size(); c++) {
				String expected = rows.get(r).get(c);
				assertThat(read.get(r).get(c + 1)).isEqualTo((expected == null) ? "" : expected);
			}
		}
	}

}
