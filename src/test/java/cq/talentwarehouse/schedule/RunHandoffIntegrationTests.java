package cq.talentwarehouse.schedule;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import cq.talentwarehouse.cli.TalentCommand;
import cq.talentwarehouse.cli.TalentWarehouseApplication;
import cq.talentwarehouse.run.LoadRun;
import cq.talentwarehouse.run.RunLock;
import cq.talentwarehouse.run.RunReport;
import cq.talentwarehouse.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code run} started while a schedule serves the same warehouse loads in the schedule's process:
 * the command line (or the launcher, with bash alone) hands it over the schedule's loopback port and
 * prints what the schedule's run prints.
 */
@ExtendWith(OutputCaptureExtension.class)
class RunHandoffIntegrationTests {

	@TempDir
	static Path dir;

	private static Path warehouse;

	private static ConfigurableApplicationContext context;

	private static NightlySchedule schedule;

	@BeforeAll
	static void startScheduleOnTheFixtureWarehouse() throws Exception {
		warehouse = Fixtures.fixtureLoad(dir);
		// a schedule killed with -9 left its port file behind: the new one takes it over
		leaveAKilledSchedulesPortFile(portFile());
		SpringApplication app = new SpringApplication(TalentWarehouseApplication.class);
		app.setWebApplicationType(WebApplicationType.NONE);
		context = app.run(Fixtures.arguments(dir.resolve("pipelines"), dir.resolve("landing"), warehouse,
				dir.resolve("key")).toArray(String[]::new));
		schedule = context.getBean(NightlySchedule.class);
		schedule.start("0 0 2 1 1 *", ZoneId.of("Asia/Shanghai"), new PrintStream(new ByteArrayOutputStream(), true,
				StandardCharsets.UTF_8));
	}

	@AfterAll
	static void stopSchedule() {
		if (context != null) {
			schedule.stop();
			context.close();
		}
	}

