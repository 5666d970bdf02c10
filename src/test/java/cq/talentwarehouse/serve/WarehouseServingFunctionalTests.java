package cq.talentwarehouse.serve;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.demo.DemoDataGenerator;
import cq.talentwarehouse.load.DuckDb;
import cq.talentwarehouse.run.LoadRun;
import cq.talentwarehouse.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The demo {@code run} with a serving database configured, against a real PostgreSQL: what is served
 * (every mart, the cube, the ops tables, with comments, types and indexes) and who may read it.
 */
class WarehouseServingFunctionalTests {

	private static final String DATABASE = "serving_functional";

	private static final String JIANGJIN = "500116";

	@TempDir
	static Path dir;

	private static TestPostgres pg;

	private static Path warehouse;

	private static Fixtures.LoadResult demoRun;

	@BeforeAll
	static void runTheDemoWithServing() throws Exception {
		pg = TestPostgres.shared();
		ServeTarget target = pg.database(DATABASE);
		Path passwordFile = Files.writeString(dir.resolve("serve-password"), TestPostgres.LOADER_PASSWORD + "\n");
		warehouse = dir.resolve("warehouse/talent.duckdb");
		// the demo extracts a first start writes into the default landing folder
		DemoDataGenerator.generate(dir.resolve("landing"), DemoDataGenerator.DEFAULT_SEED);
		List<String> arguments = new ArrayList<>(Fixtures.arguments(Path.of("pipelines").toAbsolutePath(), dir.resolve("landing"), warehouse,
				dir.resolve("key")));
		arguments.add("--talent.serve.url=" + target.url());
		arguments.add("--talent.serve.user=" + target.user());
		arguments.add("--talent.serve.password-file=" + passwordFile);
		demoRun = Fixtures.run(arguments);
		if (demoRun.exit() != LoadRun.PUBLISHED) {
			throw new IllegalStateException("the demo run exited " + demoRun.exit() + ":\n" + demoRun.output());
		}
		pg.createLogin("jiangjin_analyst", "jj-pw");
		pg.createLogin("city_analyst", "city-pw");
		Path stateDir = warehouse.getParent();
		WarehouseServer server = new WarehouseServer(target, stateDir.resolve("work"));
		server.grantLogin(warehouse, "jiangjin_analyst", JIANGJIN);
		server.grantLogin(warehouse, "city_analyst", "all");
	}

	@Test
	void demoRunServesEveryMartTheCubeAndTheOpsTablesWithTheRowsOfDuckDb() throws Exception {
		// given: the demo run above
		assertThat(demoRun.exit()).as(demoRun.output()).isEqualTo(LoadRun.PUBLISHED);
		assertThat(demoRun.output()).contains("Served run-");

		try (Connection duckdb = DuckDb.openReadOnly(warehouse); Connection served = pg.superuser(DATABASE)) {
			List<ServedTable> tables = ServedTable.list(duckdb);
			assertThat(tables).extracting(ServedTable::qualifiedName)
				.contains("mart.district_talent_totals", "mart.talent_cube", "mart.reported_vs_computed",
						"mart.municipal_talent_totals", "ops.runs", "ops.district_results", "ops.source_counts",
						"ops.quarantine_by_rule", "ops.warning_counts");
			assertThat(tables.stream().filter((t) -> t.schema().equals("mart"))).hasSize(18);
			for (ServedTable table : tables) {
				// when
				List<String> inPostgres = ServedComparison.rows(served, table.qualifiedName());

				// then
				assertThat(inPostgres).as(table.qualifiedName())
					.isNotEmpty()
					.isEqualTo(ServedComparison.rows(duckdb, table.qualifiedName()));
			}
			// nothing record-level reaches the served ops schema
			assertThat(TestPostgres.rows(served, "select table_name from information_schema.tables where table_schema = 'ops'"
					+ " order by 1")).extracting((r) -> r.get(0))
				.containsExactly("district_results", "quarantine_by_rule", "runs", "served", "source_counts", "warning_counts");
			assertThat(TestPostgres.rows(served, "select run_id from ops.served"))
				.containsExactly(List.of(TestPostgres.rows(served, "select max(run_id) from ops.runs").get(0).get(0)));
		}
	}

