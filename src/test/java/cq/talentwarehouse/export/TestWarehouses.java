package cq.talentwarehouse.export;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import cq.talentwarehouse.load.DuckDb;
import cq.talentwarehouse.load.WarehouseBuilder;
import cq.talentwarehouse.reference.ReferenceData;

import cq.talentwarehouse.testing.Fixtures;

/**
 * Real DuckDB warehouses for the analyst-facing tests: either migrated and seeded with no facts, for
 * tests that insert exactly the rows they reason about, or loaded end to end from the functional
 * fixture landing zone ({@code src/test/resources/functional}). The fact helpers return SQL inserting
 * just the rows a mart test reasons about, people and enterprises by number, so that two rosters
 * sharing numbers share people.
 */
public final class TestWarehouses {

	private TestWarehouses() {
	}

	/**
	 * The current schema, seeds and the dimensions built from them (districts, vocabularies), as a
	 * load leaves them before any district's facts.
	 */
	public static Path migrated(Path file) throws Exception {
		Path seeds = Files.createDirectories(file.toAbsolutePath().getParent().resolve("seeds"));
		try (Connection connection = DuckDb.openReadWrite(file); Statement s = connection.createStatement()) {
			// seeds first, as in a load: views read seed tables when they are created
			s.execute("create schema if not exists seed");
			for (String seed : ReferenceData.SEED_FILES) {
				Path csv = seeds.resolve(seed + ".csv");
				try (InputStream in = ReferenceData.open(seed)) {
					Files.copy(in, csv, StandardCopyOption.REPLACE_EXISTING);
				}
				s.execute("create or replace table seed." + seed + " as select * from read_csv(" + DuckDb.literal(csv.toString())
						+ ", header = true, all_varchar = true, quote = '\"', escape = '\"')");
			}
			WarehouseBuilder.migrate(connection);
			// the dimensions that read only seeds (sql/reference), as the working copy's preparation runs them
			DuckDb.runFolders(connection, List.of("reference"));
		}
		return file;
	}

	/** Runs statements against a warehouse file, e.g. to insert the facts a test needs. */
	public static void execute(Path warehouse, String... sql) throws Exception {
		try (Connection connection = DuckDb.openReadWrite(warehouse); Statement s = connection.createStatement()) {
			for (String statement : sql) {
				s.execute(statement);
			}
		}
	}

	public static List<List<String>> rows(Path warehouse, String sql) throws Exception {
		return Fixtures.rows(warehouse, sql);
	}

	/**
	 * The whole load of the fixture landing zone into {@code dir/warehouse/talent.duckdb} with the
	 * project's pipelines at a 50% reject threshold (the fixture holds one broken record per rule
	 * among a dozen clean ones).
	 */
	public static Path fixtureLoad(Path dir) throws Exception {
		return Fixtures.fixtureLoad(dir);
	}

	/** People {@code from..to} on the district's roster of {@code date} (yyyy-mm-dd), in each category. */
	public static String[] roster(String districtCode, String date, int from, int to, String... categories) {
		String range = "range(" + from + ", " + (to + 1) + ") r(i)";
		String dateSk = date.replace("-", "");
		String district = district(districtCode);
		String[] sql = new String[5 + categories.length];
		StringBuilder categoryKeys = new StringBuilder();
		for (String code : categories) {
			categoryKeys.append(categoryKeys.length() == 0 ? "" : ", ").append(category(code));
		}
		sql[0] = "insert into dw.dim_person (person_sk, person_id) select i, cast(printf('%032x', i) as uuid) from " + range
				+ " where not exists (select 1 from dw.dim_person p where p.person_sk = i)";
		sql[1] = "insert into dw.fct_talent_snapshot (snapshot_date_sk, district_sk, person_sk, is_high_level, is_high_skill,"
				+ " run_id, source_line, category_sks) select " + dateSk + ", " + district + ", i, false, false, 'test', i,"
				+ " list_sort([" + categoryKeys + "]::integer[]) from " + range;
		// the aggregates a load maintains beside the facts, which the talent marts read
		sql[2] = "insert into dw.agg_talent_snapshot (district_sk, snapshot_date_sk, talent_level_sk, is_high_level,"
				+ " is_high_skill, people) select " + district + ", " + dateSk + ", null, false, false, " + (to - from + 1);
		for (int c = 0; c < categories.length; c++) {
			sql[3 + c] = "insert into dw.agg_talent_category (district_sk, snapshot_date_sk, category_sk, people)"
					+ " select " + district + ", " + dateSk + ", " + category(categories[c]) + ", " + (to - from + 1);
		}
		// as a load does: re-derive the people on more than one district's roster
		sql[sql.length - 2] = "delete from dw.agg_multi_district_person";
		sql[sql.length - 1] = "insert into dw.agg_multi_district_person with by_code as (select t.person_sk,"
				+ " d.district_code, t.snapshot_date_sk from dw.fct_talent_snapshot t join dw.dim_district d"
				+ " on d.district_sk = t.district_sk), shared as (select person_sk from by_code group by person_sk"
				+ " having count(distinct district_code) > 1) select b.* from by_code b semi join shared s"
				+ " on s.person_sk = b.person_sk";
		return sql;
	}

	private static String category(String code) {
		return "(select category_sk from dw.dim_talent_category where category_code = '" + code + "')";
	}

	/** Enterprise number {@code enterprise} holding a qualification granted on {@code granted} (yyyy-mm-dd). */
	public static String qualification(String districtCode, String date, int enterprise, String qualificationCode,
			String granted) {
		return "insert into dw.fct_enterprise_qualification (snapshot_date_sk, district_sk, enterprise_sk, qualification_sk,"
				+ " granted_date_sk, run_id, source_line) select " + date.replace("-", "") + ", " + district(districtCode)
				+ ", " + enterprise + ", (select qualification_sk from dw.dim_qualification where qualification_code = '"
				+ qualificationCode + "'), " + granted.replace("-", "") + ", 'test', " + enterprise;
	}

	public static String platform(String districtCode, String date, String name, String typeCode, String levelCode) {
		return "insert into dw.fct_platform_snapshot (snapshot_date_sk, district_sk, platform_id, platform_name,"
				+ " platform_type_sk, platform_level_sk, run_id, source_line) select " + date.replace("-", "") + ", "
				+ district(districtCode) + ", md5('" + name + "'), '" + name + "',"
				+ " (select platform_type_sk from dw.dim_platform_type where platform_type_code = '" + typeCode + "'),"
				+ " (select platform_level_sk from dw.dim_platform_level where platform_level_code = '" + levelCode + "'),"
				+ " 'test', 1";
	}

	private static String district(String code) {
		return "(select max(district_sk) from dw.dim_district where district_code = '" + code + "')";
	}

}
