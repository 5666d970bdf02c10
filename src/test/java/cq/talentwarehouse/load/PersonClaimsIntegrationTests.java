package cq.talentwarehouse.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;

import cq.talentwarehouse.pipeline.SourceKind;
import cq.talentwarehouse.stage.LoadPeople;
import cq.talentwarehouse.stage.StagingArea;
import cq.talentwarehouse.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * sql/dims/020_dim_person.sql over staged rosters: with the run's claims ({@link LoadPeople}: rows
 * named again flagged, the mark in the staging folder) the people are the rows not named again; a
 * person named again whose first naming the build does not load still gets a key; without the mark
 * (a resumed run), or with most rows named again (many months of one roster), the rows are grouped.
 * A new warehouse takes the claims' numbers as keys while they hold. Either way one key a person, 1..n.
 */
class PersonClaimsIntegrationTests {

	private static final LocalDate SNAPSHOT = LocalDate.of(2024, 6, 30);

	private static final String P1 = "8f1c0ad256a44f519f5c3a8e2f0b7a11";

	private static final String P2 = "9f1c0ad256a44f519f5c3a8e2f0b7a12";

	private static final String P3 = "7f1c0ad256a44f519f5c3a8e2f0b7a13";

	private static final String P4 = "6f1c0ad256a44f519f5c3a8e2f0b7a14";

	private static final String P5 = "5f1c0ad256a44f519f5c3a8e2f0b7a15";

	@TempDir
	Path dir;

	private StagingArea staging;

	@BeforeEach
	void stagingArea() throws Exception {
		this.staging = new StagingArea(this.dir.resolve("staging"));
		Files.createDirectories(this.staging.root());
	}

	@Test
	void takesTheRowsNotNamedAgainAsTheRunsPeopleWhenOneProcessClaimedThem() throws Exception {
		// given two rosters staged by one process: P2 on both, named again on 500117's
		claimed(true);
		stagedRosters(Map.of(
				"500116", row(2, P1, "") + row(3, P2, ""),
				"500117", row(2, P2, "true") + row(3, P3, "")));

		// when
		List<List<String>> people = dimPerson();

		// then each person has one key, and only P2 is on two rosters (found by the filter)
		assertThat(people).containsExactlyInAnyOrder(person(P1), person(P2), person(P3));
		assertThat(Fixtures.rows(this.connection, "select getvariable('filters_people')")).containsExactly(List.of("true"));
		assertThat(keys()).containsExactly(List.of("3", "1", "3"));
		assertThat(rostersTwice()).containsExactly(List.of(uuid(P2)));
	}

	@Test
	void keepsAPersonNamedAgainWhoseFirstNamingIsNotLoaded() throws Exception {
		// given a roster row named again whose first naming was in a district that failed (not loaded)
		claimed(true);
		stagedRosters(Map.of("500117", row(2, P2, "true") + row(3, P3, "") + row(4, P4, "") + row(5, P5, "")));

		// when
		List<List<String>> people = dimPerson();

		// then the person still gets a key (and may be on two rosters: 082 looks)
		assertThat(Fixtures.rows(this.connection, "select getvariable('filters_people')")).containsExactly(List.of("true"));
		assertThat(people).containsExactlyInAnyOrder(person(P2), person(P3), person(P4), person(P5));
		assertThat(keys()).containsExactly(List.of("4", "1", "4"));
		assertThat(rostersTwice()).containsExactly(List.of(uuid(P2)));
	}

	@Test
	void groupsThePeopleOfALoadThatNamesMostOfThemAgain() throws Exception {
		// given two snapshots of one roster in one load, claimed: the second names everyone again
		claimed(true);
		stagedRosters(Map.of(
				"500116", row(2, P1, "") + row(3, P2, ""),
				"500117", row(2, P1, "true") + row(3, P2, "true")));

		// when
		List<List<String>> people = dimPerson();

		// then (grouped) each person once, both on two rosters
		assertThat(people).containsExactlyInAnyOrder(person(P1), person(P2));
		assertThat(keys()).containsExactly(List.of("2", "1", "2"));
		assertThat(rostersTwice()).containsExactlyInAnyOrder(List.of(uuid(P1)), List.of(uuid(P2)));
		assertThat(Fixtures.rows(this.connection, "select getvariable('filters_people')")).containsExactly(List.of("false"));
	}

