package cq.talentwarehouse.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.pipeline.SourceKind;
import cq.talentwarehouse.stage.StagingArea;
import cq.talentwarehouse.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staging models of sql/staging over the files a run staged, named by {@link StagingLayer}: the
 * same tables whether or not a night delivered a source, and the staged columns typed as
 * {@link SourceKind#stagedColumnTypes()} says, the roster's narrowed where stg_roster says (the build
 * loads the seeds before staging: the roster's vocabulary codes are enums of their seeds' codes).
 */
class StagingLayerIntegrationTests {

	private static final LocalDate SNAPSHOT = LocalDate.of(2024, 6, 30);

	/**
	 * The roster columns stg_roster holds narrower than the staged file's types (the categories as an
	 * enum of the lists staged: none when nothing was).
	 */
	private static final java.util.Map<String, String> NARROWED_ROSTER_TYPES = java.util.Map.of(
			"line", "INTEGER",
			"categories", "ENUM()",
			"gender", "ENUM('F', 'M')",
			"birth_year", "SMALLINT",
			"education_code", "ENUM('doctorate', 'master', 'bachelor', 'college', 'upper_secondary', 'lower_secondary_or_below')",
			"title_code", "ENUM('senior', 'associate_senior', 'intermediate', 'junior')",
			"skill_level_code", "ENUM('chief_technician', 'special_technician', 'senior_technician', 'technician', 'senior_worker', 'intermediate_worker', 'junior_worker', 'apprentice')",
			"talent_level_code", "ENUM('national', 'provincial', 'district', 'none')");

	@TempDir
	Path dir;

	private StagingArea staging;

	@BeforeEach
	void stagingArea() throws Exception {
		this.staging = new StagingArea(this.dir.resolve("staging"));
		Files.createDirectories(this.staging.root());
	}

	@Test
	void nightWithoutStagedFilesHasEveryStagingModelWithItsColumns() throws Exception {
		// given a run that staged nothing and wrote no run file
		feeds("district_code,snapshot_date,status,message\n");

		// when
		try (Connection connection = stagingLayerBuilt("run-7")) {
			// then every source's table exists, empty, with the staged columns and their partition (the
			// roster's district an enum of the seeds' districts)
			String districts = "ENUM(" + String.join(", ", Fixtures.rows(connection,
					"select '''' || district_code || '''' from seed.districts order by 1").stream().map((r) -> r.get(0)).toList()) + ")";
			for (SourceKind kind : SourceKind.values()) {
				List<List<String>> expected = new ArrayList<>();
				kind.stagedColumnTypes().forEach((column, type) -> expected.add(List.of(column,
						(kind == SourceKind.ROSTER) ? NARROWED_ROSTER_TYPES.getOrDefault(column, type) : type)));
				expected.add(List.of("district_code", (kind == SourceKind.ROSTER) ? districts : "VARCHAR"));
				expected.add(List.of("snapshot_date", "DATE"));
				List<List<String>> actual = Fixtures.rows(connection, "select column_name, column_type from (describe stg_" + kind.key() + ")");
				assertThat(actual).containsExactlyElementsOf(expected);
				assertThat(Fixtures.rows(connection, "select count(*) from stg_" + kind.key())).containsExactly(List.of("0"));
			}
			assertThat(Fixtures.rows(connection, "select count(*) from stg_quarantine union all select count(*) from stg_meta"
					+ " union all select count(*) from stg_feed union all select count(*) from stg_snapshot_files"))
				.containsExactly(List.of("0"), List.of("0"), List.of("0"), List.of("0"));
			// and the run is the one the build was given
			assertThat(Fixtures.rows(connection, "select run_id, cast(started_at as varchar), is_demo from stg_run"))
				.containsExactly(List.of("run-7", "2024-07-01 02:00:00", "false"));
		}
	}

