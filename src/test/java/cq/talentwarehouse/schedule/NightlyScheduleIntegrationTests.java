package cq.talentwarehouse.schedule;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import cq.talentwarehouse.cli.TalentWarehouseApplication;
import cq.talentwarehouse.run.RunReport;

import static org.assertj.core.api.Assertions.assertThat;

/** The schedule fires loads on its cron, keeps firing after a failed load, and stops cleanly. */
class NightlyScheduleIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void firesLoadsOnItsCronAndKeepsFiringAfterAFailedLoad() throws Exception {
		// given: a landing zone with no snapshot folders, so every load ends as "nothing to load" (exit 6)
		Path landing = Files.createDirectories(this.dir.resolve("landing/jiangjin/not-a-date"));
		Path warehouse = this.dir.resolve("warehouse/talent.duckdb");
		SpringApplication app = new SpringApplication(TalentWarehouseApplication.class);
		app.setWebApplicationType(WebApplicationType.NONE);
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		try (ConfigurableApplicationContext context = app.run("--talent.warehouse=" + warehouse,
				"--talent.pipelines=" + Path.of("pipelines").toAbsolutePath(), "--talent.landing=" + landing.getParent().getParent(),
				"--talent.pseudonym-key-file=" + this.dir.resolve("key"),
				"--spring.datasource.url=jdbc:h2:file:" + this.dir.resolve("warehouse/job-repository"));
				PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
			NightlySchedule schedule = context.getBean(NightlySchedule.class);

			// when: every second
			schedule.start("* * * * * *", ZoneId.of("Asia/Shanghai"), out);
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (reports(warehouse.getParent().resolve("runs")) < 2 && System.nanoTime() < deadline) {
				Thread.sleep(100);
			}
			schedule.stop();

			// then
			List<RunReport> reports = RunReport.list(warehouse.getParent().resolve("runs"));
			assertThat(reports).hasSizeGreaterThanOrEqualTo(2);
			assertThat(reports).allSatisfy((r) -> assertThat(r.status()).isEqualTo("landing_empty"));
			assertThat(schedule.fires()).isGreaterThanOrEqualTo(2);
			assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("WARNING: nothing to load: the landing zone");
		}
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void stopsBetweenLoadsWithoutTouchingAJobRepositoryAlreadyClosed(
			CapturedOutput output) throws Exception {
		// given a schedule that has not fired, and a job repository closed under it (as H2's own
		// shutdown hook closes it when the process gets SIGTERM)
		Path warehouse = this.dir.resolve("warehouse/talent.duckdb");
		SpringApplication app = new SpringApplication(TalentWarehouseApplication.class);
		app.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = app.run("--talent.warehouse=" + warehouse,
				"--talent.pipelines=" + Path.of("pipelines").toAbsolutePath(), "--talent.landing=" + this.dir.resolve("landing"),
				"--talent.pseudonym-key-file=" + this.dir.resolve("key"),
				"--spring.datasource.url=jdbc:h2:file:" + this.dir.resolve("warehouse/job-repository"));
				PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
			NightlySchedule schedule = context.getBean(NightlySchedule.class);
			schedule.start("0 0 2 * * *", ZoneId.of("Asia/Shanghai"), out);
			// (not closed after: the connection died with the database)
			context.getBean(DataSource.class).getConnection().createStatement().execute("shutdown");

			// when it stops
			schedule.stop();

			// then nothing was asked of the closed repository: no error, no stack trace
			assertThat(output.getAll()).doesNotContain("ERROR", "Could not stop running", "database has been closed");
			// and a run started now loads in its own process
			assertThat(warehouse.getParent().resolve(RunHandoff.PORT_FILE)).doesNotExist();
		}
	}

	private static long reports(Path runs) throws Exception {
		if (!Files.isDirectory(runs)) {
			return 0;
		}
		try (Stream<Path> s = Files.list(runs)) {
			return s.filter((d) -> Files.exists(d.resolve("report.json"))).count();
		}
	}

}
