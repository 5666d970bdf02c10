package cq.talentwarehouse.load;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/** The data tests that gate publishing catch what they are named for, and pass on a good load. */
class WarehouseTestsIntegrationTests {

	@TempDir
	Path dir;

	Path warehouse;

	@BeforeEach
	void loadTheFixture() throws Exception {
		this.warehouse = Fixtures.fixtureLoad(this.dir);
	}

	@Test
	void passOnAGoodLoad() throws Exception {
		assertThat(WarehouseTests.run(this.warehouse)).isEmpty();
	}

	@Test
	void handTheTestedDatabaseOnOnlyWhenEveryTestPassed() throws Exception {
		// given a good load, and one whose fact is counted twice
		List<Long> passedWith = new java.util.ArrayList<>();
		WarehouseTests.WhenPassed countFacts = (tested) -> {
			try (Statement s = tested.createStatement();
					java.sql.ResultSet rs = s.executeQuery("select count(*) from dw.fct_talent_snapshot")) {
				rs.next();
				passedWith.add(rs.getLong(1));
			}
		};

		// when the tests of the good load pass, then what runs after them reads the tested database
		assertThat(WarehouseTests.run(this.warehouse, null, null, countFacts)).isEmpty();
		assertThat(passedWith).containsExactly(Long.valueOf(value("select count(*) from dw.fct_talent_snapshot")));

		// and when a test fails, nothing runs after them
		execute("insert into dw.fct_talent_snapshot select * from dw.fct_talent_snapshot limit 1");
		assertThat(WarehouseTests.run(this.warehouse, null, null, countFacts)).isNotEmpty();
		assertThat(passedWith).hasSize(1);
	}

	@Test
	void nameTheTestAndShowOffendingRowsWhenAFactIsCountedTwice() throws Exception {
		execute("insert into dw.fct_talent_snapshot select * from dw.fct_talent_snapshot limit 1");

		List<WarehouseTests.Failure> failures = WarehouseTests.run(this.warehouse);

		assertThat(failures).extracting(WarehouseTests.Failure::test).contains("fct_talent_snapshot_unique_grain",
				"source_counts_match_facts");
		assertThat(failures.get(0).toString()).contains("offending row(s), e.g. (");
		assertThat(grainFailure(failures)).contains("person_sk=" + value("select person_sk from dw.fct_talent_snapshot"
				+ " group by snapshot_date_sk, district_sk, person_sk having count(*) > 1"), "n=2");
	}

	@Test
	void catchAFactCountedTwiceUnderAKeyFarOutsideTheNumberedRange() throws Exception {
		// given a person counted twice under a key a billion past the others (a bitmap of every key in
		// between would be 125 MB: the grain test groups the run's rows by person instead)
		execute("insert into dw.fct_talent_snapshot select * replace (1000000000 as person_sk)"
				+ " from dw.fct_talent_snapshot where person_sk = (select min(person_sk) from dw.fct_talent_snapshot)");
		execute("insert into dw.fct_talent_snapshot select * from dw.fct_talent_snapshot where person_sk = 1000000000");

		// when the tests run, then the grain test names that key
		assertThat(grainFailure(WarehouseTests.run(this.warehouse))).contains("person_sk=1000000000", "n=2");
	}

	private static String grainFailure(List<WarehouseTests.Failure> failures) {
		return failures.stream()
			.filter((f) -> f.test().equals("fct_talent_snapshot_unique_grain"))
			.findFirst()
			.map(WarehouseTests.Failure::toString)
			.orElse("no grain failure in " + failures);
	}

	@Test
	void catchAFactWhosePersonIsGoneAndAGapInThePersonKeys() throws Exception {
		execute("delete from dw.dim_person where person_sk = (select max(person_sk) from dw.fct_talent_snapshot)");

		List<WarehouseTests.Failure> failures = WarehouseTests.run(this.warehouse);

		assertThat(failures).extracting(WarehouseTests.Failure::test).contains("fct_talent_snapshot_relationships");
		assertThat(failures.toString()).contains("dim=person,");

		execute("delete from dw.dim_person where person_sk = 1");

		assertThat(WarehouseTests.run(this.warehouse).toString()).contains("person keys are not 1..");
	}

