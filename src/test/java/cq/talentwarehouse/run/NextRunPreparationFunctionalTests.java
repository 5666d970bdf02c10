package cq.talentwarehouse.run;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import cq.talentwarehouse.TalentProperties;
import cq.talentwarehouse.cli.TalentWarehouseApplication;
import cq.talentwarehouse.load.DuckDb;
import cq.talentwarehouse.load.WarehousePublishJobConfiguration;
import cq.talentwarehouse.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process that outlives its runs (the schedule) prepares the next run's working copy once a run
 * ends; the next night builds on it and publishes exactly what it would have published without it,
 * unless the seeds changed in between, which the night then loads; none while the last run awaits
 * restart, or when switched off.
 */
@ExtendWith(OutputCaptureExtension.class)
class NextRunPreparationFunctionalTests {

	@TempDir
	Path dir;

	@Test
	void nightBuildsOnTheCopyPreparedBetweenRunsAndPublishesWhatItWouldHaveWithout(CapturedOutput output) throws Exception {
		// given the fixture warehouse twice, and 江津's next snapshot delivered to both
		Path prepared = Fixtures.fixtureLoad(this.dir.resolve("prepared"));
		Path plain = Fixtures.fixtureLoad(this.dir.resolve("plain"));
		Fixtures.smallJiangjinSnapshot(this.dir.resolve("prepared"), 5);
		Fixtures.smallJiangjinSnapshot(this.dir.resolve("plain"), 5);

		// when one process prepares the next run's copy between runs and then loads the night, and the
		// other warehouse loads the same night without one
		int exit = inOneProcess(arguments(this.dir.resolve("prepared"), prepared), (loadRun, workingCopy) -> {
			prepare(loadRun);
			// and read what the night's plan reads of the published file, which the plan then does not open
			assertThat(PublishedFacts.isKept(prepared)).isTrue();
			return loadRun.run(Set.of(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
		});
		String preparedNight = output.getAll();
		Fixtures.runPublished(arguments(this.dir.resolve("plain"), plain));

		// then the night published the copy prepared between runs, and both published the same warehouse
		assertThat(exit).isEqualTo(LoadRun.PUBLISHED);
		assertThat(preparedNight).contains(TAKEN).doesNotContain(NOT_TAKEN);
		assertThat(Fixtures.marts(prepared)).isEqualTo(Fixtures.marts(plain));
		String facts = "select d.district_code, f.snapshot_date_sk, count(*), count(distinct f.person_sk)"
				+ " from dw.fct_talent_snapshot f join dw.dim_district d using (district_sk) group by all order by all";
		assertThat(Fixtures.rows(prepared, facts)).isEqualTo(Fixtures.rows(plain, facts)).isNotEmpty();
	}

	@Test
	void nightLoadsTheSeedsAsEditedAfterItsCopyWasPrepared(CapturedOutput output) throws Exception {
		// given the fixture warehouse, its own seeds folder, and 江津's next snapshot delivered
		Path warehouse = Fixtures.fixtureLoad(this.dir);
		Fixtures.copy(Path.of("seeds"), this.dir.resolve("seeds"));
		Fixtures.smallJiangjinSnapshot(this.dir, 5);

		// when the next run's copy is prepared, then an operator renames a platform level, then the night runs
		int exit = inOneProcess(arguments(this.dir, warehouse), (loadRun, workingCopy) -> {
			prepare(loadRun);
			assertThat(Path.of(workingCopy + ".prepared")).exists();
			Path levels = this.dir.resolve("seeds/platform_levels.csv");
			Files.writeString(levels, Files.readString(levels, StandardCharsets.UTF_8).replace("区县级,3", "区县级平台,3"),
					StandardCharsets.UTF_8);
			return loadRun.run(Set.of(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
		});

		// then the night built its own copy, with the level as the operator named it, in its dimension too
		assertThat(exit).isEqualTo(LoadRun.PUBLISHED);
		assertThat(output.getAll()).contains(NOT_TAKEN).doesNotContain(TAKEN);
		assertThat(Fixtures.rows(warehouse, "select platform_level_name from seed.platform_levels order by rank"))
			.extracting((row) -> row.get(0)).containsExactly("国家级", "市级", "区县级平台");
		assertThat(Fixtures.rows(warehouse, "select platform_level_name from dw.dim_platform_level order by level_rank"))
			.extracting((row) -> row.get(0)).containsExactly("国家级", "市级", "区县级平台");
	}

	@Test
	void leavesTheWorkingCopyOfARunAwaitingRestartAlone() throws Exception {
		// given the fixture warehouse, and a run killed after its build: its report running, its built copy left
		Path warehouse = Fixtures.fixtureLoad(this.dir);
		Path workingCopy = this.dir.resolve("warehouse/work/talent.duckdb");
		Files.createDirectories(workingCopy.getParent());
		Files.copy(warehouse, workingCopy);
		try (Connection copy = DuckDb.openReadWrite(workingCopy); Statement s = copy.createStatement()) {
			s.execute("create table main.built_by_the_killed_run (x integer)");
		}
		new RunReport("run-29991231T000000000", "2999-12-31T00:00", null, RunStatus.RUNNING.key(), -1,
				this.dir.resolve("warehouse/work/runs/run-29991231T000000000/staging").toString(), List.of(), null)
			.write(Files.createDirectories(this.dir.resolve("warehouse/runs/run-29991231T000000000")).resolve("report.json"));

		// when the time between runs comes
		inOneProcess(arguments(this.dir, warehouse), (loadRun, copy) -> {
			loadRun.nextRun().start();
			loadRun.nextRun().await();
			return 0;
		});

		// then the killed run's copy is as it left it, for restart to test and publish
		assertThat(Fixtures.rows(workingCopy,
				"select count(*) from information_schema.tables where table_name = 'built_by_the_killed_run'"))
			.containsExactly(List.of("1"));
		assertThat(Path.of(workingCopy + ".prepared")).doesNotExist();
	}

	@Test
	void preparesNothingWhenSwitchedOff() throws Exception {
		// given the fixture warehouse and TALENT_PREPAREBETWEENRUNS=false
		Path warehouse = Fixtures.fixtureLoad(this.dir);
		List<String> arguments = new ArrayList<>(arguments(this.dir, warehouse));
		arguments.add("--talent.prepare-between-runs=false");

		// when the time between runs comes
		inOneProcess(arguments, (loadRun, workingCopy) -> {
			prepare(loadRun);
			// then no working copy was made
			assertThat(workingCopy).doesNotExist();
			return 0;
		});
	}

	private static final String TAKEN = "working copy prepared between runs taken";

	private static final String NOT_TAKEN = "working copy prepared between runs none or stale";

	private static void prepare(LoadRun loadRun) throws InterruptedException {
		loadRun.nextRun().start();
		loadRun.nextRun().await();
	}

	private static List<String> arguments(Path dir, Path warehouse) {
		List<String> arguments = new ArrayList<>(Fixtures.arguments(dir.resolve("pipelines"), dir.resolve("landing"),
				warehouse, dir.resolve("key")));
		// whether a night took the prepared copy is told at debug
		arguments.add("--logging.level.cq.talentwarehouse.run.RunExecution=debug");
		if (Files.isDirectory(dir.resolve("seeds"))) {
			arguments.add("--talent.seeds=" + dir.resolve("seeds"));
		}
		return arguments;
	}

	@FunctionalInterface
	private interface InProcess {

		int apply(LoadRun loadRun, Path workingCopy) throws Exception;

	}

	private static int inOneProcess(List<String> arguments, InProcess action) throws Exception {
		SpringApplication app = new SpringApplication(TalentWarehouseApplication.class);
		app.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = app.run(arguments.toArray(String[]::new))) {
			LoadRun loadRun = context.getBean(LoadRun.class);
			try {
				return action.apply(loadRun,
						WarehousePublishJobConfiguration.workingCopy(context.getBean(TalentProperties.class)));
			}
			finally {
				loadRun.nextRun().close();
			}
		}
	}

}
