package cq.talentwarehouse.run;

import java.util.List;
import java.util.Set;

/**
 * How a run ended, handed to the {@link RunOutcomeListener}s (notifications, metrics) once its
 * final report is written. Built from that report, so a run resumed by {@code restart} and a run
 * of a later version that adds exit codes read the same way.
 *
 * @param runId the run's id, null when the run stopped before it had one (invalid pipeline files)
 * @param exitCode the process exit code ({@link #NOT_SERVED} and {@link #NOTHING_TO_LOAD} included)
 * @param status the report's status (published, partial, failed, unchanged, stopped, ...)
 * @param startedAt local start time
 * @param finishedAt local end time
 * @param districts each planned district snapshot and its outcome
 * @param message why nothing was published or what went wrong beside the districts, if anything
 * @param sources per source counts of the districts staged by this run
 * @param timings the run's Spring Batch timers
 * @param served false when the publish could not be copied to the serving database; null when that
 * does not apply
 */
public record RunOutcome(String runId, int exitCode, String status, String startedAt, String finishedAt,
		List<RunReport.DistrictResult> districts, String message, List<RunReport.SourceResult> sources,
		List<MetricsSummary.Timing> timings, Boolean served) {

	/** Published, but the serving database could not be updated (the serving step's exit code). */
	public static final int NOT_SERVED = 5;

	/** Nothing to load: the landing zone is empty or missing. */
	public static final int NOTHING_TO_LOAD = 6;

	/** The exit codes that are an incident for the people on call. */
	private static final Set<Integer> INCIDENTS = Set.of(LoadRun.NOTHING_PUBLISHED, LoadRun.PARTIAL, NOT_SERVED,
			NOTHING_TO_LOAD);

	public RunOutcome {
		districts = (districts != null) ? List.copyOf(districts) : List.of();
		sources = (sources != null) ? List.copyOf(sources) : List.of();
		timings = (timings != null) ? List.copyOf(timings) : List.of();
	}

	/** The outcome a final run report records. */
	public static RunOutcome of(RunReport report) {
		return new RunOutcome(report.runId(), report.exitCode(), report.status(), report.startedAt(),
				report.finishedAt(), report.districts(), report.message(), report.sources(), report.metrics(),
				(report.exitCode() == NOT_SERVED) ? Boolean.FALSE : null);
	}

	/**
	 * A run without a final report: it ended before it planned anything (broken pipeline files), or
	 * stopped on an unexpected error.
	 */
	public static RunOutcome withoutReport(String runId, int exitCode, String message, String startedAt,
			String finishedAt) {
		return new RunOutcome(runId, exitCode, "failed", startedAt, finishedAt, List.of(), message, List.of(),
				List.of(), null);
	}

	/** Whether people should be told: nothing published, some districts failed, not served, nothing to load. */
	public boolean isIncident() {
		return INCIDENTS.contains(this.exitCode);
	}

	/** A good night: everything published (or nothing new, the published warehouse current). */
	public boolean isGood() {
		return this.exitCode == LoadRun.PUBLISHED;
	}

	/** Whether this run put a new warehouse in place (fully or partly). */
	public boolean published() {
		return this.exitCode == LoadRun.PUBLISHED || this.exitCode == LoadRun.PARTIAL || this.exitCode == NOT_SERVED;
	}

	public List<RunReport.DistrictResult> failedDistricts() {
		return this.districts.stream().filter((d) -> "failed".equals(d.status())).toList();
	}

	/** District snapshots this run staged and, when it published, put in the warehouse. */
	public List<RunReport.DistrictResult> stagedDistricts() {
		return this.districts.stream().filter((d) -> "staged".equals(d.status())).toList();
	}

	public List<RunReport.DistrictResult> skippedDistricts() {
		return this.districts.stream().filter((d) -> "skipped".equals(d.status())).toList();
	}

}