	@Test
	void groupsThePeopleWhenTheRostersWereNotAllClaimedByOneProcess() throws Exception {
		// given rosters of a resumed run: the mark gone, a flag left by the killed process on P2's
		// second row, and P1 on both rosters without one (re-staged after the restart)
		claimed(false);
		stagedRosters(Map.of(
				"500116", row(2, P1, "") + row(3, P2, ""),
				"500117", row(2, P2, "true") + row(3, P1, "")));

		// when
		List<List<String>> people = dimPerson();

		// then the flags are ignored: each person once, both on two rosters
		assertThat(people).containsExactlyInAnyOrder(person(P1), person(P2));
		assertThat(keys()).containsExactly(List.of("2", "1", "2"));
		assertThat(rostersTwice()).containsExactlyInAnyOrder(List.of(uuid(P1)), List.of(uuid(P2)));
	}

	@Test
	void takesTheClaimsNumbersAsTheKeysOfANewWarehouse() throws Exception {
		// given two rosters staged by one process into a new warehouse, each row with its claim's number
		claimed(true);
		stagedRosters(Map.of(
				"500116", row(2, P1, "", "2") + row(3, P2, "", "1"),
				"500117", row(2, P2, "true", "1") + row(3, P3, "", "3")));

		// when
		dimPerson();

		// then the numbers are the keys (nothing numbered again), and P2 is on two rosters
		assertThat(Fixtures.rows(this.connection, "select getvariable('keys_staged')")).containsExactly(List.of("true"));
		assertThat(Fixtures.rows(this.connection,
				"select cast(person_id as varchar), person_sk from dw.dim_person order by person_sk"))
			.containsExactly(List.of(uuid(P2), "1"), List.of(uuid(P1), "2"), List.of(uuid(P3), "3"));
		assertThat(rostersTwice()).containsExactly(List.of(uuid(P2)));
	}

	@Test
	void numbersThePeopleItselfWhenAClaimsRowIsNotLoaded() throws Exception {
		// given a roster naming P2 again whose claim (number 1) was in a district that failed
		claimed(true);
		stagedRosters(Map.of("500117", row(2, P2, "true", "1") + row(3, P3, "", "2")
				+ row(4, P4, "", "3") + row(5, P5, "", "4")));

		// when
		List<List<String>> people = dimPerson();

		// then the numbers have a gap and are not taken: the people are numbered 1..4 here
		assertThat(Fixtures.rows(this.connection, "select getvariable('keys_staged')")).containsExactly(List.of("false"));
		assertThat(people).containsExactlyInAnyOrder(person(P2), person(P3), person(P4), person(P5));
		assertThat(keys()).containsExactly(List.of("4", "1", "4"));
	}

	@Test
	void numbersThePeopleItselfWhenARowNamedAgainIsAnotherPersonThanItsClaims() throws Exception {
		// given P3 staged as named again under P2's number: two people sharing a 64-bit fingerprint
		claimed(true);
		stagedRosters(Map.of(
				"500116", row(2, P1, "", "1") + row(3, P2, "", "2") + row(4, P4, "", "3"),
				"500117", row(2, P3, "true", "2") + row(3, P5, "", "4")));

		// when
		List<List<String>> people = dimPerson();

		// then P3 is a person of their own, not P2
		assertThat(Fixtures.rows(this.connection, "select getvariable('keys_staged')")).containsExactly(List.of("false"));
		assertThat(people).containsExactlyInAnyOrder(person(P1), person(P2), person(P3), person(P4), person(P5));
		assertThat(keys()).containsExactly(List.of("5", "1", "5"));
	}

	@Test
	void numbersThePeopleItselfWhenANumberIsGivenTwice() throws Exception {
		// given three people under the numbers 1, 1 and 3: as many as the highest, but not each once
		claimed(true);
		stagedRosters(Map.of("500116", row(2, P1, "", "1") + row(3, P2, "", "1") + row(4, P3, "", "3")));

		// when
		List<List<String>> people = dimPerson();

		// then the numbers are not keys: each person gets a key of their own, 1..3
		assertThat(Fixtures.rows(this.connection, "select getvariable('keys_staged')")).containsExactly(List.of("false"));
		assertThat(people).containsExactlyInAnyOrder(person(P1), person(P2), person(P3));
		assertThat(keys()).containsExactly(List.of("3", "1", "3"));
	}