	@Test
	void handsACommandLineRunToTheScheduleServingTheSameWarehouse(CapturedOutput output) throws Exception {
		// given 江津 delivers a new snapshot while the schedule waits for its next fire
		Path fixture = Fixtures.FUNCTIONAL_LANDING.resolve("jiangjin/2023-12-31");
		Path folder = Files.createDirectories(dir.resolve("landing/jiangjin/2024-12-31"));
		for (String file : List.of("企业资质名单.csv", "创新平台名单.csv", "人才资源花名册.csv")) {
			Files.copy(fixture.resolve(file), folder.resolve(file));
		}

		// when cron starts `run` for it
		int exit = TalentCommand.execute("run", "--warehouse", warehouse.toString(), "--pipelines",
				dir.resolve("pipelines").toString(), "--landing", dir.resolve("landing").toString(), "--district",
				"500116");

		// then the schedule loaded it and the command printed its run's table and exit
		assertThat(exit).as(output.getAll()).isEqualTo(LoadRun.PUBLISHED);
		assertThat(output.getErr()).contains("Handed to the running schedule (schedule pid " + ProcessHandle.current().pid());
		assertThat(output.getOut()).contains("2024-12-31", "人才资源花名册.csv", "published in");
		assertThat(output.getAll()).contains("Handed run starting (500116)", "Handed run ended with exit 0");
		List<RunReport> reports = RunReport.list(warehouse.getParent().resolve("runs"));
		assertThat(reports.get(0).status()).isEqualTo("published");
		try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + warehouse, readOnly());
				ResultSet rs = db.createStatement().executeQuery("select count(*) from dw.fct_talent_snapshot f"
						+ " join dw.dim_district d using (district_sk) where d.district_code = '500116'"
						+ " and f.snapshot_date_sk = 20241231")) {
			rs.next();
			assertThat(rs.getLong(1)).isPositive();
		}
		// and only the warehouse's owner may hand runs over
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(portFile()))).isEqualTo("rw-------");
		// and once the run ended, the schedule prepared the next night's working copy of what it published
		context.getBean(LoadRun.class).nextRun().await();
		Path nextCopy = warehouse.getParent().resolve("work").resolve(warehouse.getFileName());
		assertThat(Files.readString(Path.of(nextCopy + ".prepared"), StandardCharsets.UTF_8)).startsWith("between runs, seeds ")
			.contains(warehouse.toAbsolutePath().toString());
	}

	@Test
	void theLauncherHandsACronLineOverWithBashAloneAndEndsWithTheRunsExit(CapturedOutput output) throws Exception {
		// given the launcher installed beside a stand-in jar (no JVM could start from it)
		Path app = Files.createDirectories(dir.resolve("app/bin"));
		Files.copy(Path.of("src/main/bin/talent-warehouse"), app.resolve("talent-warehouse"));
		app.resolve("talent-warehouse").toFile().setExecutable(true);
		Files.writeString(app.resolveSibling("talent-warehouse.jar"), "stand-in");

		// when cron runs it with a cron line's folders, --force (so that the run loads) and a relative seeds folder
		ProcessBuilder cron = new ProcessBuilder(app.resolve("talent-warehouse").toString(), "run", "--force",
				"--warehouse=" + warehouse, "--pipelines", dir.resolve("pipelines").toString(), "--landing",
				dir.resolve("landing").toString(), "--seeds", "seeds");
		cron.environment().keySet().removeIf((name) -> name.startsWith("TALENT_"));
		Path stdout = dir.resolve("launcher.out");
		Path stderr = dir.resolve("launcher.err");
		Process process = cron.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
		assertThat(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

		// then the schedule ran it and the launcher printed its table and ended with its exit, no JVM started
		String err = Files.readString(stderr, StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(err + output.getAll()).isEqualTo(LoadRun.PUBLISHED);
		assertThat(err).contains("Handed to the running schedule (schedule pid " + ProcessHandle.current().pid())
			.doesNotContain("Not handed");
		assertThat(Files.readString(stdout, StandardCharsets.UTF_8)).contains("人才资源花名册.csv", "published in");
		assertThat(output.getAll()).contains("Handed run starting (every district, forced)", "Handed run ended with exit 0");
		// and the token that lets a run in is in no output or log: only the owner's port file holds it
		String token = RunHandoff.Endpoint.read(portFile()).token();
		assertThat(err + Files.readString(stdout, StandardCharsets.UTF_8) + output.getAll()).doesNotContain(token);
	}

	@Test
	void declinesARunOfAnotherLandingZoneSoTheCommandLoadsItself() {
		// given a run naming another landing zone than the schedule's
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		RunHandoff.Request request = new RunHandoff.Request(warehouse, dir.resolve("pipelines"),
				dir.resolve("elsewhere"), Path.of("seeds"), List.of(), false);

		// when it is offered to the schedule
		OptionalInt handed = RunHandoff.handOff(warehouse.getParent(), request, new PrintStream(new ByteArrayOutputStream()),
				new PrintStream(err, true, StandardCharsets.UTF_8));

		// then the schedule declines it, saying why
		assertThat(handed).isEmpty();
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("Not handed to the running schedule (the schedule reads the landing zone "
				+ dir.resolve("landing").toAbsolutePath());
	}

	@Test
	void refusesAHandedRunWhileAnotherLoadHoldsTheRunLock() throws Exception {
		// given a load under way (once the schedule is done preparing the next run's working copy, which
		// holds the lock while it copies)
		context.getBean(LoadRun.class).nextRun().await();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		try (RunLock held = RunLock.acquire(warehouse.getParent().resolve("run.lock"))) {
			// when a run is handed over
			OptionalInt handed = RunHandoff.handOff(warehouse.getParent(), request(),
					new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

			// then it ends as a second process would: exit 4, saying who loads
			assertThat(handed).hasValue(LoadRun.RUN_IN_PROGRESS);
			assertThat(err.toString(StandardCharsets.UTF_8)).contains("A run is in progress (pid " + ProcessHandle.current().pid());
		}
	}

	@Test
	void runsHereWhenNoScheduleListens(@TempDir Path other) throws Exception {
		// given the port file a killed schedule left in another warehouse's folder
		Path stateDir = Files.createDirectories(other.resolve("warehouse"));
		leaveAKilledSchedulesPortFile(RunHandoff.portFile(stateDir));
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		PrintStream stream = new PrintStream(printed, true, StandardCharsets.UTF_8);

		// when a run is offered there
		OptionalInt handed = RunHandoff.handOff(stateDir, new RunHandoff.Request(stateDir.resolve("talent.duckdb"),
				Path.of("pipelines"), other.resolve("landing"), Path.of("seeds"), List.of(), false), stream, stream);

		// then nobody takes it and nothing is printed: the command loads in its own process, and the
		// leftover port file is gone (the launcher tries no hand-over for the next run)
		assertThat(handed).isEmpty();
		assertThat(printed.size()).isZero();
		assertThat(RunHandoff.portFile(stateDir)).doesNotExist();
	}

	/** A port file naming a port nobody listens on any more, as a schedule killed with -9 leaves it. */
	private static void leaveAKilledSchedulesPortFile(Path portFile) throws Exception {
		try (ServerSocket killed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Files.writeString(portFile, killed.getLocalPort() + " " + "0f".repeat(32) + "\n");
		}
	}

	private static RunHandoff.Request request() {
		return new RunHandoff.Request(warehouse, dir.resolve("pipelines"), dir.resolve("landing"),
				Path.of("seeds"), List.of(), false);
	}

	private static java.util.Properties readOnly() {
		java.util.Properties properties = new java.util.Properties();
		properties.setProperty("duckdb.read_only", "true");
		return properties;
	}

	private static Path portFile() {
		return RunHandoff.portFile(warehouse.getParent());
	}

}
