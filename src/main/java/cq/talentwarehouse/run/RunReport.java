package cq.talentwarehouse.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What one run did, written as JSON beside the warehouse ({@code warehouse/runs/<run>/report.json})
 * whether or not it published — the record of failed runs that never reach {@code ops.runs}.
 */
public record RunReport(String runId, String startedAt, String finishedAt, String status, int exitCode,
		List<DistrictResult> districts, String message) {

	private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

	/** One district snapshot's outcome. */
	public record DistrictResult(String district, String snapshotDate, String status, String message) {
	}

	public void write(Path file) throws IOException {
		Files.createDirectories(file.getParent());
		JSON.writeValue(file.toFile(), this);
	}

	public static RunReport read(Path file) throws IOException {
		return JSON.readValue(file.toFile(), RunReport.class);
	}

}
