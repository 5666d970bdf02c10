package cq.talentwarehouse.stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cq.talentwarehouse.source.CsvOutput;




/**
 * The one-row meta file a stage step writes beside its staged records: which file it read, how
 * many records, how many staged and quarantined (and by which rules), and how long it took.
 *
 * @param file the source file (or URL) as shown in ops.source_counts
 * @param encoding the charset it was decoded with
 * @param read records read
 * @param accepted records staged
 * @param quarantined records quarantined
 * @param seconds step duration
 * @param rules quarantine counts by rule, largest first
 */
public record StageMeta(String file, String encoding, long read, long accepted, long quarantined, double seconds,
		List<Map.Entry<String, Long>> rules) {

	static final String HEADER = "file,encoding,read,accepted,quarantined,seconds,rules";

	void write(Path target) {
		StringBuilder rulesText = new StringBuilder();
		for (Map.Entry<String, Long> r : this.rules) {
			rulesText.append(rulesText.length() > 0 ? ";" : "").append(r.getKey()).append('=').append(r.getValue());
		}
		try {
			Files.createDirectories(target.getParent());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create " + target.getParent(), ex);
		}
		try (CsvOutput out = new CsvOutput(java.nio.channels.FileChannel.open(target, java.nio.file.StandardOpenOption.CREATE,
				java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING), 1 << 12)) {
			out.row(List.of(HEADER.split(",")));
			out.row(List.of(this.file, this.encoding, Long.toString(this.read), Long.toString(this.accepted),
					Long.toString(this.quarantined), String.format(java.util.Locale.ROOT, "%.3f", this.seconds),
					rulesText.toString()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + target, ex);
		}
	}

	public static StageMeta read(Path file) {
		try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			var record = org.apache.commons.csv.CSVFormat.RFC4180.builder()
				.setHeader()
				.setSkipHeaderRecord(true)
				.get()
				.parse(reader)
				.getRecords()
				.get(0);
			List<Map.Entry<String, Long>> rules = new ArrayList<>();
			for (String part : record.get("rules").split(";")) {
				int eq = part.indexOf('=');
				if (eq > 0) {
					rules.add(Map.entry(part.substring(0, eq), Long.parseLong(part.substring(eq + 1))));
				}
			}
			return new StageMeta(record.get("file"), record.get("encoding"), Long.parseLong(record.get("read")),
					Long.parseLong(record.get("accepted")), Long.parseLong(record.get("quarantined")),
					Double.parseDouble(record.get("seconds")), rules);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read staging meta " + file, ex);
		}
	}

	public String topRules(int n) {
		StringBuilder b = new StringBuilder();
		for (int i = 0; i < Math.min(n, this.rules.size()); i++) {
			b.append(i > 0 ? ", " : "").append(this.rules.get(i).getKey()).append(' ').append(this.rules.get(i).getValue());
		}
		return b.toString();
	}

}
