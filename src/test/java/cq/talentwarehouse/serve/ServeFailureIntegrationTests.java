package cq.talentwarehouse.serve;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.cli.TalentCommand;
import cq.talentwarehouse.load.DuckDb;
import cq.talentwarehouse.run.LoadRun;
import cq.talentwarehouse.run.RunReport;
import cq.talentwarehouse.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Serves that cannot happen — server down, stopped mid-serve, wrong password, a schema taken over
 * by hand, a count beyond bigint — say so in one sentence naming the server, leave the DuckDB
 * publish and the served copy as they were, and the next run or serve repairs them. The server is
 * this class's own, so stopping it disturbs no other test.
 */
class ServeFailureIntegrationTests {

	private static final String TOTALS = "select district_code, talent_total from mart.district_talent_totals order by 1";

	@TempDir
	static Path dir;

	private static TestPostgres pg;

	private static Path fixture;

	@BeforeAll
	static void ownServer() throws Exception {
		pg = TestPostgres.own(dir);
		fixture = FixtureWarehouse.get();
	}

	@AfterAll
	static void stopServer() throws Exception {
		pg.close();
	}

	@Test
	void aRunWithTheServerDownPublishesExitsFiveAndTheNextRunServes(@TempDir Path run) throws Exception {
		// given: the server is down
		List<String> arguments = servingArguments(run);
		pg.stop();
		Fixtures.LoadResult first;
		try {
			// when
			first = Fixtures.run(arguments);
		}
		finally {
			pg.restart();
		}

		// then: published in DuckDB, exit 5, the run report and status say why in one sentence
		Path warehouse = run.resolve("warehouse/talent.duckdb");
		assertThat(first.exit()).as(first.output()).isEqualTo(LoadRun.PUBLISHED_NOT_SERVED);
		assertThat(Fixtures.rows(warehouse, TOTALS)).isNotEmpty();
		assertThat(first.output()).contains("NOT SERVED: Not served to PostgreSQL at localhost:" + pg.port()
				+ "/talent as talent_loader while connecting: the server cannot be reached")
			.contains("published_not_served in").doesNotContain(TestPostgres.LOADER_PASSWORD);
		RunReport report = RunReport.list(warehouse.getParent().resolve("runs")).get(0);
		assertThat(report.status()).isEqualTo(LoadRun.PUBLISHED_NOT_SERVED_STATUS);
		assertThat(report.exitCode()).isEqualTo(5);
		assertThat(report.message()).startsWith("published but not served: Not served to PostgreSQL at localhost:");
		assertThat(ServeState.read(warehouse.getParent()).describe()).startsWith("NOT SERVED at ");
		assertThat(status(warehouse)).contains(report.runId() + "  published_not_served exit 5")
			.contains("NOT SERVED at ").doesNotContain(TestPostgres.LOADER_PASSWORD);

		// when: the next run, with nothing new to load
		Fixtures.LoadResult second = Fixtures.run(arguments);

		// then: it serves
		assertThat(second.exit()).as(second.output()).isEqualTo(LoadRun.PUBLISHED);
		assertThat(pg.rows(TestPostgres.DATABASE, TOTALS)).isEqualTo(Fixtures.rows(warehouse, TOTALS));
		assertThat(ServeState.read(warehouse.getParent()).describe()).startsWith("Served: ");
		assertThat(status(warehouse)).contains("Served: " + report.runId() + " to PostgreSQL at localhost:" + pg.port());
	}