	@Test
	void catchAPersonTwiceInTheDimension() throws Exception {
		execute("insert into dw.dim_person select person_sk + 1000000, person_id, gender, birth_year from dw.dim_person"
				+ " where person_sk = (select min(person_sk) from dw.dim_person)");

		assertThat(WarehouseTests.run(this.warehouse)).extracting(WarehouseTests.Failure::test)
			.contains("dim_person_unique");
	}

	@Test
	void catchAPersonTwiceUnderTheNextKeyAndNameThePerson() throws Exception {
		// given a loaded warehouse, when a person is added again under the next key (the keys stay
		// 1..N, all different: only the person ids, compared in order, show it)
		execute("insert into dw.dim_person select (select max(person_sk) from dw.dim_person) + 1, person_id, gender, birth_year"
				+ " from dw.dim_person where person_sk = (select min(person_sk) from dw.dim_person)");

		// then
		List<WarehouseTests.Failure> failures = WarehouseTests.run(this.warehouse);
		assertThat(failures).extracting(WarehouseTests.Failure::test).contains("dim_person_unique");
		assertThat(failures.toString()).contains("person_key="
				+ value("select cast(person_id as varchar) from dw.dim_person where person_sk = (select min(person_sk) from dw.dim_person)"))
			.contains("n=2");
	}

	@Test
	void catchTwoPeopleUnderOneKeyAndNameTheKey() throws Exception {
		// given a loaded warehouse, when a second person takes the highest key (the rows no longer
		// cover as many keys as there are rows, so the keys are grouped to find the one used twice)
		execute("insert into dw.dim_person select person_sk, cast(printf('%032x', 999999) as uuid), gender, birth_year"
				+ " from dw.dim_person where person_sk = (select max(person_sk) from dw.dim_person)");

		// then
		List<WarehouseTests.Failure> failures = WarehouseTests.run(this.warehouse);
		assertThat(failures).extracting(WarehouseTests.Failure::test).contains("dim_person_unique");
		assertThat(failures.toString()).contains("person_key=" + value("select max(person_sk) from dw.dim_person"));
	}

	@Test
	void catchAPersonTwiceAfterASmallLoadThatChecksOnlyThePeopleItAdded() throws Exception {
		// given the published warehouse before a second, small load (one 江津 record on 2024-12-31),
		// whose people the check then takes as tested
		Path published = copyOfTheWarehouse("published-before.duckdb");
		Fixtures.LoadResult result = Fixtures.smallJiangjinLoad(this.dir, this.warehouse, 1);
		assertThat(result.exit()).as(result.output()).isEqualTo(cq.talentwarehouse.run.LoadRun.PUBLISHED);
		assertThat(WarehouseTests.run(this.warehouse, null, published)).isEmpty();

		// when a person the published warehouse had is added again under a new key
		execute("insert into dw.dim_person select (select max(person_sk) from dw.dim_person) + 1, person_id, gender,"
				+ " birth_year from dw.dim_person where person_sk = (select min(person_sk) from dw.dim_person)");

		// then the added key's id is found twice in the whole dimension, and named
		assertThat(peopleFailure(published)).contains("person_key="
				+ value("select cast(person_id as varchar) from dw.dim_person where person_sk = (select min(person_sk) from dw.dim_person)"),
				"n=2");
	}

	@Test
	void catchTwoAddedPeopleUnderOneNewKey() throws Exception {
		// given the published warehouse, when a load adds two people under one key above its keys
		Path published = copyOfTheWarehouse("published-before.duckdb");
		execute("insert into dw.dim_person select (select max(person_sk) from dw.dim_person) + 1,"
				+ " cast(printf('%032x', 999990 + i) as uuid), 'F', 1980 from range(2) t(i)");

		// then the key is named
		assertThat(peopleFailure(published)).contains("person_key=" + value("select max(person_sk) from dw.dim_person"), "n=2");
	}

	@Test
	void checkTheWholeDimensionWhenAPersonIsAddedUnderAKeyThePublishedWarehouseUsed() throws Exception {
		// given the published warehouse, when a load adds a second person under its lowest key (the
		// older keys' rows are no longer as many as published)
		Path published = copyOfTheWarehouse("published-before.duckdb");
		execute("insert into dw.dim_person select person_sk, cast(printf('%032x', 999999) as uuid), gender, birth_year"
				+ " from dw.dim_person where person_sk = (select min(person_sk) from dw.dim_person)");

		// then the whole dimension is checked and the key named
		assertThat(peopleFailure(published)).contains("person_key=" + value("select min(person_sk) from dw.dim_person"), "n=2");
	}

