package cq.talentwarehouse.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import cq.talentwarehouse.reference.ReferenceData;
import cq.talentwarehouse.pipeline.PipelineCatalog;
import cq.talentwarehouse.pipeline.PipelineDefinition;
import cq.talentwarehouse.pipeline.SourceDefinition;
import cq.talentwarehouse.pipeline.SourceKind;
import cq.talentwarehouse.normalize.Pseudonymizer;
import cq.talentwarehouse.normalize.RecordNormalizer;
import cq.talentwarehouse.normalize.StagedRecord;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One golden fixture per district quirk under {@code src/test/resources/quirks/} (each folder's
 * README says what it shows): the file is read and normalized as a stage step would, and the
 * result must equal {@code expected.txt}.
 */
class SourceQuirkGoldenTests {

	private static final Path QUIRKS = Path.of("src/test/resources/quirks");

	private static final LocalDate TODAY = LocalDate.of(2026, 1, 1);

	static Stream<String> quirks() throws IOException {
		try (Stream<Path> dirs = Files.list(QUIRKS)) {
			return dirs.filter(Files::isDirectory).map((p) -> p.getFileName().toString()).sorted().toList().stream();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("quirks")
	void readsAndNormalizesAsTheGoldenFileSays(String quirk) throws Exception {
		// given
		Path dir = QUIRKS.resolve(quirk);
		PipelineDefinition pipeline = PipelineCatalog.readChecked(dir.resolve("pipeline.yaml"));
		Map.Entry<String, SourceDefinition> only = pipeline.sources().entrySet().iterator().next();
		SourceKind kind = SourceKind.fromKey(only.getKey());
		SourceDefinition source = only.getValue();

		// when
		String actual = readAll(dir.resolve("data"), pipeline.district(), kind, source);

		// then
		Path expectedFile = dir.resolve("expected.txt");
		if (Boolean.getBoolean("golden.update") || !Files.exists(expectedFile)) {
			Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
		}
		assertThat(actual).isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
	}

	// the factory the stage step uses, so every format's quirks live in the same folder pattern
	// (quirks are files; the spool of an HTTP source is never created for them)
	private static String readAll(Path data, String district, SourceKind kind, SourceDefinition source)
			throws Exception {
		ItemStreamReader<RawRecord> reader = SourceReaders.create(data, data.resolveSibling("spool"), kind, source);
		RecordNormalizer normalizer = new RecordNormalizer(district, kind, source, ReferenceData.bundled(),
				new Pseudonymizer("golden-test-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII)), TODAY);
		List<String> columns = kind.stagedColumns();
		StringBuilder out = new StringBuilder();
		try {
			reader.open(new ExecutionContext());
			RawRecord raw;
			while ((raw = reader.read()) != null) {
				StagedRecord staged = normalizer.process(raw);
				out.append("line ").append(staged.line());
				if (staged.isAccepted()) {
					out.append(" accepted");
					List<String> values = new ArrayList<>();
					for (int i = 0; i < staged.values().length; i++) {
						if (!columns.get(i + 1).equals("person_id")) {
							values.add(columns.get(i + 1) + "=" + ((staged.values()[i] == null) ? "" : staged.values()[i]));
						}
					}
					out.append(' ').append(String.join(" ", values));
				}
				else {
					out.append(" quarantined ").append(staged.rule()).append(' ').append(staged.field()).append(' ')
						.append(staged.rawValue());
				}
				out.append('\n');
			}
		}
		catch (SourceException ex) {
			return "error: " + ex.getMessage().replace(data + java.io.File.separator, "") + "\n";
		}
		finally {
			reader.close();
		}
		return out.toString();
	}

}
