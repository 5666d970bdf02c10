package cq.talentwarehouse.run;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.testing.Fixtures;
import cq.talentwarehouse.testing.SourcePostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A district whose feeds sit in an exchange database (前置库): {@code format: jdbc} against a real
 * PostgreSQL started by the test, with the functional fixture's 江津 rows in tables with Chinese
 * column names, a date column marking each row's snapshot, and the failure cases of a nightly pull.
 */
class JdbcSourceFunctionalTests {

	static final Path JIANGJIN = Fixtures.FUNCTIONAL_LANDING.resolve("jiangjin/2023-12-31");

	static SourcePostgres postgres;

	@TempDir
	Path dir;

	@BeforeAll
	static void startPostgres() throws Exception {
		postgres = SourcePostgres.shared();
	}

	@Test
	void postgresPullLoadsQuarantinesAndReconcilesLikeTheSameRowsAsCsv() throws Exception {
		// given: the fixture's 江津 files, and the same rows in three tables of the exchange database
		Path csvWarehouse = loadCsvJiangjin(this.dir.resolve("csv"));
		String url = postgres.database("exchange_same");
		exchangeTables(url, "2023-12-31");
		Path pipelines = jdbcPipeline(this.dir.resolve("db/pipelines"), url, SourcePostgres.READER_PASSWORD, 3);
		Path warehouse = this.dir.resolve("db/warehouse/talent.duckdb");

		// when: no landing folder at all
		Fixtures.LoadResult result = Fixtures.run(Fixtures.arguments(pipelines, this.dir.resolve("db/no-landing"), warehouse,
				this.dir.resolve("csv/key")));

		// then
		assertThat(result.exit()).as(result.output()).isEqualTo(LoadRun.PUBLISHED);
		assertSameAsCsvLoad(warehouse, csvWarehouse);
		assertThat(Fixtures.rows(warehouse, "select file from ops.source_counts where source = 'roster'"))
			.containsExactly(List.of(url + " table 人才资源花名册"));
		assertThat(result.output()).contains("pulled  500116 江津区 roster: 1 snapshot(s), 15 rows from " + url)
			.doesNotContain(SourcePostgres.READER_PASSWORD);
		assertThat(everythingUnder(warehouse.getParent())).doesNotContain(SourcePostgres.READER_PASSWORD);
	}

	@Test
	void unchangedRowsAreSkippedAndASnapshotAddedLaterIsTheOnlyOneLoaded() throws Exception {
		// given: a published pull
		String url = postgres.database("exchange_later");
		exchangeTables(url, "2023-12-31");
		Path pipelines = jdbcPipeline(this.dir.resolve("pipelines"), url, SourcePostgres.READER_PASSWORD, 1000);
		List<String> arguments = Fixtures.arguments(pipelines, this.dir.resolve("landing"),
				this.dir.resolve("warehouse/talent.duckdb"), this.dir.resolve("key"));
		assertThat(Fixtures.run(arguments).exit()).isEqualTo(LoadRun.PUBLISHED);

		// when: the same rows again, then the district adds the rows of 2024-06-30 (dates as text in the enterprise table)
		Fixtures.LoadResult unchanged = Fixtures.run(arguments);
		addSnapshot(url, "2024-06-30");
		Fixtures.LoadResult later = Fixtures.run(arguments);

		// then
		assertThat(unchanged.exit()).as(unchanged.output()).isEqualTo(LoadRun.PUBLISHED);
		assertThat(unchanged.output()).contains("Nothing new to load");
		assertThat(later.exit()).as(later.output()).isEqualTo(LoadRun.PUBLISHED);
		assertThat(later.output()).contains("skipped 500116 江津区 @ 2023-12-31").contains("staged  500116 江津区 @ 2024-06-30");
		Path warehouse = this.dir.resolve("warehouse/talent.duckdb");
		assertThat(Fixtures.rows(warehouse, "select cast(snapshot_date as varchar), talent_total from"
				+ " mart.district_talent_history where district_code = '500116' order by 1"))
			.containsExactly(List.of("2023-12-31", "11"), List.of("2024-06-30", "12"));
	}