	@Test
	void leaveThePublishedPeopleToTheCheckTheyPassedWhenPublished() throws Exception {
		// given the published warehouse, when an older row is changed in place into a second copy of
		// another (no load does this: 020_dim_person only adds people)
		Path published = copyOfTheWarehouse("published-before.duckdb");
		execute("update dw.dim_person set person_id = (select person_id from dw.dim_person where person_sk = 2)"
				+ " where person_sk = 1");

		// then the scoped check, trusting what was published, does not look at it
		assertThat(peopleFailure(published)).isEqualTo("no dim_person_unique failure");

		// and without a published file to trust, or with one that is no warehouse (a fault must never
		// make the check trust more), the whole dimension is checked and names the person
		String twice = "person_key=" + value("select cast(person_id as varchar) from dw.dim_person where person_sk = 1");
		assertThat(peopleFailure(this.dir.resolve("no-such.duckdb"))).contains(twice, "n=2");
		Path notAWarehouse = java.nio.file.Files.writeString(this.dir.resolve("not-a-warehouse.duckdb"), "not DuckDB");
		assertThat(peopleFailure(notAWarehouse)).contains(twice, "n=2");
	}

	private Path copyOfTheWarehouse(String name) throws java.io.IOException {
		return java.nio.file.Files.copy(this.warehouse, this.dir.resolve(name));
	}

	/** The people check's failure when the tests run against this published file, or a sentence saying there is none. */
	private String peopleFailure(Path published) throws Exception {
		return WarehouseTests.run(this.warehouse, null, published).stream()
			.filter((f) -> f.test().equals("dim_person_unique"))
			.findFirst()
			.map(WarehouseTests.Failure::toString)
			.orElse("no dim_person_unique failure");
	}

	@Test
	void catchACategoryCountedTwiceAPersonWithoutCategoriesAndAnUnknownCategory() throws Exception {
		// given a loaded warehouse, when one roster row holds a category twice, another none and a
		// third a key the category dimension does not have
		execute("update dw.fct_talent_snapshot set category_sks = list_append(category_sks, category_sks[1])"
				+ " where person_sk = (select min(person_sk) from dw.fct_talent_snapshot)");
		execute("update dw.fct_talent_snapshot set category_sks = []"
				+ " where person_sk = (select max(person_sk) from dw.fct_talent_snapshot)");
		execute("update dw.fct_talent_snapshot set category_sks = [null]"
				+ " where person_sk = (select max(person_sk) - 1 from dw.fct_talent_snapshot)");

		List<WarehouseTests.Failure> failures = WarehouseTests.run(this.warehouse);

		// then each breaks its own test
		assertThat(failures).extracting(WarehouseTests.Failure::test)
			.contains("fct_talent_category_unique_grain", "fct_talent_category_every_person_categorised",
					"fct_talent_snapshot_category_relationships");
		assertThat(failures.toString()).contains("problem=no category");
	}

	@Test
	void catchACategoryListOutOfOrder() throws Exception {
		// given a loaded warehouse, when a roster row's categories are not in ascending order
		execute("update dw.fct_talent_snapshot set category_sks = [max_sk, min_sk] from ("
				+ "select min(category_sk) as min_sk, max(category_sk) as max_sk from dw.dim_talent_category)"
				+ " where person_sk = (select min(person_sk) from dw.fct_talent_snapshot)");

		// then the grain test refuses it: "each category once" is checked as "strictly increasing"
		assertThat(WarehouseTests.run(this.warehouse)).extracting(WarehouseTests.Failure::test)
			.contains("fct_talent_category_unique_grain");
	}