	@Test
	void stagedRosterIsReadWithItsDistrictAndSnapshot() throws Exception {
		// given one district snapshot staged with a roster and a quarantined record
		feeds("district_code,snapshot_date,status,message\n500116," + SNAPSHOT + ",staged,\n500241," + SNAPSHOT
				+ ",failed,\"no roster\"\n");
		write(this.staging.accepted(SourceKind.ROSTER, "500116", SNAPSHOT),
				String.join(",", SourceKind.ROSTER.stagedFileColumns()) + "\n"
						+ "2,8f1c0ad2-56a4-4f51-9f5c-3a8e2f0b7a11,M,1980,a|b,bachelor,,,,91500116MA5U00000X,,\n");
		write(this.staging.quarantine(SourceKind.ROSTER, "500116", SNAPSHOT),
				"line,field,rule,raw_value\n3,id_number,id_checksum,5001**********1234\n");
		write(this.staging.meta(SourceKind.ROSTER, "500116", SNAPSHOT),
				"file,encoding,read,accepted,quarantined,seconds,rules\nroster.csv,UTF-8,2,1,1,0.5,\n");

		// when
		try (Connection connection = stagingLayerBuilt("run-8")) {
			// then
			assertThat(Fixtures.rows(connection, "select line, birth_year + 1, categories, district_code, snapshot_date from stg_roster"))
				.containsExactly(List.of("2", "1981", "a|b", "500116", SNAPSHOT.toString()));
			assertThat(Fixtures.rows(connection, "select source, district_code, line, rule from stg_quarantine"))
				.containsExactly(List.of("roster", "500116", "3", "id_checksum"));
			assertThat(Fixtures.rows(connection, "select source, file, read, accepted, quarantined from stg_meta"))
				.containsExactly(List.of("roster", "roster.csv", "2", "1", "1"));
			assertThat(Fixtures.rows(connection, "select district_code, message from stg_failure"))
				.containsExactly(List.of("500241", "no roster"));
			assertThat(Fixtures.rows(connection, "select count(*) from stg_platform")).containsExactly(List.of("0"));
		}
	}

	@Test
	void stagedCodeOutsideTheRunsSeedsFailsItsDistrictAloneNeverANull() throws Exception {
		// given two district snapshots staged, one with an education code the run's seeds do not hold
		// (a staging area written by another version, or edited by hand)
		stagedRosters(Map.of(
				"500116", "2,8f1c0ad2-56a4-4f51-9f5c-3a8e2f0b7a11,M,1980,a|b,bachelor,,,,91500116MA5U00000X\n",
				"500117", "2,9f1c0ad2-56a4-4f51-9f5c-3a8e2f0b7a12,F,1985,a,phd,,,,\n"));

		// when
		try (Connection connection = stagingLayerBuilt("run-9")) {
			// then the other district is read, the one with the unknown code fails with DuckDB's reason,
			// and no row of it reaches the build with a null code
			assertThat(Fixtures.rows(connection, "select district_code, cast(education_code as varchar) from stg_roster"))
				.containsExactly(List.of("500116", "bachelor"));
			onlyFailed(connection, "500117",
					"Error when converting column \"education_code\". Could not convert string \"phd\"", "district_code=500117");
			assertThat(Fixtures.rows(connection, "select district_code from stg_feed")).containsExactly(List.of("500116"));
		}
	}