	@Test
	void emptyExchangeTablesAreNothingToLoadNamedByTheirDataSource() throws Exception {
		// given: the district's tables exist but its system has not written tonight's rows yet
		String url = postgres.database("exchange_empty");
		exchangeTables(url, "2023-12-31");
		try (Connection c = postgres.reader("exchange_empty"); Statement s = c.createStatement()) {
			s.execute("delete from 人才资源花名册; delete from 企业资质名单; delete from 创新平台名单");
		}
		Path byColumn = jdbcPipeline(this.dir.resolve("by-column/pipelines"), url, SourcePostgres.READER_PASSWORD, 1000);
		Path byPull = jdbcPipeline(this.dir.resolve("by-pull/pipelines"), url, SourcePostgres.READER_PASSWORD, 1000);
		Path yaml = byPull.resolve("jiangjin.yaml");
		Files.writeString(yaml, Files.readString(yaml).replace("snapshot: {date_column: 统计日期}", "snapshot: pull_date"));

		for (Path pipelines : List.of(byColumn, byPull)) {
			// when: no landing folder either
			Path warehouse = pipelines.resolveSibling("warehouse/talent.duckdb");
			Fixtures.LoadResult result = Fixtures.run(Fixtures.arguments(pipelines, pipelines.resolveSibling("no-landing"),
					warehouse, pipelines.resolveSibling("key")));

			// then: nothing to load, said of the data source — not a published empty snapshot, not a missing folder alone
			assertThat(result.exit()).as(result.output()).isEqualTo(LoadRun.LANDING_EMPTY);
			assertThat(result.output()).contains("500116 江津区: " + url + " table 人才资源花名册 holds no rows")
				.contains("nothing to load");
			assertThat(warehouse).doesNotExist();
		}
	}

	@Test
	void wrongPasswordFailsItsDistrictAloneInOneSentenceWithoutThePassword() throws Exception {
		// given: 秀山 delivers files as usual; 江津's database refuses the login
		String url = postgres.database("exchange_wrong");
		exchangeTables(url, "2023-12-31");
		Path pipelines = jdbcPipeline(this.dir.resolve("pipelines"), url, "not-the-password-42", 1000);
		Files.writeString(pipelines.resolve("xiushan.yaml"), Fixtures.relaxed(Files.readString(Path.of("pipelines/xiushan.yaml"),
				StandardCharsets.UTF_8), "0.5"), StandardCharsets.UTF_8);
		Path landing = Fixtures.functionalLanding(this.dir);

		// when
		Fixtures.LoadResult result = Fixtures.run(Fixtures.arguments(pipelines, landing,
				this.dir.resolve("warehouse/talent.duckdb"), this.dir.resolve("key")));

		// then
		assertThat(result.exit()).as(result.output()).isEqualTo(LoadRun.PARTIAL);
		assertThat(result.output()).contains("district 500116 江津区 @ ")
			.contains(url + " table 人才资源花名册: cannot connect (FATAL: password authentication failed for user \""
					+ SourcePostgres.READER + "\")")
			.doesNotContain("not-the-password-42");
		assertThat(Fixtures.rows(this.dir.resolve("warehouse/talent.duckdb"),
				"select distinct district_code from ops.source_counts")).containsExactly(List.of("500241"));
	}

	@ParameterizedTest(name = "pause column {0}")
	@CsvSource({ "boolean (read through the cursor), (pg_sleep(0.02) is null), exchange_lost_cursor, select",
			"integer (read by COPY), cast((pg_sleep(0.02) is null) as int), exchange_lost_copy, copy (select" })
	void connectionLostMidReadLoadsNothingOfTheDistrict(String type, String pause, String database, String statement)
			throws Exception {
		// given: a slow read (a row every 20 ms; through the cursor two rows a round trip), cut off by the database mid-read
		String url = postgres.database(database);
		exchangeTables(url, "2023-12-31");
		try (Connection c = postgres.reader(database); Statement s = c.createStatement()) {
			s.execute("create view slow_roster as select r.*, " + pause + " as pause from 人才资源花名册 r");
		}
		Path pipelines = jdbcPipeline(this.dir.resolve("pipelines"), url, SourcePostgres.READER_PASSWORD, 2);
		Path yaml = pipelines.resolve("jiangjin.yaml");
		Files.writeString(yaml, Files.readString(yaml).replace("table: 人才资源花名册", "table: slow_roster"));
		AtomicBoolean terminated = new AtomicBoolean();
		Thread killer = new Thread(() -> terminated.set(terminateWhenReading(database, statement)));
		killer.start();

		// when
		Fixtures.LoadResult result = Fixtures.run(Fixtures.arguments(pipelines, this.dir.resolve("landing"),
				this.dir.resolve("warehouse/talent.duckdb"), this.dir.resolve("key")));
		killer.join();

		// then
		assertThat(terminated).isTrue();
		assertThat(result.exit()).as(result.output()).isEqualTo(LoadRun.NOTHING_PUBLISHED);
		assertThat(result.output()).contains(url + " table slow_roster: the pull failed (")
			.containsAnyOf("terminating connection due to administrator command",
					"Database connection failed when reading from copy")
			.contains("nothing of it is loaded");
		assertThat(this.dir.resolve("warehouse/talent.duckdb")).doesNotExist();
		try (Stream<Path> files = Files.walk(this.dir.resolve("warehouse"))) {
			assertThat(files.filter((p) -> p.getFileName().toString().equals("rows.csv")
					|| p.getFileName().toString().endsWith(".jdbc"))).as("no half spool is left to be read").isEmpty();
		}
	}

