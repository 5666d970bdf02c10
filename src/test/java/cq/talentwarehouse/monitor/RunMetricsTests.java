package cq.talentwarehouse.monitor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Status;

import cq.talentwarehouse.TalentProperties;
import cq.talentwarehouse.run.RunOutcome;
import cq.talentwarehouse.run.RunReport;

import static org.assertj.core.api.Assertions.assertThat;

/** The gauges and health read from run reports alone, and the textfile written for node_exporter. */
class RunMetricsTests {

	@TempDir
	Path dir;

	@Test
	void writesTheTextfileAtomicallyWithTheGaugesOfTheLastRuns() throws Exception {
		// given a published night, then a partly failed one
		TalentProperties properties = properties();
		Path textfile = this.dir.resolve("textfile/talent_warehouse.prom");
		properties.getMonitor().setTextfile(textfile);
		LocalDateTime published = LocalDateTime.now().minusDays(1);
		report("run-20261205T020000000", published, 0, "published", district("500116", "staged", null));
		RunReport partial = report("run-20261206T020000000", LocalDateTime.now().minusMinutes(5), 3, "partial",
				district("500116", "staged", null), district("500241", "failed", "xs_rencai_page_*.json: page 4 missing"));

		// when the metrics hear of the last run
		new RunMetrics(properties).runEnded(RunOutcome.of(partial));

		// then the textfile holds them, and nothing else is left in its folder
		List<PrometheusText.Sample> metrics = PrometheusText.parse(Files.readString(textfile));
		assertThat(PrometheusText.value(metrics, "talent_last_run_exit_code")).isEqualTo(3.0);
		assertThat(PrometheusText.value(metrics, "talent_last_run_success")).isZero();
		assertThat(PrometheusText.value(metrics, "talent_last_run_duration_seconds")).isEqualTo(4.5);
		assertThat(PrometheusText.value(metrics, "talent_stale_districts")).isEqualTo(1.0);
		assertThat(PrometheusText.value(metrics, "talent_district_stale", "district", "500241")).isEqualTo(1.0);
		assertThat(PrometheusText.value(metrics, "talent_records_read", "district", "500116", "source", "roster"))
			.isEqualTo(120.0);
		assertThat(PrometheusText.value(metrics, "talent_records_loaded", "district", "500116", "source", "roster"))
			.isEqualTo(117.0);
		assertThat(PrometheusText.value(metrics, "talent_records_quarantined", "district", "500116", "source", "roster"))
			.isEqualTo(3.0);
		// a partial night published the districts that staged
		assertThat(PrometheusText.value(metrics, "talent_last_publish_timestamp_seconds"))
			.isEqualTo((double) LoadState.instant(partial.finishedAt()).toEpochMilli() / 1000.0);
		assertThat(PrometheusText.value(metrics, "talent_run_in_progress_seconds")).isZero();
		try (Stream<Path> files = Files.list(textfile.getParent())) {
			assertThat(files.map((f) -> f.getFileName().toString()).toList()).containsExactly("talent_warehouse.prom");
		}
	}

	@Test
	void healthIsDownWhenTheLastPublishIsOlderThanTheConfiguredAge() throws Exception {
		// given one good night 30 hours ago
		TalentProperties properties = properties();
		report("run-20261205T020000000", LocalDateTime.now().minusHours(30), 0, "published",
				district("500116", "staged", null));
		RunMetrics metrics = new RunMetrics(properties);

		// then with the default 26 h it is DOWN, with 48 h UP
		assertThat(new LoadHealthIndicator(metrics, properties).health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(new LoadHealthIndicator(metrics, properties).health().getDetails().get("reason"))
			.isEqualTo("no publish within PT26H");
		properties.getMonitor().setMaxPublishAge(Duration.ofHours(48));
		assertThat(new LoadHealthIndicator(metrics, properties).health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void aRunThatNeverFinishedShowsAsInProgressAndTheRunBeforeItAsLast() throws Exception {
		// given a good night, then a run killed (its report still says running)
		TalentProperties properties = properties();
		report("run-20261205T020000000", LocalDateTime.now().minusDays(1), 0, "published", district("500116", "staged", null));
		new RunReport("run-20261206T020000000", LocalDateTime.now().minusHours(2).toString(), null, "running", -1, null,
				List.of(district("500116", "pending", null)), null)
			.write(this.dir.resolve("warehouse/runs/run-20261206T020000000/report.json"));

		// when
		LoadState state = new RunMetrics(properties).state();

		// then
		assertThat(state.lastRun().runId()).isEqualTo("run-20261205T020000000");
		assertThat(state.runningSince()).isNotNull();
		Path textfile = this.dir.resolve("t.prom");
		RunMetrics.writeTextfile(textfile, state);
		assertThat(PrometheusText.value(PrometheusText.parse(Files.readString(textfile)), "talent_run_in_progress_seconds"))
			.isBetween(7100.0, 7300.0);
	}

	private TalentProperties properties() {
		TalentProperties properties = new TalentProperties();
		properties.setWarehouse(this.dir.resolve("warehouse/talent.duckdb"));
		return properties;
	}

	private RunReport report(String runId, LocalDateTime started, int exit, String status,
			RunReport.DistrictResult... districts) throws Exception {
		RunReport report = new RunReport(runId, started.toString(), started.plusNanos(4_500_000_000L).toString(), status,
				exit, null, List.of(districts), null,
				List.of(new RunReport.SourceResult("500116", "2023-12-31", "roster", "r.csv", 120, 117, 3, 1.5, "")),
				List.of(), java.util.Map.of());
		report.write(this.dir.resolve("warehouse/runs").resolve(runId).resolve("report.json"));
		return report;
	}

	private static RunReport.DistrictResult district(String code, String status, String message) {
		return new RunReport.DistrictResult(code, "区" + code, "2023-12-31", "p.yaml", "landing/" + code, status, message);
	}

}