	@Test
	void servedTablesCarryTheDuckDbDescriptionsAsComments() throws Exception {
		try (Connection duckdb = DuckDb.openReadOnly(warehouse); Connection served = pg.superuser(DATABASE)) {
			for (ServedTable table : ServedTable.list(duckdb)) {
				assertThat(ServedComparison.postgresComments(served, table.schema(), table.name())).as(table.qualifiedName())
					.isEqualTo(ServedComparison.duckdbComments(duckdb, table.schema(), table.name()))
					.doesNotContainValue(null);
			}
		}
	}

	@Test
	void servedColumnsKeepTheirTypesAndDistrictSnapshotsAreIndexed() throws Exception {
		// then: dates stay dates, DuckDB's HUGEINT sums become bigint, shares double precision
		assertThat(pg.rows(DATABASE, "select table_name, column_name, data_type from information_schema.columns"
				+ " where table_schema = 'mart' and (table_name, column_name) in (('district_indicators', 'value'),"
				+ " ('district_talent_totals', 'snapshot_date'), ('district_talent_totals', 'talents_per_10k_residents'),"
				+ " ('talent_cube', 'people'), ('reported_vs_computed', 'computed_value')) order by 1, 2"))
			.containsExactly(List.of("district_indicators", "value", "bigint"),
					List.of("district_talent_totals", "snapshot_date", "date"),
					List.of("district_talent_totals", "talents_per_10k_residents", "double precision"),
					List.of("reported_vs_computed", "computed_value", "bigint"), List.of("talent_cube", "people", "bigint"));
		// column order as in DuckDB (new columns only at the end)
		try (Connection duckdb = DuckDb.openReadOnly(warehouse)) {
			assertThat(pg.rows(DATABASE, "select column_name from information_schema.columns where table_schema = 'mart'"
					+ " and table_name = 'district_talent_totals' order by ordinal_position"))
				.isEqualTo(Fixtures.rows(warehouse, "select column_name from duckdb_columns() where schema_name = 'mart'"
						+ " and table_name = 'district_talent_totals' order by column_index"));
		}
		assertThat(pg.rows(DATABASE, "select indexdef from pg_indexes where schemaname = 'mart'"
				+ " and tablename = 'district_talent_totals'"))
			.singleElement().asString().contains("(district_code, snapshot_date)");
		assertThat(pg.rows(DATABASE, "select count(*) from pg_indexes where schemaname = 'mart'").get(0).get(0))
			.isEqualTo(pg.rows(DATABASE, "select count(distinct table_name) from information_schema.columns where"
					+ " table_schema = 'mart' and column_name = 'district_code'").get(0).get(0));
	}

	@Test
	void districtLoginReadsOnlyItsOwnDistrictsRows() throws Exception {
		try (Connection jiangjin = pg.login(DATABASE, "jiangjin_analyst", "jj-pw")) {
			for (String table : List.of("district_talent_totals", "talent_cube", "district_indicators",
					"reported_vs_computed", "district_load_status", "district_platform_counts")) {
				assertThat(TestPostgres.rows(jiangjin, "select distinct district_code from mart." + table)).as(table)
					.containsExactly(List.of(JIANGJIN));
				assertThat(TestPostgres.rows(jiangjin, "select count(*) from mart." + table)).as(table)
					.isEqualTo(pg.rows(DATABASE, "select count(*) from mart." + table + " where district_code = '" + JIANGJIN + "'"));
			}
		}
	}