	@Test
	void validateConnectChecksTheMappedColumnsOfEveryTable() throws Exception {
		// given: the tables, but the platform table lacks 平台级别
		String url = postgres.database("exchange_validate");
		exchangeTables(url, "2023-12-31");
		try (Connection c = postgres.reader("exchange_validate"); Statement s = c.createStatement()) {
			s.execute("alter table 创新平台名单 drop column 平台级别");
		}
		Path pipelines = jdbcPipeline(this.dir.resolve("pipelines"), url, SourcePostgres.READER_PASSWORD, 100);
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
		java.io.PrintStream originalOut = System.out;
		java.io.PrintStream originalErr = System.err;

		// when
		int plain;
		int connected;
		try {
			System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
			System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
			plain = cq.talentwarehouse.cli.TalentCommand.execute("validate", "--pipelines", pipelines.toString());
			connected = cq.talentwarehouse.cli.TalentCommand.execute("validate", "--connect", "--pipelines", pipelines.toString());
		}
		finally {
			System.setOut(originalOut);
			System.setErr(originalErr);
		}

		// then: the definition is valid; connecting finds the roster's columns and misses the platform's level
		assertThat(plain).isEqualTo(0);
		assertThat(connected).isEqualTo(1);
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("sources.roster: connected to " + url
				+ " table 人才资源花名册, 9 columns, every mapped one found");
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("sources.platform: " + url + " table 创新平台名单: no column for")
			.contains("平台级别").doesNotContain(SourcePostgres.READER_PASSWORD);
	}

	@Test
	void idNumbersStoredAsNumbersKeepTheirDigitsAndThoseThatLostOneAreQuarantined() throws Exception {
		// given: a roster whose ID column is numeric (an X cannot be stored: it was dropped) and a float
		// column some system filled with the same IDs (rounded to 17 significant digits), queried with order by
		String url = postgres.database("exchange_numbers");
		try (Connection c = postgres.reader("exchange_numbers"); Statement s = c.createStatement()) {
			s.execute("create table 人才库 (序号 integer, 公民身份号码 numeric(20, 0), 姓名 text, 人才类别 text, 统计日期 text)");
			s.execute("insert into 人才库 values (1, 500116198001150002, '张三', '专业技术人才', '2023年12月31日'),"
					+ " (2, 51022219750101123, '李四', '专业技术人才', '2023年12月31日'),"
					+ " (3, 500116198002150012, '王五', '高技能人才', '2023年12月31日')");
		}
		Path pipelines = Files.createDirectories(this.dir.resolve("pipelines"));
		Path secret = Files.writeString(this.dir.resolve("pw"), SourcePostgres.READER_PASSWORD);
		Files.writeString(pipelines.resolve("jiangjin.yaml"), """
				district: 江津区
				name: 江津区
				sources:
				  roster:
				    format: jdbc
				    datasource: {url: "%s", user: %s, password_file: "%s"}
				    query: select 公民身份号码, 姓名, 人才类别, 统计日期 from 人才库 order by 序号
				    snapshot: {date_column: 统计日期}
				    reject_threshold: 0.5
				    columns: {id_number: 公民身份号码, name: 姓名, categories: 人才类别}
				""".formatted(url, SourcePostgres.READER, secret), StandardCharsets.UTF_8);
		Path warehouse = this.dir.resolve("warehouse/talent.duckdb");

		// when
		Fixtures.LoadResult result = Fixtures.run(Fixtures.arguments(pipelines, this.dir.resolve("landing"), warehouse,
				this.dir.resolve("key")));

		// then
		assertThat(result.exit()).as(result.output()).isEqualTo(LoadRun.PUBLISHED);
		assertThat(Fixtures.rows(warehouse, "select cast(snapshot_date as varchar), read, loaded, quarantined from ops.source_counts"))
			.containsExactly(List.of("2023-12-31", "3", "2", "1"));
		assertThat(Fixtures.rows(warehouse, "select line, field, rule from ops.quarantine"))
			.containsExactly(List.of("3", "id_number", "id_format"));
		assertThat(Fixtures.rows(warehouse, "select file from ops.source_counts")).containsExactly(
				List.of(url + " query select 公民身份号码, 姓名, 人才类别, 统计日期 from 人才库 order by 序号"));
	}