	/** What {@code status} prints for a warehouse. */
	private static String status(Path warehouse) {
		PrintStream stdout = System.out;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
			TalentCommand.execute("status", "--warehouse", warehouse.toString());
		}
		finally {
			System.setOut(stdout);
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	@Test
	void aServerStoppedDuringAServeKeepsThePreviousServedCopyAndTheNextServeRepairs() throws Exception {
		// given: the fixture served; a warehouse with other figures to serve next
		WarehouseServer server = new WarehouseServer(pg.loader(), dir.resolve("work"));
		server.serve(fixture);
		List<List<String>> previous = pg.rows(TestPostgres.DATABASE, TOTALS);
		Path other = doubled("stopped.duckdb");
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread serving = new Thread(() -> {
			try {
				server.serve(other);
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		});

		// when: the server is stopped while the serve copies the mart tables
		try (Connection watcher = pg.superuser("postgres")) {
			serving.start();
			while (serving.isAlive() && TestPostgres.rows(watcher, "select count(*) from pg_stat_activity where"
					+ " application_name = 'talent-warehouse serve' and query like 'copy mart\\_next.%'").get(0).get(0).equals("0")) {
				Thread.onSpinWait();
			}
		}
		pg.stop();
		serving.join();
		pg.restart();

		// then: one sentence naming the server, the previous copy still served, no half-loaded schema left
		assertThat(failure.get()).isInstanceOf(ServeException.class);
		assertThat(failure.get().getMessage()).startsWith("Not served to PostgreSQL at localhost:" + pg.port() + "/talent as talent_loader while copying mart.")
			.containsAnyOf("the server shut down", "the server cannot be reached or went away")
			.endsWith("the DuckDB warehouse stays published and the served copy is unchanged.");
		assertThat(pg.rows(TestPostgres.DATABASE, TOTALS)).isEqualTo(previous);
		assertThat(pg.rows(TestPostgres.DATABASE, "select count(*) from pg_namespace where nspname like '%\\_next'"))
			.containsExactly(List.of("0"));

		// when: served again
		server.serve(other);

		// then
		assertThat(pg.rows(TestPostgres.DATABASE, TOTALS)).isEqualTo(Fixtures.rows(other, TOTALS)).isNotEqualTo(previous);
	}

	@Test
	void aWrongPasswordIsOneSentenceNamingTheServerAndNeverThePassword() throws Exception {
		// given
		String wrong = "Wrong-Pass-4711";
		WarehouseServer server = new WarehouseServer(new ServeTarget(pg.url(), TestPostgres.LOADER, wrong), dir.resolve("work"));

		// then
		assertThatThrownBy(() -> server.serve(fixture)).isInstanceOf(ServeException.class)
			.hasMessage("Not served to PostgreSQL at localhost:" + pg.port() + "/talent as talent_loader while connecting:"
					+ " password authentication failed for user \"talent_loader\"; the DuckDB warehouse stays published and the"
					+ " served copy is unchanged.")
			.message().doesNotContain(wrong);
	}

	@Test
	void theServeCommandReadsTheEnvironmentAndExitsFiveWhenNotServed() throws Exception {
		// given: the settings as TALENT_SERVE_* would give them (system properties bind the same way)
		Path passwordFile = Files.writeString(dir.resolve("wrong-password"), "Wrong-Pass-0815\n");
		System.setProperty("talent.serve.url", pg.url());
		System.setProperty("talent.serve.user", TestPostgres.LOADER);
		System.setProperty("talent.serve.password-file", passwordFile.toString());
		PrintStream stdout = System.out;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int wrongExit;
		int rightExit;
		try {
			System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
			// when
			wrongExit = TalentCommand.execute("serve", "--warehouse", fixture.toString());
			Files.writeString(passwordFile, TestPostgres.LOADER_PASSWORD + "\n");
			rightExit = TalentCommand.execute("serve", "--warehouse", fixture.toString());
		}
		finally {
			System.setOut(stdout);
			System.clearProperty("talent.serve.url");
			System.clearProperty("talent.serve.user");
			System.clearProperty("talent.serve.password-file");
		}

		// then
		String printed = out.toString(StandardCharsets.UTF_8);
		assertThat(wrongExit).as(printed).isEqualTo(LoadRun.PUBLISHED_NOT_SERVED);
		assertThat(rightExit).as(printed).isZero();
		assertThat(printed).contains("NOT SERVED: Not served to PostgreSQL at localhost:" + pg.port()
				+ "/talent as talent_loader while connecting: password authentication failed")
			.contains("Served run-").doesNotContain("Wrong-Pass-0815").doesNotContain(TestPostgres.LOADER_PASSWORD);
	}

	@Test
	void aTableChangedByHandIsReplacedByTheNextServe() throws Exception {
		// given: someone edits the served copy
		WarehouseServer server = new WarehouseServer(pg.loader(), dir.resolve("work"));
		server.serve(fixture);
		try (Connection c = pg.superuser(TestPostgres.DATABASE); Statement s = c.createStatement()) {
			s.execute("alter table mart.district_talent_totals drop column region");
			s.execute("delete from mart.talent_cube");
			s.execute("alter table mart.district_indicators alter column value type text");
		}

		// when
		server.serve(fixture);

		// then
		try (Connection duckdb = DuckDb.openReadOnly(fixture); Connection served = pg.superuser(TestPostgres.DATABASE)) {
			for (String table : List.of("mart.district_talent_totals", "mart.talent_cube", "mart.district_indicators")) {
				assertThat(ServedComparison.rows(served, table)).as(table).isEqualTo(ServedComparison.rows(duckdb, table));
			}
		}
	}

	@Test
	void aServedSchemaTakenOverByHandFailsTheServeAndKeepsTheServedCopy() throws Exception {
		// given: an administrator gives schema mart to another owner
		WarehouseServer server = new WarehouseServer(pg.loader(), dir.resolve("work"));
		server.serve(fixture);
		List<List<String>> served = pg.rows(TestPostgres.DATABASE, TOTALS);
		Path other = doubled("taken-over.duckdb");
		try (Connection c = pg.superuser(TestPostgres.DATABASE); Statement s = c.createStatement()) {
			s.execute("alter schema mart owner to postgres");
		}
		try {
			// then
			assertThatThrownBy(() -> server.serve(other)).isInstanceOf(ServeException.class)
				.hasMessage("Not served to PostgreSQL at localhost:" + pg.port() + "/talent as talent_loader while switching to"
						+ " the new copy: must be owner of schema mart; the DuckDB warehouse stays published and the served copy"
						+ " is unchanged.");
			assertThat(pg.rows(TestPostgres.DATABASE, TOTALS)).isEqualTo(served);
		}
		finally {
			try (Connection c = pg.superuser(TestPostgres.DATABASE); Statement s = c.createStatement()) {
				s.execute("alter schema mart owner to " + TestPostgres.LOADER);
			}
		}
		server.serve(other);
		assertThat(pg.rows(TestPostgres.DATABASE, TOTALS)).isEqualTo(Fixtures.rows(other, TOTALS));
	}

	@Test
	void aDiskFullOnTheServerFailsTheServeAndTheNextServeRepairs() throws Exception {
		// given: the served copy, then the loader's tables go to a tablespace on a 256 KB file system
		WarehouseServer server = new WarehouseServer(pg.loader(), dir.resolve("work"));
		server.serve(fixture);
		List<List<String>> served = pg.rows(TestPostgres.DATABASE, TOTALS);
		Path tiny = Files.createDirectories(dir.resolve("tiny-disk"));
		Assumptions.assumeTrue(mount(tiny), "needs root with mount (tmpfs) to fill a disk");
		try {
			try (Connection c = pg.superuser(TestPostgres.DATABASE); Statement s = c.createStatement()) {
				s.execute("create tablespace tiny location '" + tiny + "'");
				s.execute("grant create on tablespace tiny to " + TestPostgres.LOADER);
				s.execute("alter role " + TestPostgres.LOADER + " set default_tablespace = tiny");
			}

			// then
			assertThatThrownBy(() -> server.serve(doubled("disk-full.duckdb"))).isInstanceOf(ServeException.class)
				.hasMessageStartingWith("Not served to PostgreSQL at localhost:" + pg.port() + "/talent as talent_loader while copying mart.")
				.hasMessageContaining("the server's disk is full (could not extend file")
				.hasMessageEndingWith("the DuckDB warehouse stays published and the served copy is unchanged.");
			assertThat(pg.rows(TestPostgres.DATABASE, TOTALS)).isEqualTo(served);
		}
		finally {
			try (Connection c = pg.superuser(TestPostgres.DATABASE); Statement s = c.createStatement()) {
				s.execute("alter role " + TestPostgres.LOADER + " reset default_tablespace");
				s.execute("drop tablespace if exists tiny");
			}
			new ProcessBuilder("umount", tiny.toString()).inheritIO().start().waitFor();
		}

		// when: space again
		server.serve(fixture);

		// then
		assertThat(pg.rows(TestPostgres.DATABASE, TOTALS)).isEqualTo(Fixtures.rows(fixture, TOTALS));
	}

	/** A 256 KB tmpfs on the folder, when this process may mount one. */
	private static boolean mount(Path folder) {
		try {
			Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", folder.toString())
				.redirectErrorStream(true).start();
			mount.getInputStream().readAllBytes();
			return mount.waitFor() == 0;
		}
		catch (Exception ex) {
			return false;
		}
	}

	@Test
	void aCountBeyondBigintFailsLoudlyInsteadOfBeingRounded() throws Exception {
		// given: a mart whose sum no longer fits PostgreSQL's bigint
		Path huge = Files.copy(fixture, dir.resolve("huge.duckdb"));
		try (Connection c = DuckDb.openReadWrite(huge); Statement s = c.createStatement()) {
			s.execute("create or replace view mart.district_indicators as select '500116' as district_code,"
					+ " date '2024-12-31' as snapshot_date, 'talent_total' as indicator, cast(9223372036854775807 as hugeint) + 1 as value");
		}

		// then
		assertThatThrownBy(() -> new WarehouseServer(pg.loader(), dir.resolve("work")).serve(huge))
			.isInstanceOf(ServeException.class)
			.hasMessageStartingWith("Cannot serve mart.district_indicators: a count there is beyond PostgreSQL's bigint");
	}

	private static List<String> servingArguments(Path run) throws Exception {
		List<String> arguments = new ArrayList<>(Fixtures.arguments(Fixtures.relaxedPipelines(run.resolve("pipelines")),
				Fixtures.functionalLanding(run), run.resolve("warehouse/talent.duckdb"), run.resolve("key")));
		arguments.add("--talent.serve.url=" + pg.url());
		arguments.add("--talent.serve.user=" + TestPostgres.LOADER);
		arguments.add("--talent.serve.password=" + TestPostgres.LOADER_PASSWORD);
		return arguments;
	}

	/** The fixture warehouse with every roster count doubled. */
	private static Path doubled(String name) throws Exception {
		Path copy = Files.copy(fixture, dir.resolve(name));
		try (Connection c = DuckDb.openReadWrite(copy); Statement s = c.createStatement()) {
			s.execute("update dw.agg_talent_snapshot set people = people * 2");
		}
		return copy;
	}

}