	@Test
	void districtLoginCannotWriteNorReadOpsNorTheMunicipalTotals() throws Exception {
		try (Connection jiangjin = pg.login(DATABASE, "jiangjin_analyst", "jj-pw")) {
			assertRefused(jiangjin, "select * from ops.runs", "permission denied for schema ops");
			assertRefused(jiangjin, "select * from mart.municipal_talent_totals", "permission denied for table");
			assertRefused(jiangjin, "insert into mart.district_talent_totals (district_code) values ('500116')",
					"permission denied");
			assertRefused(jiangjin, "update mart.talent_cube set people = 0", "permission denied");
			assertRefused(jiangjin, "delete from mart.district_indicators", "permission denied");
			assertRefused(jiangjin, "create table mart.mine (x int)", "permission denied for schema mart");
		}
		try (Connection city = pg.login(DATABASE, "city_analyst", "city-pw")) {
			assertRefused(city, "delete from mart.district_talent_totals", "permission denied");
			assertRefused(city, "truncate ops.runs", "permission denied");
		}
	}

	@Test
	void allDistrictsLoginReadsEveryRowAndOps() throws Exception {
		try (Connection city = pg.login(DATABASE, "city_analyst", "city-pw")) {
			assertThat(TestPostgres.rows(city, "select count(distinct district_code) from mart.district_talent_totals"))
				.containsExactly(List.of("4"));
			assertThat(TestPostgres.rows(city, "select count(*) from mart.municipal_talent_totals").get(0).get(0))
				.isNotEqualTo("0");
			assertThat(TestPostgres.rows(city, "select count(*) from ops.runs")).containsExactly(List.of("1"));
			assertThat(TestPostgres.rows(city, "select sum(records) from ops.quarantine_by_rule"))
				.isEqualTo(Fixtures.rows(warehouse, "select count(*) from ops.quarantine"));
		}
	}

	@Test
	void districtRolesFollowTheValidityOfTheirCodes() throws Exception {
		// 两江新区 (since 2025-11-06) has a role; 江北区 and 渝北区 (ended 2025-11-05) have none
		assertThat(pg.rows(DATABASE, "select rolname, rolcanlogin from pg_roles where rolname like 'talent\\_district\\_%'"
				+ " or rolname = 'talent_reader' order by 1"))
			.contains(List.of("talent_district_500157", "f"), List.of("talent_district_500116", "f"),
					List.of("talent_reader", "f"))
			.doesNotContain(List.of("talent_district_500105", "f"), List.of("talent_district_500112", "f"))
			.hasSize(1 + 37);
		assertThatThrownBy(() -> new WarehouseServer(pg.loader(), dir.resolve("work")).grantLogin(warehouse,
				"jiangjin_analyst", "500105"))
			.isInstanceOf(ServeException.class).hasMessageContaining("500105 江北区 is not valid on");
	}

	@Test
	void thePasswordAppearsNowhereTheRunWrites() throws Exception {
		assertThat(demoRun.output()).doesNotContain(TestPostgres.LOADER_PASSWORD);
		try (Stream<Path> files = Files.walk(warehouse.getParent())) {
			for (Path f : files.filter(Files::isRegularFile).filter((p) -> p.toString().endsWith(".json")
					|| p.toString().endsWith(".log")).toList()) {
				assertThat(Files.readString(f, StandardCharsets.UTF_8)).as(f.toString())
					.doesNotContain(TestPostgres.LOADER_PASSWORD);
			}
		}
		assertThat(ServeState.read(warehouse.getParent()).describe()).startsWith("Served: run-")
			.contains("PostgreSQL at localhost:" + pg.port() + "/" + DATABASE + " as talent_loader");
	}

	private static void assertRefused(Connection c, String sql, String message) {
		assertThatThrownBy(() -> {
			try (Statement s = c.createStatement()) {
				s.execute(sql);
			}
		}).as(sql).isInstanceOf(SQLException.class).hasMessageContaining(message);
	}

}
