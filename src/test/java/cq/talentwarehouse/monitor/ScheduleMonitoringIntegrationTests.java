package cq.talentwarehouse.monitor;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import cq.talentwarehouse.TalentWarehouseApplication;
import cq.talentwarehouse.run.LoadRun;
import cq.talentwarehouse.run.RunReport;
import cq.talentwarehouse.schedule.NightlySchedule;
import cq.talentwarehouse.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code schedule} with {@code talent.monitor.port}: Prometheus is scraped over HTTP on loopback and
 * the exposition parsed; the health endpoint turns DOWN after a failed night.
 */
class ScheduleMonitoringIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@TempDir
	Path dir;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void servesTheLoadsGaugesAndTimersAndTurnsDownAfterAFailedNight() throws Exception {
		// given a schedule process with metrics on a free port
		Path landing = Fixtures.functionalLanding(this.dir);
		Path warehouse = this.dir.resolve("warehouse/talent.duckdb");
		int port = freePort();
		List<String> arguments = new ArrayList<>(Fixtures.arguments(Fixtures.relaxedPipelines(this.dir.resolve("pipelines")),
				landing, warehouse, this.dir.resolve("key")));
		arguments.add("--talent.monitor.port=" + port);
		SpringApplication app = new SpringApplication(TalentWarehouseApplication.class);
		app.setWebApplicationType(WebApplicationType.SERVLET);
		app.setAdditionalProfiles("schedule");
		try (ConfigurableApplicationContext context = app.run(arguments.toArray(String[]::new));
				PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
			String base = "http://127.0.0.1:" + port + "/actuator/";
			// before any run: no publish yet, so the health is DOWN and the gauges say never
			assertThat(get(base + "health").statusCode()).isEqualTo(503);
			assertThat(PrometheusText.value(scrape(base), "talent_last_publish_timestamp_seconds")).isZero();

			// when the schedule fires a good night
			NightlySchedule schedule = context.getBean(NightlySchedule.class);
			schedule.start("* * * * * *", ZoneId.of("Asia/Shanghai"), out);
			Path runs = warehouse.getParent().resolve("runs");
			long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
			while (finishedRuns(runs) < 1 && System.nanoTime() < deadline) {
				Thread.sleep(100);
			}
			schedule.stop();
			RunReport good = RunReport.list(runs).stream().filter((r) -> r.finishedAt() != null).toList()
				.get(RunReport.list(runs).size() - 1);
			assertThat(good.exitCode()).isEqualTo(LoadRun.PUBLISHED);

			// then a scrape parses and carries the gauges and the Spring Batch timers
			List<PrometheusText.Sample> metrics = scrape(base);
			assertThat(PrometheusText.value(metrics, "talent_last_run_exit_code")).isZero();
			assertThat(PrometheusText.value(metrics, "talent_last_run_success")).isEqualTo(1.0);
			assertThat(PrometheusText.value(metrics, "talent_stale_districts")).isZero();
			double published = PrometheusText.value(metrics, "talent_last_publish_timestamp_seconds");
			assertThat(published).isBetween(Instant.now().getEpochSecond() - 300.0, Instant.now().getEpochSecond() + 1.0);
			RunReport.SourceResult roster = good.sources().stream()
				.filter((s) -> s.district().equals("500116") && s.source().equals("roster"))
				.findFirst()
				.orElseThrow();
			assertThat(PrometheusText.value(metrics, "talent_records_read", "district", "500116", "source", "roster"))
				.isEqualTo((double) roster.read()).isPositive();
			assertThat(PrometheusText.value(metrics, "talent_records_loaded", "district", "500116", "source", "roster")
					+ PrometheusText.value(metrics, "talent_records_quarantined", "district", "500116", "source", "roster"))
				.isEqualTo((double) roster.read());
			assertThat(PrometheusText.value(metrics, "talent_records_quarantined", "district", "500116", "source", "roster"))
				.isEqualTo((double) roster.quarantined()).isPositive();
			assertThat(PrometheusText.value(metrics, "spring_batch_job_seconds_count", "spring_batch_job_name",
					"districtStageJob", "spring_batch_job_status", "COMPLETED")).isEqualTo(2.0);
			assertThat(PrometheusText.value(metrics, "spring_batch_step_seconds_count", "spring_batch_step_name",
					"rosterStageStep", "spring_batch_step_status", "COMPLETED")).isEqualTo(2.0);
			assertThat(PrometheusText.value(metrics, "talent_last_run_step_duration_seconds", "step", "warehouseBuildStep"))
				.isPositive();
			assertThat(PrometheusText.has(metrics, "jvm_memory_used_bytes")).isTrue();
			HttpResponse<String> health = get(base + "health");
			assertThat(health.statusCode()).isEqualTo(200);
			JsonNode up = JSON.readTree(health.body());
			assertThat(up.get("status").asText()).isEqualTo("UP");
			assertThat(up.at("/components/nightlyLoad/status").asText()).isEqualTo("UP");

			// when 秀山's page is corrupt the next night
			Files.writeString(landing.resolve("xiushan/2021-08-31/xs_rencai_page_002.json"), "{\"data\": {\"records\": [",
					StandardCharsets.UTF_8);
			int exit = context.getBean(LoadRun.class).run(Set.of(), out);

			// then health is DOWN (HTTP 503) saying why, and the gauges show the failed night
			assertThat(exit).isEqualTo(LoadRun.PARTIAL);
			health = get(base + "health");
			assertThat(health.statusCode()).isEqualTo(503);
			JsonNode down = JSON.readTree(health.body());
			assertThat(down.get("status").asText()).isEqualTo("DOWN");
			assertThat(down.at("/components/nightlyLoad/details/reason").asText()).isEqualTo("the last run failed");
			assertThat(down.at("/components/nightlyLoad/details/failedDistricts/0").asText()).isEqualTo("500241");
			metrics = scrape(base);
			assertThat(PrometheusText.value(metrics, "talent_last_run_exit_code")).isEqualTo(3.0);
			assertThat(PrometheusText.value(metrics, "talent_last_run_success")).isZero();
			assertThat(PrometheusText.value(metrics, "talent_stale_districts")).isEqualTo(1.0);
			assertThat(PrometheusText.value(metrics, "talent_district_stale", "district", "500241")).isEqualTo(1.0);

			// and the endpoint listens on loopback only
			InetAddress outside = nonLoopbackAddress();
			if (outside != null) {
				try (Socket socket = new Socket()) {
					org.assertj.core.api.Assertions.assertThatThrownBy(
							() -> socket.connect(new InetSocketAddress(outside, port), 2000))
						.isInstanceOf(java.io.IOException.class);
				}
			}
		}
	}

	@Test
	void startsNoServerWithoutAPort() throws Exception {
		Path warehouse = this.dir.resolve("warehouse/talent.duckdb");
		SpringApplication app = new SpringApplication(TalentWarehouseApplication.class);
		app.setWebApplicationType(WebApplicationType.SERVLET);
		app.setAdditionalProfiles("schedule");
		try (ConfigurableApplicationContext context = app.run(Fixtures
			.arguments(Path.of("pipelines").toAbsolutePath(), this.dir.resolve("landing"), warehouse, this.dir.resolve("key"))
			.toArray(String[]::new))) {
			assertThat(((WebServerApplicationContext) context).getWebServer().getPort()).isLessThan(0);
		}
	}

	private List<PrometheusText.Sample> scrape(String base) throws Exception {
		HttpResponse<String> response = get(base + "prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
		return PrometheusText.parse(response.body());
	}

	private HttpResponse<String> get(String url) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static long finishedRuns(Path runs) throws Exception {
		return RunReport.list(runs).stream().filter((r) -> r.finishedAt() != null).count();
	}

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static InetAddress nonLoopbackAddress() throws Exception {
		for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (nic.isUp() && !nic.isLoopback()) {
				for (InetAddress address : Collections.list(nic.getInetAddresses())) {
					if (address instanceof java.net.Inet4Address) {
						return address;
					}
				}
			}
		}
		return null;
	}

}
