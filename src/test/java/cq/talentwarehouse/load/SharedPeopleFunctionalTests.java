package cq.talentwarehouse.load;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.run.LoadRun;
import cq.talentwarehouse.testing.Fixtures;
import cq.talentwarehouse.validate.ResidentIdNumber;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dw.agg_multi_district_person (the people on more than one district's roster, which the municipal
 * distinct totals read) follows the rosters on small nights too, when a load re-derives only the
 * people it can change: a new 江津 snapshot listing a 秀山 person makes them shared, and a
 * corrected one that drops them makes them not shared any more.
 */
class SharedPeopleFunctionalTests {

	private static final String XIUSHAN_PERSON = "500241199001010006,秀0,专业技术人才,大专,,,,";

	@TempDir
	Path dir;

	@Test
	void followsASmallLoadThatMakesAPersonSharedAndACorrectionThatUndoesIt() throws Exception {
		// given the fixture city (江津 2023, 秀山 2021)
		Path warehouse = Fixtures.fixtureLoad(this.dir);
		assertThat(shared(warehouse)).isEqualTo(derivedFromFacts(warehouse));

		// when 江津 sends a small 2024 roster that lists a 秀山 person (two records against the
		// fixture's two dozen: the load re-derives only the people it touched)
		jiangjin2024(XIUSHAN_PERSON, "500116198001150002,张三0,专业技术人才,硕士研究生,高级工程师,,,");
		load();

		// then that person is shared, on both districts' rosters, and nothing else changed
		List<List<String>> afterNewSnapshot = shared(warehouse);
		assertThat(afterNewSnapshot).isEqualTo(derivedFromFacts(warehouse));
		assertThat(afterNewSnapshot).contains(List.of("500116", "20241231", "2"), List.of("500241", "20210831", "2"));

		// when the 2024 roster is corrected without them
		jiangjin2024("500116198001150002,张三0,专业技术人才,硕士研究生,高级工程师,,,");
		load();

		// then they are no longer shared
		List<List<String>> afterCorrection = shared(warehouse);
		assertThat(afterCorrection).isEqualTo(derivedFromFacts(warehouse));
		assertThat(afterCorrection).doesNotContain(List.of("500241", "20210831", "2"));
	}

	@Test
	void followsALargeLoadThatMakesAPersonSharedAndACorrectionThatUndoesIt() throws Exception {
		// given the fixture city (江津 2023, 秀山 2021)
		Path warehouse = Fixtures.fixtureLoad(this.dir);

		// when 江津 sends a 2024 roster longer than every other roster together, listing a 秀山 person
		// (a load that large re-derives only people on two of its rosters, or on one of its rosters
		// and one it did not write: here the 秀山 person, whose 2021 roster stays as it was)
		List<String> people = jiangjinPeople(40);
		List<String> withXiushan = new ArrayList<>(people);
		withXiushan.add(XIUSHAN_PERSON);
		jiangjin2024(withXiushan.toArray(String[]::new));
		load();
		assertThat(2 * Long.parseLong(Fixtures.rows(warehouse,
				"select count(*) from dw.fct_talent_snapshot where snapshot_date_sk = 20241231").get(0).get(0)))
			.as("the 2024 roster is most of the warehouse")
			.isGreaterThan(Long.parseLong(Fixtures.rows(warehouse, "select count(*) from dw.fct_talent_snapshot").get(0).get(0)));

		// then that person (line 42 of the 2024 roster) is shared, on both districts' rosters
		List<List<String>> afterNewSnapshot = shared(warehouse);
		assertThat(afterNewSnapshot).isEqualTo(derivedFromFacts(warehouse));
		assertThat(afterNewSnapshot).contains(List.of("500116", "20241231", "42"), List.of("500241", "20210831", "42"));

		// when the large roster is corrected without them
		jiangjin2024(people.toArray(String[]::new));
		load();

		// then they are no longer shared
		List<List<String>> afterCorrection = shared(warehouse);
		assertThat(afterCorrection).isEqualTo(derivedFromFacts(warehouse));
		assertThat(afterCorrection).doesNotContain(List.of("500241", "20210831", "42"));
	}

	/** Roster records of {@code n} 江津 people not in the fixture, with valid ID numbers. */
	private static List<String> jiangjinPeople(int n) {
		List<String> records = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			String first17 = String.format("50011619850101%03d", 100 + i);
			records.add(first17 + ResidentIdNumber.checkDigit(first17) + ",李" + i
					+ ",专业技术人才,大学本科,,,,");
		}
		return records;
	}

	private void jiangjin2024(String... records) throws Exception {
		Path fixture = Fixtures.FUNCTIONAL_LANDING.resolve("jiangjin/2023-12-31");
		Path folder = Files.createDirectories(this.dir.resolve("landing/jiangjin/2024-12-31"));
		for (String file : List.of("企业资质名单.csv", "创新平台名单.csv")) {
			Files.copy(fixture.resolve(file), folder.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		String header = Files.readAllLines(fixture.resolve("人才资源花名册.csv"), StandardCharsets.UTF_8).get(0);
		Files.writeString(folder.resolve("人才资源花名册.csv"), header + "\n" + String.join("\n", records) + "\n",
				StandardCharsets.UTF_8);
	}

	private void load() {
		Fixtures.LoadResult result = Fixtures.run(Fixtures.arguments(this.dir.resolve("pipelines"),
				this.dir.resolve("landing"), this.dir.resolve("warehouse/talent.duckdb"), this.dir.resolve("key")));
		assertThat(result.exit()).as(result.output()).isEqualTo(LoadRun.PUBLISHED);
	}

	/** Shared people as district, snapshot and the source line of the 2024 snapshot's person, sorted. */
	private static List<List<String>> shared(Path warehouse) throws Exception {
		return Fixtures.rows(warehouse, "select a.district_code, cast(a.snapshot_date_sk as varchar),"
				+ " coalesce(cast(j.source_line as varchar), '-') from dw.agg_multi_district_person a"
				+ " left join dw.fct_talent_snapshot j on j.person_sk = a.person_sk and j.snapshot_date_sk = 20241231"
				+ " order by all");
	}

	/** The same, derived from all roster facts as a full rebuild would. */
	private static List<List<String>> derivedFromFacts(Path warehouse) throws Exception {
		return Fixtures.rows(warehouse, "with by_code as (select t.person_sk, d.district_code, t.snapshot_date_sk"
				+ " from dw.fct_talent_snapshot t join dw.dim_district d using (district_sk)),"
				+ " shared as (select person_sk from by_code group by person_sk having count(distinct district_code) > 1)"
				+ " select b.district_code, cast(b.snapshot_date_sk as varchar), coalesce(cast(j.source_line as varchar), '-')"
				+ " from by_code b semi join shared s using (person_sk)"
				+ " left join dw.fct_talent_snapshot j on j.person_sk = b.person_sk and j.snapshot_date_sk = 20241231"
				+ " order by all");
	}

}