	@Test
	void keepsTheKeysInUseWhenTheWarehouseHasPeopleAlready() throws Exception {
		// given a warehouse that has P1 under key 1, and a claimed load numbering P2 and P1 1 and 2
		claimed(true);
		stagedRosters(Map.of("500116", row(2, P2, "", "1") + row(3, P1, "", "2")));
		this.beforeBuild = "insert into dw.dim_person values (1, cast(from_hex('" + P1 + "') as uuid), 'M', 1980)";

		// when
		dimPerson();

		// then the claims' numbers are not keys: P1 keeps 1, P2 is numbered after it
		assertThat(Fixtures.rows(this.connection, "select getvariable('keys_staged')")).containsExactly(List.of("false"));
		assertThat(Fixtures.rows(this.connection,
				"select cast(person_id as varchar), person_sk from dw.dim_person order by person_sk"))
			.containsExactly(List.of(uuid(P1), "1"), List.of(uuid(P2), "2"));
	}

	private Connection connection;

	/** A statement run on the warehouse before the staging layer and 020 (none when null). */
	private String beforeBuild;

	private List<List<String>> dimPerson() throws Exception {
		this.connection = DuckDb.openReadWrite(this.dir.resolve("w.duckdb"));
		OlderWarehouse.migrate(this.connection, Integer.MAX_VALUE, this.dir.resolve("migrations"));
		WarehouseBuilder.loadSeeds(this.connection, Path.of("seeds"));
		if (this.beforeBuild != null) {
			try (var s = this.connection.createStatement()) {
				s.execute(this.beforeBuild);
			}
		}
		StagingLayer.build(this.connection, this.staging, "run-1", LocalDateTime.of(2024, 7, 1, 2, 0));
		DuckDb.runScript(this.connection, new ClassPathResource("sql/dims/020_dim_person.sql"));
		return Fixtures.rows(this.connection, "select cast(person_id as varchar), gender, cast(birth_year as varchar)"
				+ " from dw.dim_person");
	}

	/** People, lowest key and highest key. */
	private List<List<String>> keys() throws Exception {
		return Fixtures.rows(this.connection,
				"select count(distinct person_sk), min(person_sk), max(person_sk) from dw.dim_person");
	}

	private List<List<String>> rostersTwice() throws Exception {
		return Fixtures.rows(this.connection, "select cast(person_id as varchar) from people_on_rosters_twice");
	}

	@AfterEach
	void close() throws Exception {
		if (this.connection != null) {
			this.connection.close();
		}
	}

	private void claimed(boolean claimed) throws Exception {
		Path marker = this.staging.root().resolve(LoadPeople.MARKER);
		if (claimed) {
			Files.writeString(marker, "");
		}
		else {
			Files.deleteIfExists(marker);
		}
	}

	private static String row(int line, String person, String namedAgain) {
		return row(line, person, namedAgain, "");
	}

	/** A staged roster row: is_named_again and the number of the person's claim (person_key) last. */
	private static String row(int line, String person, String namedAgain, String claimNumber) {
		return line + "," + person + ",M,1980,professional_technical,bachelor,,,," + "," + namedAgain + ","
				+ claimNumber + "\n";
	}

	private static List<String> person(String pseudonym) {
		return List.of(uuid(pseudonym), "M", "1980");
	}

	private static String uuid(String hex) {
		return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
				+ hex.substring(16, 20) + "-" + hex.substring(20);
	}

	private void stagedRosters(Map<String, String> rowsByDistrict) throws Exception {
		StringBuilder feeds = new StringBuilder("district_code,snapshot_date,status,message\n");
		String header = String.join(",", SourceKind.ROSTER.stagedFileColumns()) + "\n";
		for (Map.Entry<String, String> district : new TreeMap<>(rowsByDistrict).entrySet()) {
			feeds.append(district.getKey()).append(',').append(SNAPSHOT).append(",staged,\n");
			write(this.staging.accepted(SourceKind.ROSTER, district.getKey(), SNAPSHOT), header + district.getValue());
			write(this.staging.meta(SourceKind.ROSTER, district.getKey(), SNAPSHOT),
					"file,encoding,read,accepted,quarantined,seconds,rules\nroster.csv,UTF-8,2,2,0,0.5,\n");
			write(this.staging.quarantine(SourceKind.ROSTER, district.getKey(), SNAPSHOT), "line,field,rule,raw_value\n");
		}
		Files.writeString(this.staging.root().resolve(WarehouseBuilder.FEEDS_FILE), feeds.toString());
	}

	private static void write(Path file, String content) throws Exception {
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

}