	@Test
	void pseudonymStagedAsHexDigitsReadsAsItsUuidAndAnUnreadableOneFailsItsDistrictAlone() throws Exception {
		// given three district snapshots staged: one with pseudonyms as the writer stages them (32 hex
		// digits, upper or lower case), one spelt with hyphens, one with a value that is no UUID
		stagedRosters(Map.of(
				"500116", "2,8f1c0ad256a44f519f5c3a8e2f0b7a11,M,1980,a,bachelor,,,,\n"
						+ "3,9F1C0AD256A44F519F5C3A8E2F0B7A12,F,1981,a,bachelor,,,,\n",
				"500117", "2,{7f1c0ad2-56a4-4f51-9f5c-3a8e2f0b7a13},F,1985,a,bachelor,,,,\n",
				"500118", "2,8f1c0ad256a44f519f5c3a8e2f0b7a1z,F,1985,a,bachelor,,,,\n"));

		// when
		try (Connection connection = stagingLayerBuilt("run-11")) {
			// then every readable spelling is the same UUID the cast gives
			assertThat(Fixtures.rows(connection, "select district_code, line, cast(person_id as varchar) from stg_roster order by all"))
				.containsExactly(List.of("500116", "2", "8f1c0ad2-56a4-4f51-9f5c-3a8e2f0b7a11"),
						List.of("500116", "3", "9f1c0ad2-56a4-4f51-9f5c-3a8e2f0b7a12"),
						List.of("500117", "2", "7f1c0ad2-56a4-4f51-9f5c-3a8e2f0b7a13"));
			// and the value no UUID reads fails its district, naming column, value and file
			onlyFailed(connection, "500118",
					"Error when converting column \"person_id\". Could not convert string \"8f1c0ad256a44f519f5c3a8e2f0b7a1z\"",
					"district_code=500118/snapshot_date=" + SNAPSHOT + "/data.csv");
		}
	}

	@Test
	void quotedRosterCellIsNeverMisreadItsDistrictFailsAlone() throws Exception {
		// given two district snapshots staged, one with a quoted cell holding a comma (a roster stages
		// no text that needs quotes, so stg_roster reads without quoting: such a cell must not pass)
		stagedRosters(Map.of(
				"500116", "2,8f1c0ad2-56a4-4f51-9f5c-3a8e2f0b7a11,M,1980,a|b,bachelor,,,,91500116MA5U00000X\n",
				"500117", "2,9f1c0ad2-56a4-4f51-9f5c-3a8e2f0b7a12,F,1985,\"a,b\",bachelor,,,,\n"));

		// when
		try (Connection connection = stagingLayerBuilt("run-10")) {
			// then the other district is read and the one with the quoted cell fails, naming its file
			assertThat(Fixtures.rows(connection, "select district_code, categories from stg_roster"))
				.containsExactly(List.of("500116", "a|b"));
			onlyFailed(connection, "500117", "district_code=500117");
		}
	}

	@Test
	void categoryListsAreAnEnumOfTheListedValuesAndOfFilesStagedWithoutThemAndAListMissingFailsItsDistrictAlone()
			throws Exception {
		// given three district snapshots staged: one whose writer listed its category lists, one staged
		// without the list (by an earlier version, then resumed), one whose list lacks a staged value
		stagedRosters(Map.of(
				"500116", "2,8f1c0ad256a44f519f5c3a8e2f0b7a11,M,1980,a|b,bachelor,,,,\n"
						+ "3,9f1c0ad256a44f519f5c3a8e2f0b7a12,F,1981,c,bachelor,,,,\n",
				"500117", "2,7f1c0ad256a44f519f5c3a8e2f0b7a13,F,1985,d|a,bachelor,,,,\n",
				"500118", "2,6f1c0ad256a44f519f5c3a8e2f0b7a14,F,1985,a|b,bachelor,,,,\n"
						+ "3,5f1c0ad256a44f519f5c3a8e2f0b7a15,F,1985,e,bachelor,,,,\n"));
		write(this.staging.values(SourceKind.ROSTER, "500116", SNAPSHOT), "column_name,value\ncategories,a|b\ncategories,c\n");
		write(this.staging.values(SourceKind.ROSTER, "500118", SNAPSHOT), "column_name,value\ncategories,a|b\n");

		// when
		try (Connection connection = stagingLayerBuilt("run-12")) {
			// then the lists listed and those of the unlisted file are the enum, and their rows read
			assertThat(Fixtures.rows(connection, "select district_code, line, cast(categories as varchar) from stg_roster order by all"))
				.containsExactly(List.of("500116", "2", "a|b"), List.of("500116", "3", "c"), List.of("500117", "2", "d|a"));
			assertThat(Fixtures.rows(connection, "select unnest(enum_range(null::stg_categories)) order by 1"))
				.containsExactly(List.of("a|b"), List.of("c"), List.of("d|a"));
			// and the district whose list lacks a staged value fails alone, naming column, value and file
			onlyFailed(connection, "500118",
					"Error when converting column \"categories\". Could not convert string \"e\"", "district_code=500118");
		}
	}