	// --- helpers ---

	/** Waits until the reader's pull is running, then terminates its backend from another connection. */
	private static boolean terminateWhenReading(String database, String statement) {
		long until = System.nanoTime() + 60_000_000_000L;
		try (Connection c = postgres.superuser("postgres")) {
			while (System.nanoTime() < until) {
				try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity"
						+ " where datname = '" + database + "' and query like '" + statement + " * from slow_roster%'")) {
					rs.next();
					if (rs.getInt(1) == 0) {
						Thread.sleep(10);
						continue;
					}
				}
				// a few round trips of two rows into the spool, then the connection goes
				Thread.sleep(150);
				try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_terminate_backend(pid)"
						+ " from pg_stat_activity where datname = '" + database + "' and usename = '" + SourcePostgres.READER
						+ "' and query like '%slow_roster%' and query not like 'select distinct%'")) {
					if (rs.next() && rs.getBoolean(1)) {
						return true;
					}
				}
				Thread.sleep(20);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return false;
	}

	/** The fixture's 江津 files loaded from a landing zone of their own, the CSV side of the comparison. */
	static Path loadCsvJiangjin(Path dir) throws Exception {
		Path landing = Files.createDirectories(dir.resolve("landing/jiangjin"));
		Fixtures.copy(JIANGJIN, landing.resolve("2023-12-31"));
		Path pipelines = Files.createDirectories(dir.resolve("pipelines"));
		Files.writeString(pipelines.resolve("jiangjin.yaml"), Fixtures.relaxed(Files.readString(Path.of("pipelines/jiangjin.yaml"),
				StandardCharsets.UTF_8), "0.5"), StandardCharsets.UTF_8);
		Path warehouse = dir.resolve("warehouse/talent.duckdb");
		Fixtures.LoadResult result = Fixtures.run(Fixtures.arguments(pipelines, dir.resolve("landing"), warehouse,
				dir.resolve("key")));
		assertThat(result.exit()).as(result.output()).isEqualTo(LoadRun.PUBLISHED);
		return warehouse;
	}

	/**
	 * The 江津 pipeline reading tables instead of files: the same column mapping, the snapshot date
	 * from a column, the password from a file.
	 */
	static Path jdbcPipeline(Path pipelines, String url, String password, int fetchSize) throws Exception {
		return jdbcPipeline(pipelines, url, SourcePostgres.READER, password, fetchSize);
	}

	static Path jdbcPipeline(Path pipelines, String url, String user, String password, int fetchSize) throws Exception {
		Files.createDirectories(pipelines);
		Path secret = pipelines.getParent().resolve("jiangjin-db.password");
		Files.writeString(secret, password + "\n");
		String source = """
				    format: jdbc
				    datasource: {url: "%s", user: %s, password_file: "%s"}
				    snapshot: {date_column: 统计日期}
				    fetch_size: %d
				    reject_threshold: 0.5
				""".formatted(url, user, secret.toAbsolutePath(), fetchSize);
		String yaml = Files.readString(Path.of("pipelines/jiangjin.yaml"), StandardCharsets.UTF_8)
			.replace("landing: jiangjin\n", "")
			.replace("    file: 人才资源花名册.csv\n    encoding: UTF-8\n", source + "    table: 人才资源花名册\n")
			.replace("    file: 企业资质名单.csv\n    encoding: UTF-8\n", source + "    table: 企业资质名单\n")
			.replace("    file: 创新平台名单.csv\n    encoding: UTF-8\n", source + "    table: 创新平台名单\n")
			// the exchange database holds the three lists; 江津's programme ledger is not among them
			.replaceAll("(?s)  # 人才项目台账.*\\z", "");
		assertThat(yaml).doesNotContainPattern("(?m)^\\s+file:");
		Files.writeString(pipelines.resolve("jiangjin.yaml"), yaml, StandardCharsets.UTF_8);
		return pipelines;
	}

	/**
	 * The three 江津 files as tables of text columns named as their headers, with a snapshot date
	 * column: a {@code date} in the roster, text in the other two (as districts keep them).
	 */
	static void exchangeTables(String url, String date) throws Exception {
		try (Connection c = java.sql.DriverManager.getConnection(url, SourcePostgres.READER, SourcePostgres.READER_PASSWORD)) {
			exchangeTables(c, date);
		}
	}

	static void exchangeTables(Connection c, String date) throws Exception {
		{
			table(c, "人才资源花名册", JIANGJIN.resolve("人才资源花名册.csv"), "date", date);
			table(c, "企业资质名单", JIANGJIN.resolve("企业资质名单.csv"), "varchar(20)", date.replaceFirst("-", "年")
				.replaceFirst("-", "月") + "日");
			table(c, "创新平台名单", JIANGJIN.resolve("创新平台名单.csv"), "varchar(20)", date);
		}
	}

	/** A later snapshot: the 2023 rows again dated anew, and one more person. */
	private static void addSnapshot(String url, String date) throws Exception {
		try (Connection c = java.sql.DriverManager.getConnection(url, SourcePostgres.READER, SourcePostgres.READER_PASSWORD);
				Statement s = c.createStatement()) {
			String zh = date.replaceFirst("-", "年").replaceFirst("-", "月") + "日";
			s.execute("insert into 人才资源花名册 select 公民身份号码, 姓名, 人才类别, 最高学历, 专业技术职称, 职业技能等级,"
					+ " 人才层次, 工作单位统一社会信用代码, date '" + date + "' from 人才资源花名册");
			s.execute("insert into 人才资源花名册 values ('500116198801010016', '孙八', '专业技术人才', '大学本科', null, null,"
					+ " null, null, date '" + date + "')");
			s.execute("insert into 企业资质名单 select 统一社会信用代码, 企业名称, 资质类别, 认定年月, '" + zh + "' from 企业资质名单");
			s.execute("insert into 创新平台名单 select 平台名称, 平台类别, 平台级别, 依托单位统一社会信用代码, 批准时间, '" + date
					+ "' from 创新平台名单");
		}
	}

	static void table(Connection c, String name, Path csv, String dateType, String date) throws Exception {
		List<CSVRecord> records;
		List<String> header;
		try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
			var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in);
			header = new ArrayList<>(parser.getHeaderNames());
			header.set(0, header.get(0).replace("\uFEFF", ""));
			records = parser.getRecords();
		}
		StringBuilder ddl = new StringBuilder("create table " + name + " (");
		for (String h : header) {
			ddl.append(h).append(" varchar(200), ");
		}
		ddl.append("统计日期 ").append(dateType).append(')');
		try (Statement s = c.createStatement()) {
			s.execute(ddl.toString());
		}
		String insert = "insert into " + name + " values (" + "?, ".repeat(header.size()) + "?)";
		try (PreparedStatement p = c.prepareStatement(insert)) {
			for (CSVRecord r : records) {
				for (int i = 0; i < header.size(); i++) {
					// an empty CSV cell is what a database export writes for null
					p.setString(i + 1, r.get(i).isEmpty() ? null : r.get(i));
				}
				if (dateType.equals("date")) {
					p.setObject(header.size() + 1, java.time.LocalDate.parse(date));
				}
				else {
					p.setString(header.size() + 1, date);
				}
				p.addBatch();
			}
			p.executeBatch();
		}
	}

	/** Every file's text under a folder, to check a secret is nowhere. */
	private static String everythingUnder(Path folder) throws Exception {
		StringBuilder all = new StringBuilder();
		try (Stream<Path> files = Files.walk(folder)) {
			for (Path f : files.filter(Files::isRegularFile).toList()) {
				all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
			}
		}
		return all.toString();
	}

	/** A load pulled from a database holds what the load of the same rows as files holds: marts, quarantine, counts. */
	static void assertSameAsCsvLoad(Path warehouse, Path csvWarehouse) throws Exception {
		assertThat(Fixtures.marts(warehouse)).isEqualTo(Fixtures.marts(csvWarehouse));
		String quarantine = "select source, line, field, rule, raw_value from ops.quarantine order by all";
		assertThat(Fixtures.rows(warehouse, quarantine)).isNotEmpty().isEqualTo(Fixtures.rows(csvWarehouse, quarantine));
		String counts = "select source, cast(snapshot_date as varchar), read, loaded, quarantined from ops.source_counts order by all";
		assertThat(Fixtures.rows(warehouse, counts)).isEqualTo(Fixtures.rows(csvWarehouse, counts));
	}

}