	@Test
	void catchARawIdNumberAnywhereInDwAndAPersonIdThatIsNoPseudonym() throws Exception {
		execute("update dw.dim_enterprise set enterprise_name = '法人 500116198001150002' where enterprise_sk ="
				+ " (select min(enterprise_sk) from dw.dim_enterprise)");
		// a UUID column cannot hold an ID number: the test guards against the column losing its type
		execute("alter table dw.dim_person alter person_id type varchar");
		execute("update dw.dim_person set person_id = '500116198001150002' where person_sk ="
				+ " (select min(person_sk) from dw.dim_person)");

		assertThat(WarehouseTests.run(this.warehouse)).extracting(WarehouseTests.Failure::test)
			.contains("dw_has_no_raw_id_numbers", "dim_person_id_is_a_pseudonym");
	}

	@Test
	void reportFailuresInTheOrderOfTheTestsWhicheverConnectionRanThem() throws Exception {
		// given faults that several tests, spread over sql/tests and the Java one, each catch
		execute("update dw.dim_enterprise set enterprise_name = '法人 500116198001150002' where enterprise_sk ="
				+ " (select min(enterprise_sk) from dw.dim_enterprise)");
		execute("insert into dw.dim_talent_category select * replace (category_sk + 1000 as category_sk)"
				+ " from dw.dim_talent_category where category_sk = (select min(category_sk) from dw.dim_talent_category)");
		execute("update ops.source_counts set read = read + 1 where source = 'roster' and district_code = '500116'");

		// when the tests run twice (two connections take them from one queue)
		List<String> first = WarehouseTests.run(this.warehouse).stream().map(WarehouseTests.Failure::test).toList();
		List<String> second = WarehouseTests.run(this.warehouse).stream().map(WarehouseTests.Failure::test).toList();

		// then each time the same failures, the sql/tests files' in name order and the Java test last
		assertThat(first).hasSizeGreaterThanOrEqualTo(3).isEqualTo(second).last().isEqualTo("dw_has_no_raw_id_numbers");
		assertThat(first.subList(0, first.size() - 1)).isSorted();
	}

	@Test
	void handOutTheTestsQueuedFirstBeforeTheOthersAndReportInNameOrder() throws Exception {
		// given two small tests and two queued first, each noting when it starts; one of each kind fails
		try (Connection connection = java.sql.DriverManager.getConnection("jdbc:duckdb:");
				Statement s = connection.createStatement()) {
			s.execute("create sequence started_seq");
			s.execute("create table started (n integer default nextval('started_seq'), test varchar)");
			List<WarehouseTests.Test> tests = List.of(startsAndSelects("a_small", false, false),
					startsAndSelects("b_small", false, true), startsAndSelects("y_large", true, false),
					startsAndSelects("z_large", true, true));

			// when they run on the connections
			List<WarehouseTests.Failure> failures = WarehouseTests.runAll(connection, tests, "select 1");

			// then a test queued first started first (each connection's first test is one of them), and the
			// failures come back in the tests' order
			try (java.sql.ResultSet rs = s.executeQuery("select test from started order by n limit 1")) {
				rs.next();
				assertThat(rs.getString(1)).isIn("y_large", "z_large");
			}
			assertThat(failures).extracting(WarehouseTests.Failure::test).containsExactly("b_small", "z_large");
		}
	}

	/** A test that notes its start and then fails (selects a row) or passes. */
	private static WarehouseTests.Test startsAndSelects(String name, boolean isQueuedFirst, boolean fails) {
		return new WarehouseTests.Test(name, List.of("insert into started (test) values ('" + name + "')"),
				"select 1 as offender where " + fails, isQueuedFirst);
	}

	@Test
	void catchReadCountsThatDoNotReconcile() throws Exception {
		execute("update ops.source_counts set read = read + 1 where source = 'roster' and district_code = '500116'");

		assertThat(WarehouseTests.run(this.warehouse)).extracting(WarehouseTests.Failure::test)
			.contains("source_counts_reconcile");
	}