	@Test
	void rosterStagedUnderADistrictOutsideTheRunsSeedsFailsItsDistrictAlone() throws Exception {
		// given two district snapshots staged, one in a folder of a district code the seeds lack (a
		// staging area edited by hand, or seeds changed under a resumed run)
		stagedRosters(Map.of(
				"500116", "2,8f1c0ad256a44f519f5c3a8e2f0b7a11,M,1980,a,bachelor,,,,\n",
				"500199", "2,9f1c0ad256a44f519f5c3a8e2f0b7a12,F,1985,a,bachelor,,,,\n"));

		// when
		try (Connection connection = stagingLayerBuilt("run-13")) {
			// then the known district is read and the other fails alone, never read under a null district
			assertThat(Fixtures.rows(connection, "select cast(district_code as varchar), line from stg_roster"))
				.containsExactly(List.of("500116", "2"));
			onlyFailed(connection, "500199", "Could not convert string '500199'", "district_code");
		}
	}

	/** The staging layer built over the staged files, on a database holding the repository's seeds. */
	private Connection stagingLayerBuilt(String runId) throws Exception {
		Connection connection = DuckDb.openReadWrite(this.dir.resolve("w.duckdb"));
		try {
			WarehouseBuilder.loadSeeds(connection, Path.of("seeds"));
			StagingLayer.build(connection, this.staging, runId, LocalDateTime.of(2024, 7, 1, 2, 0));
			return connection;
		}
		catch (Exception ex) {
			connection.close();
			throw ex;
		}
	}

	/** Exactly one district snapshot failed, this one, its staged records unreadable for the reasons given. */
	private static void onlyFailed(Connection connection, String district, String... reasons) throws Exception {
		List<List<String>> failures = Fixtures.rows(connection, "select district_code, message from stg_failure");
		assertThat(failures).singleElement().satisfies((row) -> {
			assertThat(row.get(0)).isEqualTo(district);
			assertThat(row.get(1)).contains("could not be read back").contains(reasons);
		});
	}

	/** Each district's roster staged (feed row, accepted rows under the staged header, meta, empty quarantine). */
	private void stagedRosters(Map<String, String> rowsByDistrict) throws Exception {
		StringBuilder feeds = new StringBuilder("district_code,snapshot_date,status,message\n");
		String header = String.join(",", SourceKind.ROSTER.stagedFileColumns()) + "\n";
		for (Map.Entry<String, String> district : new TreeMap<>(rowsByDistrict).entrySet()) {
			feeds.append(district.getKey()).append(',').append(SNAPSHOT).append(",staged,\n");
			// rows as the tests give them, unclaimed (is_named_again and person_key empty)
			write(this.staging.accepted(SourceKind.ROSTER, district.getKey(), SNAPSHOT),
					header + district.getValue().replace("\n", ",,\n"));
			write(this.staging.meta(SourceKind.ROSTER, district.getKey(), SNAPSHOT),
					"file,encoding,read,accepted,quarantined,seconds,rules\nroster.csv,UTF-8,1,1,0,0.5,\n");
			write(this.staging.quarantine(SourceKind.ROSTER, district.getKey(), SNAPSHOT), "line,field,rule,raw_value\n");
		}
		feeds(feeds.toString());
	}

	private void feeds(String csv) throws Exception {
		Files.writeString(this.staging.root().resolve(WarehouseBuilder.FEEDS_FILE), csv);
	}

	private static void write(Path file, String content) throws Exception {
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

}
