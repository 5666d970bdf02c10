package cq.talentwarehouse.schedule;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import cq.talentwarehouse.cli.TalentWarehouseApplication;
import cq.talentwarehouse.demo.DemoDataGenerator;
import cq.talentwarehouse.run.LoadRun;
import cq.talentwarehouse.run.RunReport;
import cq.talentwarehouse.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A schedule stopped (as by SIGTERM) while it loads a handed run stops that run like its own: the
 * command that handed it gets the stopped run's output and exit 1, and {@code restart} publishes it;
 * a run refused meanwhile does not keep the loading one from being stopped.
 */
class HandedRunStopIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void aRunRefusedWhileAnotherLoadsLeavesThatLoadStoppable() throws Exception {
		// given the demo's load under way in this process (as a schedule's own or handed load)
		Path landing = this.dir.resolve("landing");
		DemoDataGenerator.generate(landing, DemoDataGenerator.DEFAULT_SEED);
		Path warehouse = this.dir.resolve("warehouse/talent.duckdb");
		SpringApplication app = new SpringApplication(TalentWarehouseApplication.class);
		app.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = app.run(Fixtures.arguments(Path.of("pipelines").toAbsolutePath(),
				landing, warehouse, this.dir.resolve("key")).toArray(String[]::new))) {
			LoadRun loadRun = context.getBean(LoadRun.class);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			AtomicReference<Integer> first = new AtomicReference<>();
			Thread loading = new Thread(() -> {
				try {
					first.set(loadRun.run(java.util.Set.of(), new PrintStream(out, true, StandardCharsets.UTF_8)));
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			loading.start();
			awaitStaging(out);

			// when a second run (a handed one) is refused by the run lock, and then the process stops
			ByteArrayOutputStream refused = new ByteArrayOutputStream();
			int second = loadRun.run(java.util.Set.of(), new PrintStream(refused, true, StandardCharsets.UTF_8));
			loadRun.requestStop();
			loading.join(Duration.ofSeconds(120).toMillis());

			// then the refused run said so, and the first still heard the stop: nothing published
			assertThat(second).isEqualTo(LoadRun.RUN_IN_PROGRESS);
			assertThat(refused.toString(StandardCharsets.UTF_8)).contains("A run is in progress");
			assertThat(first.get()).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(LoadRun.NOTHING_PUBLISHED);
			assertThat(out.toString(StandardCharsets.UTF_8)).contains("stopped before publishing; resume it with: restart");
			assertThat(warehouse).doesNotExist();
		}
	}

	@Test
	void scheduleStoppedDuringAHandedRunLeavesItForRestartAndTellsTheCommand() throws Exception {
		// given the demo's landing zone and a schedule serving it
		Path landing = this.dir.resolve("landing");
		DemoDataGenerator.generate(landing, DemoDataGenerator.DEFAULT_SEED);
		Path warehouse = this.dir.resolve("warehouse/talent.duckdb");
		List<String> arguments = Fixtures.arguments(Path.of("pipelines").toAbsolutePath(), landing, warehouse,
				this.dir.resolve("key"));
		SpringApplication app = new SpringApplication(TalentWarehouseApplication.class);
		app.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = app.run(arguments.toArray(String[]::new))) {
			NightlySchedule schedule = context.getBean(NightlySchedule.class);
			schedule.start("0 0 2 1 1 *", ZoneId.of("Asia/Shanghai"), new PrintStream(new ByteArrayOutputStream()));

			// when a command hands it the demo's load, and the schedule is stopped once districts stage
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			AtomicReference<OptionalInt> handed = new AtomicReference<>();
			RunHandoff.Request request = new RunHandoff.Request(warehouse, Path.of("pipelines"), landing, Path.of("seeds"),
					List.of(), false);
			Thread command = new Thread(() -> handed.set(RunHandoff.handOff(warehouse.getParent(), request,
					new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()))));
			command.start();
			awaitStaging(out);
			schedule.stop();
			command.join(Duration.ofSeconds(120).toMillis());

			// then the command printed the stop and exited 1; nothing was published
			assertThat(handed.get()).as(out.toString(StandardCharsets.UTF_8)).hasValue(LoadRun.NOTHING_PUBLISHED);
			assertThat(out.toString(StandardCharsets.UTF_8)).contains("stopped before publishing; resume it with: restart");
			assertThat(warehouse).doesNotExist();

			// and restart publishes the run
			int restarted = context.getBean(LoadRun.class).restart(new PrintStream(new ByteArrayOutputStream()));
			assertThat(restarted).isEqualTo(LoadRun.PUBLISHED);
			assertThat(RunReport.list(warehouse.getParent().resolve("runs")).get(0).status()).isEqualTo("published");
		}
	}

	/** Waits until a load printed that its districts stage (up to a minute). */
	private static void awaitStaging(ByteArrayOutputStream out) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!out.toString(StandardCharsets.UTF_8).contains("staging ") && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
	}

}
