package cq.talentwarehouse.run;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import cq.talentwarehouse.load.WarehouseBuilder;

/**
 * What the build records of the run itself ({@code ops.runs}, {@code ops.pseudonym_key}), written
 * into the staging folder once, when the run starts: a restart builds with the same facts.
 */
final class RunFacts {

	private RunFacts() {
	}

	static void writeIfAbsent(Path stagingRoot, String runId, LocalDateTime startedAt, boolean demo,
			String keyFingerprint) throws IOException {
		Path file = stagingRoot.resolve(WarehouseBuilder.RUN_FILE);
		if (Files.exists(file)) {
			return;
		}
		Path temp = file.resolveSibling(file.getFileName() + ".tmp");
		try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
				CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder()
					.setHeader("run_id", "started_at", "is_demo", "pseudonym_key_fingerprint")
					.get())) {
			csv.printRecord(runId, startedAt.toString(), demo, keyFingerprint);
		}
		Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
	}

}