	@Test
	void catchAnEarlierRunsFactLeftInASnapshotTheRunReplaced() throws Exception {
		// given a loaded warehouse, when a roster fact of the run's snapshots still carries an earlier
		// run's id (a replaced snapshot not emptied first) and a platform fact of them is gone
		execute("update dw.fct_talent_snapshot set run_id = 'run-19990101T000000000' where rowid = (select min(t.rowid)"
				+ " from dw.fct_talent_snapshot t semi join ops.last_run_snapshots using (district_sk, snapshot_date_sk))");
		execute("delete from dw.fct_platform_snapshot where rowid = (select min(p.rowid)"
				+ " from dw.fct_platform_snapshot p semi join ops.last_run_snapshots using (district_sk, snapshot_date_sk))");

		// then the count test names the earlier run's row and both sources whose counts no longer match
		List<WarehouseTests.Failure> failures = WarehouseTests.run(this.warehouse);
		assertThat(failures).extracting(WarehouseTests.Failure::test).contains("source_counts_match_facts");
		assertThat(failures.toString()).contains("run_id=run-19990101T000000000, source=roster, loaded=null, fact_rows=1",
				"source=roster, loaded=", "source=platform, loaded=");
	}

	@Test
	void catchAQuarantinedRecordOfTheRunMissingFromTheQuarantine() throws Exception {
		// given a loaded warehouse, when one quarantined record of the latest run is no longer in ops.quarantine
		execute("delete from ops.quarantine where rowid = (select min(rowid) from ops.quarantine"
				+ " where run_id = (select max(run_id) from ops.runs))");

		// then the reconciliation names the source whose counts no longer add up
		List<WarehouseTests.Failure> failures = WarehouseTests.run(this.warehouse);
		assertThat(failures).extracting(WarehouseTests.Failure::test).contains("source_counts_reconcile");
	}

	@Test
	void catchAnEnterpriseQualificationTwiceInASnapshot() throws Exception {
		// given a loaded warehouse, when one qualification fact of the run's snapshots is there twice
		execute("insert into dw.fct_enterprise_qualification select * from dw.fct_enterprise_qualification"
				+ " semi join ops.last_run_snapshots using (district_sk, snapshot_date_sk) limit 1");

		// then the grain test names the enterprise counted twice
		List<WarehouseTests.Failure> failures = WarehouseTests.run(this.warehouse);
		assertThat(failures).extracting(WarehouseTests.Failure::test).contains("fct_enterprise_qualification_unique_grain");
		assertThat(failures.toString()).contains("enterprise_sk=", "n=2");
	}

	@Test
	void catchASharedPersonRowThatIsNoFactAndASharedPersonOnOneDistrictOnly() throws Exception {
		// given a loaded warehouse, when the shared-people aggregate lists someone on a roster of this
		// run who is not on it, and a person on one district's roster only
		execute("insert into dw.agg_multi_district_person select 999999999, d.district_code, k.snapshot_date_sk"
				+ " from ops.last_run_snapshots k join dw.dim_district d using (district_sk) limit 1");
		execute("insert into dw.agg_multi_district_person select t.person_sk, d.district_code, t.snapshot_date_sk"
				+ " from dw.fct_talent_snapshot t join dw.dim_district d using (district_sk)"
				+ " anti join dw.agg_multi_district_person a on a.person_sk = t.person_sk limit 1");

		// then the relationship test names both
		List<WarehouseTests.Failure> failures = WarehouseTests.run(this.warehouse);
		assertThat(failures).extracting(WarehouseTests.Failure::test).contains("agg_multi_district_person_relationships");
		assertThat(failures.toString()).contains("problem=not a roster fact, person_sk=999999999",
				"problem=on one district only");
	}

	@Test
	void catchRosterAggregatesThatDoNotEqualTheFacts() throws Exception {
		// given a loaded warehouse, when an aggregate of the run's snapshots counts one person more
		// by talent tier and one more in a category
		execute("update dw.agg_talent_snapshot set people = people + 1"
				+ " where rowid = (select min(rowid) from dw.agg_talent_snapshot)");
		execute("update dw.agg_talent_category set people = people + 1"
				+ " where category_sk = (select min(category_sk) from dw.agg_talent_category)");

		// then both comparisons fail, and the cube no longer adds up to them
		List<WarehouseTests.Failure> failures = WarehouseTests.run(this.warehouse);
		assertThat(failures).extracting(WarehouseTests.Failure::test).contains("agg_talent_matches_facts",
				"mart_talent_cube_matches_facts");
		assertThat(failures.toString()).contains("aggregate=roster", "aggregate=category");
	}

