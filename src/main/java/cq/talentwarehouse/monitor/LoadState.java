package cq.talentwarehouse.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import cq.talentwarehouse.load.DuckDb;
import cq.talentwarehouse.run.MetricsSummary;
import cq.talentwarehouse.run.RunOutcome;
import cq.talentwarehouse.run.RunReport;

/**
 * What the gauges and the health check show, read from the run reports under
 * {@code warehouse/runs/} and the published warehouse — so a process started after the night (a
 * restarted schedule, a cron run) shows the same as the one that ran it.
 *
 * @param lastRun the outcome of the last run that finished, null before the first
 * @param lastPublish end of the last run that published (fully or partly) or found every snapshot
 * unchanged, so that the published warehouse was current; null when none did
 * @param runningSince start of a run that has not finished (running now, or killed), else null
 * @param staleDistricts districts whose marts show an older snapshot because their last load failed
 * @param sources per district and source counts of the last run that staged anything
 * @param jobSeconds the last run's time per Spring Batch job (summed over its executions)
 * @param stepSeconds the last run's time per Spring Batch step (summed over its districts)
 */
public record LoadState(RunOutcome lastRun, Instant lastPublish, Instant runningSince, List<String> staleDistricts,
		List<RunReport.SourceResult> sources, Map<String, Double> jobSeconds, Map<String, Double> stepSeconds) {

	static final LoadState NONE = new LoadState(null, null, null, List.of(), List.of(), Map.of(), Map.of());

	/** Reads the state of the warehouse whose run reports are in {@code runsFolder}. */
	public static LoadState read(Path runsFolder, Path warehouse) throws IOException {
		List<RunReport> reports = RunReport.list(runsFolder);
		RunReport last = null;
		Instant lastPublish = null;
		Instant runningSince = null;
		List<RunReport.SourceResult> sources = null;
		for (RunReport report : reports) {
			boolean finished = report.finishedAt() != null && !"running".equals(report.status());
			if (!finished) {
				if (last == null && runningSince == null && "running".equals(report.status())) {
					runningSince = instant(report.startedAt());
				}
				continue;
			}
			if (last == null) {
				last = report;
			}
			if (lastPublish == null && RunOutcome.of(report).published() || lastPublish == null && report.exitCode() == 0) {
				lastPublish = instant(report.finishedAt());
			}
			if (sources == null && report.sources() != null && !report.sources().isEmpty()) {
				sources = report.sources();
			}
			if (last != null && lastPublish != null && sources != null) {
				break;
			}
		}
		RunOutcome outcome = (last != null) ? RunOutcome.of(last) : null;
		TreeSet<String> stale = new TreeSet<>(staleInWarehouse(warehouse));
		if (outcome != null) {
			// a run whose every changed district failed rebuilds no marts: they are behind all the same
			outcome.failedDistricts().forEach((d) -> stale.add(d.district()));
		}
		Map<String, Double> jobs = new LinkedHashMap<>();
		Map<String, Double> steps = new LinkedHashMap<>();
		if (outcome != null) {
			for (MetricsSummary.Timing t : outcome.timings()) {
				if (t.name().equals("spring.batch.job")) {
					jobs.merge(tag(t.tags(), "spring.batch.job.name"), t.totalSeconds(), Double::sum);
				}
				else if (t.name().equals("spring.batch.step")) {
					steps.merge(tag(t.tags(), "spring.batch.step.name"), t.totalSeconds(), Double::sum);
				}
			}
		}
		return new LoadState(outcome, lastPublish, runningSince, List.copyOf(stale),
				(sources != null) ? sources : List.of(), jobs, steps);
	}

	/** Whether the last run ended as an incident (nothing published, districts failed, ...). */
	public boolean lastRunFailed() {
		return this.lastRun != null && !this.lastRun.isGood();
	}

	/** The last run's wall time in seconds, 0 before the first. */
	public double lastRunSeconds() {
		if (this.lastRun == null || this.lastRun.startedAt() == null || this.lastRun.finishedAt() == null) {
			return 0;
		}
		return java.time.Duration.between(LocalDateTime.parse(this.lastRun.startedAt()),
				LocalDateTime.parse(this.lastRun.finishedAt())).toMillis() / 1000.0;
	}

	static Instant instant(String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(ZoneId.systemDefault()).toInstant();
	}

	private static String tag(String tags, String key) {
		for (String pair : tags.split(",")) {
			if (pair.startsWith(key + "=")) {
				return pair.substring(key.length() + 1);
			}
		}
		return "unknown";
	}

	private static List<String> staleInWarehouse(Path warehouse) {
		if (!Files.exists(warehouse)) {
			return List.of();
		}
		List<String> codes = new ArrayList<>();
		try (Connection c = DuckDb.openReadOnly(warehouse); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery(
						"select distinct district_code from mart.district_load_status where is_stale order by 1")) {
			while (rs.next()) {
				codes.add(rs.getString(1));
			}
		}
		catch (SQLException ex) {
			// a warehouse of an older version without the view: nothing known to be stale
			return List.of();
		}
		return codes;
	}

}
