package cq.talentwarehouse.run;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.cli.TalentWarehouseApplication;
import cq.talentwarehouse.testing.ChildJvm;
import cq.talentwarehouse.testing.Fixtures;
import cq.talentwarehouse.testing.SourcePostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run that pulled a district's database and was killed while staging it resumes from what it
 * spooled: the restarted run publishes the rows of the pull it began with, never a mix with rows
 * the database received since; the next run pulls again.
 */
class JdbcRestartFunctionalTests {

	@TempDir
	Path dir;

	@Test
	void runKilledAfterThePullRestartsFromItsSpoolNotFromTheChangedDatabase() throws Exception {
		// given: 江津's tables with 200,000 more roster rows (enough staging to be killed in), and the marts of an uninterrupted load
		SourcePostgres postgres = SourcePostgres.shared();
		String url = postgres.database("exchange_restart");
		JdbcSourceFunctionalTests.exchangeTables(url, "2023-12-31");
		try (Connection c = postgres.reader("exchange_restart"); Statement s = c.createStatement()) {
			// valid ID numbers: birth date and sequence, then the ISO 7064 MOD 11-2 check character
			s.execute("insert into 人才资源花名册 (公民身份号码, 姓名, 人才类别, 最高学历, 统计日期)"
					+ " select body || substr('10X98765432', (select sum(substr(body, k::int, 1)::int * w)"
					+ " from unnest(array[7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]) with ordinality t(w, k))::int % 11 + 1, 1),"
					+ " '人员' || i, '专业技术人才', '大学本科', date '2023-12-31'"
					+ " from (select i, '500116' || to_char(date '1960-01-01' + (i % 15000), 'YYYYMMDD')"
					+ " || lpad((i / 15000)::text, 3, '0') as body from generate_series(1, 200000) i) people");
		}
		Path pipelines = JdbcSourceFunctionalTests.jdbcPipeline(this.dir.resolve("config/pipelines"), url,
				SourcePostgres.READER_PASSWORD, 5000);
		Path key = this.dir.resolve("key");
		Path clean = this.dir.resolve("clean/talent.duckdb");
		Fixtures.LoadResult uninterrupted = Fixtures.run(Fixtures.arguments(pipelines, this.dir.resolve("landing"), clean, key));
		assertThat(uninterrupted.exit()).as(uninterrupted.output()).isEqualTo(LoadRun.PUBLISHED);

		// when: a load in a child JVM is killed while it stages the pulled roster, the database gains a person, and the run is restarted
		Path warehouse = this.dir.resolve("warehouse/talent.duckdb");
		ProcessBuilder builder = new ProcessBuilder(ChildJvm.command(TalentWarehouseApplication.class, List.of("-Xmx512m"), "run",
				"--warehouse", warehouse.toString(), "--landing", this.dir.resolve("landing").toString(), "--pipelines",
				pipelines.toString()))
			.redirectErrorStream(true)
			.redirectOutput(this.dir.resolve("child.log").toFile());
		builder.environment().put("TALENT_CHUNKSIZE", "2000");
		builder.environment().put("TALENT_PSEUDONYMKEYFILE", key.toString());
		Process child = builder.start();
		Path runs = this.dir.resolve("warehouse/work/runs");
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (stagedBytes(runs) < 500_000 && child.isAlive() && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(child.isAlive()).as("the child load should still be staging; its log:%n%s",
				Files.readString(this.dir.resolve("child.log"))).isTrue();
		child.destroyForcibly();
		child.waitFor();
		assertThat(warehouse).doesNotExist();
		try (Connection c = postgres.reader("exchange_restart"); Statement s = c.createStatement()) {
			s.execute("insert into 人才资源花名册 values ('500116198801010016', '孙八', '专业技术人才', '大学本科', null, null,"
					+ " null, null, date '2023-12-31')");
		}
		List<String> arguments = Fixtures.arguments(pipelines, this.dir.resolve("landing"), warehouse, key);
		Fixtures.LoadResult restarted = Fixtures.restart(arguments);

		// then: the spooled pull is published as the uninterrupted load published it; the next run sees the new row
		assertThat(restarted.exit()).as(restarted.output()).isEqualTo(LoadRun.PUBLISHED);
		assertThat(restarted.output()).contains("Restarting run run-").doesNotContain("pulled  ");
		assertThat(Fixtures.marts(warehouse)).isEqualTo(Fixtures.marts(clean));
		String counts = "select source, read, loaded, quarantined from ops.source_counts order by all";
		assertThat(Fixtures.rows(warehouse, counts)).isEqualTo(Fixtures.rows(clean, counts));
		Fixtures.LoadResult next = Fixtures.run(arguments);
		assertThat(next.exit()).as(next.output()).isEqualTo(LoadRun.PUBLISHED);
		assertThat(next.output()).contains("pulled  500116 江津区 roster: 1 snapshot(s), 200016 rows")
			.contains("staged  500116 江津区 @ 2023-12-31");
	}

	/** Roster bytes staged so far (accepted and quarantined, not the spooled pull). */
	private static long stagedBytes(Path runs) throws Exception {
		if (!Files.isDirectory(runs)) {
			return 0;
		}
		try (Stream<Path> files = Files.walk(runs)) {
			return files.filter((p) -> !p.toString().contains(File.separator + "pulled" + File.separator)
					&& p.toString().contains(File.separator + "roster" + File.separator)
					&& p.getFileName().toString().endsWith(".csv") && Files.isRegularFile(p))
				.mapToLong((p) -> p.toFile().length())
				.sum();
		}
	}

}
