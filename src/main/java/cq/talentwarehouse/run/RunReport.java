package cq.talentwarehouse.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What one run did, written as JSON beside the warehouse ({@code warehouse/runs/<run>/report.json})
 * when it starts (status {@code running}, with every district snapshot it plans) and again when it
 * ends — so a killed run leaves a record that {@code restart} resumes and {@code status} shows.
 *
 * @param runId the run's id, also the folder name
 * @param startedAt local start time
 * @param finishedAt local end time, null while running
 * @param status a {@link RunStatus} key
 * @param exitCode the process exit code the run ended with
 * @param stagingRoot where its staged files are
 * @param districts each planned district snapshot and its outcome
 * @param message why nothing was published, if so
 * @param sources per source counts and durations from staging
 * @param metrics Spring Batch's timers (job, step, item read/process, chunk write) for this run
 * @param versions versions of this build, Java, DuckDB and Spring Batch
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunReport(String runId, String startedAt, String finishedAt, String status, int exitCode,
		String stagingRoot, List<DistrictResult> districts, String message, List<SourceResult> sources,
		List<MetricsSummary.Timing> metrics, java.util.Map<String, String> versions) {

	public RunReport(String runId, String startedAt, String finishedAt, String status, int exitCode,
			String stagingRoot, List<DistrictResult> districts, String message) {
		this(runId, startedAt, finishedAt, status, exitCode, stagingRoot, districts, message, List.of(), List.of(),
				java.util.Map.of());
	}

	/**
	 * What one source of one district snapshot staged.
	 *
	 * @param district GB/T 2260 code
	 * @param snapshotDate snapshot date
	 * @param source roster, platform or enterprise
	 * @param file the file or URL read
	 * @param read records read
	 * @param staged records staged (duplicates are found while staging and counted as quarantined)
	 * @param quarantined records quarantined while staging
	 * @param seconds staging time
	 * @param rules quarantine counts by rule
	 */
	public record SourceResult(String district, String snapshotDate, String source, String file, long read,
			long staged, long quarantined, double seconds, String rules) {
	}

	/** Whether the run stands or ended at {@code status}. */
	public boolean is(RunStatus status) {
		return status.is(this.status);
	}

	private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

	/**
	 * One district snapshot's plan and outcome.
	 *
	 * @param district GB/T 2260 code
	 * @param name district name
	 * @param snapshotDate the snapshot's date
	 * @param pipelineFile the pipeline definition it was read with
	 * @param snapshotFolder the landing folder it came from
	 * @param status a {@link DistrictStatus} key
	 * @param message why it failed
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record DistrictResult(String district, String name, String snapshotDate, String pipelineFile,
			String snapshotFolder, String status, String message) {

		DistrictResult with(DistrictStatus newStatus, String newMessage) {
			return new DistrictResult(this.district, this.name, this.snapshotDate, this.pipelineFile,
					this.snapshotFolder, newStatus.key(), newMessage);
		}

		/** Whether this snapshot stands at {@code status}. */
		public boolean is(DistrictStatus status) {
			return status.is(this.status);
		}

	}

	/** Writes the report atomically: a reader never sees half a file, even if the run is killed. */
	public void write(Path file) throws IOException {
		Files.createDirectories(file.getParent());
		Path temp = file.resolveSibling(file.getFileName() + ".tmp");
		JSON.writeValue(temp.toFile(), this);
		Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	public static RunReport read(Path file) throws IOException {
		return JSON.readValue(file.toFile(), RunReport.class);
	}

	/** Reports of the runs under a state folder, newest first. */
	public static List<RunReport> list(Path runsFolder) throws IOException {
		if (!Files.isDirectory(runsFolder)) {
			return List.of();
		}
		try (var dirs = Files.list(runsFolder)) {
			List<Path> files = dirs.map((d) -> d.resolve("report.json")).filter(Files::exists)
				.sorted(java.util.Comparator.comparing(Path::toString).reversed()).toList();
			List<RunReport> reports = new java.util.ArrayList<>();
			for (Path f : files) {
				reports.add(read(f));
			}
			return reports;
		}
	}

}
