package cq.talentwarehouse.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.load.DuckDb;
import cq.talentwarehouse.run.LoadRun;
import cq.talentwarehouse.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reliability defect 6: {@code query} (and {@code export}, {@code report}) must not be able to change
 * the published warehouse or attach any database read-write; and a published file damaged by
 * another client is repaired (views) or refused (tables) by the next build, never carried forward.
 */
class ReadOnlyCommandsFunctionalTests {

	@TempDir
	static Path dir;

	static Path warehouse;

	@BeforeAll
	static void publishTheFixtureWarehouse() throws Exception {
		warehouse = Fixtures.fixtureLoad(dir);
	}

	/** The two tests that damage the file do it to their own copy. */
	private static Path ownCopy(Path target) throws Exception {
		Path copy = Fixtures.copy(dir, target);
		return copy.resolve("warehouse/talent.duckdb");
	}

	@Test
	void queryCannotDetachThePublishedFileAndReattachItReadWrite() throws Exception {
		// given: the attach chain that changed the published file before
		Path scratch = dir.resolve("scratch.duckdb");
		String attack = "attach '" + scratch + "' as m (READ_WRITE); use m; detach talent; attach '" + warehouse
				+ "' as w3 (READ_WRITE); drop view w3.mart.district_talent_totals; select 1";

		// when
		int exit = query(attack);

		// then
		assertThat(exit).isNotZero();
		assertThat(scratch).doesNotExist();
		assertThat(Fixtures.rows(warehouse, "select count(*) from mart.district_talent_totals"))
			.containsExactly(List.of("2"));
	}

	@Test
	void queryCannotWriteFilesInstallExtensionsOrUnlockItsSettings() throws Exception {
		Path copied = dir.resolve("copied.csv");
		assertThat(query("copy (select * from ops.quarantine) to '" + copied + "'")).isNotZero();
		assertThat(copied).doesNotExist();
		assertThat(query("install httpfs")).isNotZero();
		assertThat(query("set enable_external_access = true")).isNotZero();
		assertThat(query("set lock_configuration = false")).isNotZero();
		assertThat(query("select * from read_csv('/etc/passwd')")).isNotZero();
		assertThat(query("create table mart.x as select 1")).isNotZero();
		// and reading still works
		assertThat(query("select count(*) from mart.district_talent_totals")).isZero();
	}

	@Test
	void exportWritesOnlyIntoItsOutputFolder() throws Exception {
		// when
		Path out = dir.resolve("export/csv");
		int exit = TalentCommand.execute("export", "--warehouse", warehouse.toString(), "--format", "csv", "--out",
				out.toString());

		// then
		assertThat(exit).isZero();
		assertThat(out.resolve("district_talent_totals.csv")).exists();
		assertThat(out.resolve("manifest.json")).exists();
	}

	@Test
	void nextLoadRestoresAViewThatAnotherClientDropped(@TempDir Path own) throws Exception {
		// given: a read-write client drops a view of the published file
		Path warehouse = ownCopy(own);
		try (Connection c = DuckDb.openReadWrite(warehouse); Statement s = c.createStatement()) {
			s.execute("drop view mart.district_talent_totals");
		}

		// when
		Fixtures.LoadResult result = Fixtures.runForced(arguments(own));

		// then
		assertThat(result.exit()).as(result.output()).isEqualTo(LoadRun.PUBLISHED);
		assertThat(Fixtures.rows(warehouse, "select count(*) from mart.district_talent_totals"))
			.containsExactly(List.of("2"));
	}

	@Test
	void nextLoadRefusesToCarryForwardATableThatAnotherClientChanged(@TempDir Path own) throws Exception {
		// given
		Path warehouse = ownCopy(own);
		String martsBefore = Fixtures.marts(warehouse);
		try (Connection c = DuckDb.openReadWrite(warehouse); Statement s = c.createStatement()) {
			s.execute("alter table ops.snapshot_files drop column sha256");
		}

		// when
		Fixtures.LoadResult result = Fixtures.run(arguments(own));

		// then
		assertThat(result.exit()).as(result.output()).isEqualTo(LoadRun.NOTHING_PUBLISHED);
		assertThat(result.output()).contains("was changed outside the load")
			.contains("column ops.snapshot_files.sha256 is missing").contains("restore it from a backup");
		assertThat(Fixtures.marts(warehouse)).isEqualTo(martsBefore);
	}

	private static List<String> arguments(Path root) {
		return Fixtures.arguments(root.resolve("pipelines"), root.resolve("landing"), root.resolve("warehouse/talent.duckdb"),
				root.resolve("key"));
	}

	private int query(String sql) {
		return TalentCommand.execute("query", "--warehouse", warehouse.toString(), sql);
	}

}