	@Test
	void catchATalentCubeThatDoesNotAddUpToTheAggregates() throws Exception {
		// given a loaded warehouse, when the cube counts one person more in a row of category 'all'
		// and in a row of a category
		execute("update dw.agg_talent_cube set people = people + 1 where rowid = (select min(rowid)"
				+ " from dw.agg_talent_cube where is_all)");
		execute("update dw.agg_talent_cube set people = people + 1 where rowid = (select min(rowid)"
				+ " from dw.agg_talent_cube where not is_all)");

		// then the cube's test names the tier and the category that no longer add up
		List<WarehouseTests.Failure> failures = WarehouseTests.run(this.warehouse);
		assertThat(failures).extracting(WarehouseTests.Failure::test).contains("mart_talent_cube_matches_facts")
			.doesNotContain("agg_talent_matches_facts");
		assertThat(failures.toString()).contains("problem=people by talent tier", "problem=people by category");
	}

	@Test
	void catchACubeRowTwiceAmongTheSnapshotsOfTheRun() throws Exception {
		// given a loaded warehouse, when a row of the cube aggregate is there twice
		execute("insert into dw.agg_talent_cube select * from dw.agg_talent_cube"
				+ " where rowid = (select min(rowid) from dw.agg_talent_cube)");

		// then the cube mart's grain test names the row (and its people no longer add up)
		List<WarehouseTests.Failure> failures = WarehouseTests.run(this.warehouse);
		assertThat(failures).extracting(WarehouseTests.Failure::test).contains("mart_talent_cube_grain",
				"mart_talent_cube_matches_facts");
		assertThat(failures.toString()).contains("problem=duplicate grain", "n=2");
	}

	@Test
	void catchAMartRowTwiceAndAMartDistrictTheDimensionDoesNotHave() throws Exception {
		// given a loaded warehouse, when a talent category is there twice under its code (every
		// district's grid then has its row twice) and a load attempt names a district code that
		// dw.dim_district does not have
		execute("insert into dw.dim_talent_category select * replace (category_sk + 1000 as category_sk)"
				+ " from dw.dim_talent_category where category_sk = (select min(category_sk) from dw.dim_talent_category)");
		execute("insert into ops.district_results select * replace ('999999' as district_code)"
				+ " from ops.district_results limit 1");

		// then the grain tests of the two marts name the row and the code
		List<WarehouseTests.Failure> failures = WarehouseTests.run(this.warehouse);
		assertThat(failures).extracting(WarehouseTests.Failure::test).contains("mart_district_talent_by_category_grain",
				"mart_district_load_status_grain");
		assertThat(failures.toString()).contains("problem=duplicate grain",
				"problem=district_code not in dw.dim_district, row_key=999999");
	}

	@Test
	void catchAnAwardWhosePersonKeyIsOutsideTheDimension() throws Exception {
		// given an award on a snapshot of the run that points past the highest person key (the fixture
		// has no programme ledger: the award is the only one)
		execute("insert into dw.fct_talent_programme select f.snapshot_date_sk, f.district_sk,"
				+ " (select max(person_sk) + 1 from dw.dim_person), (select min(programme_sk) from dw.dim_programme), null, null,"
				+ " f.snapshot_date_sk, null, null, f.run_id, 2 from dw.fct_talent_snapshot f limit 1");

		// then the programme relationships name the person
		assertThat(WarehouseTests.run(this.warehouse).toString()).contains("fct_talent_programme_relationships",
				"broken=person, n=1");
	}

	@Test
	void catchAPlanTargetWithMoreThanOneProgressRow() throws Exception {
		// given a plan target listed twice in the warehouse's copy of the seed
		execute("insert into seed.plan_targets select * from seed.plan_targets limit 1");

		// then the plan test names the target
		String target = value("select target_id from seed.plan_targets group by target_id having count(*) > 1");
		assertThat(WarehouseTests.run(this.warehouse).toString()).contains("district_plan_progress_complete",
				"target_id=" + target);
	}

	private void execute(String sql) throws Exception {
		try (Connection c = DuckDb.openReadWrite(this.warehouse); Statement s = c.createStatement()) {
			s.execute(sql);
		}
	}

	/** The first column of the first row. */
	private String value(String sql) throws Exception {
		try (Connection c = DuckDb.openReadOnly(this.warehouse); Statement s = c.createStatement();
				java.sql.ResultSet rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getString(1);
		}
	}

}
