package cq.talentwarehouse.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.pipeline.LandingZone;
import cq.talentwarehouse.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reliability defect 1: an empty or missing landing zone beside a published warehouse (a failed
 * mount, a wrong --landing) must never fill it with demo extracts and publish them; it is "nothing
 * to load", exit 6, and the published warehouse stays as it was.
 */
class EmptyLandingFunctionalTests {

	@TempDir
	Path dir;

	@Test
	void emptyLandingZoneBesideAPublishedWarehouseLoadsNothingAndExits6() throws Exception {
		// given: a published warehouse, then the landing zone's mount fails (an empty folder)
		Path warehouse = Fixtures.fixtureLoad(this.dir);
		List<List<String>> peopleBefore = Fixtures.rows(warehouse, "select count(*) from dw.dim_person");
		String martsBefore = Fixtures.marts(warehouse);
		Path empty = Files.createDirectories(this.dir.resolve("landing.remounted"));

		// when
		Fixtures.LoadResult result = Fixtures.run(Fixtures.arguments(this.dir.resolve("pipelines"), empty, warehouse,
				this.dir.resolve("key")));

		// then
		assertThat(result.exit()).as(result.output()).isEqualTo(LoadRun.LANDING_EMPTY);
		assertThat(result.output()).contains("WARNING: nothing to load: the landing zone " + empty.toAbsolutePath() + " is empty")
			.doesNotContain("demo");
		try (var files = Files.list(empty)) {
			assertThat(files).as("nothing may be written into the landing zone").isEmpty();
		}
		assertThat(Fixtures.rows(warehouse, "select count(*) from dw.dim_person")).isEqualTo(peopleBefore);
		assertThat(Fixtures.marts(warehouse)).isEqualTo(martsBefore);
		RunReport last = RunReport.list(warehouse.getParent().resolve("runs")).get(0);
		assertThat(last.status()).isEqualTo("landing_empty");
		assertThat(last.exitCode()).isEqualTo(LoadRun.LANDING_EMPTY);
	}

	@Test
	void missingLandingZoneIsNamedAndNothingIsCreated() throws Exception {
		// given
		Path warehouse = Fixtures.fixtureLoad(this.dir);
		Path missing = this.dir.resolve("no/such/landing");

		// when
		Fixtures.LoadResult result = Fixtures.run(Fixtures.arguments(this.dir.resolve("pipelines"), missing, warehouse,
				this.dir.resolve("key")));

		// then
		assertThat(result.exit()).as(result.output()).isEqualTo(LoadRun.LANDING_EMPTY);
		assertThat(result.output()).contains("the landing zone " + missing.toAbsolutePath() + " does not exist");
		assertThat(missing).doesNotExist();
	}

	@Test
	void emptyLandingZoneWithoutAWarehouseOutsideTheDefaultFolderIsNotAFirstStart() throws Exception {
		// given: no warehouse, no runs, the bundled pipelines — but a landing folder named on purpose
		Path landing = Files.createDirectories(this.dir.resolve("landing"));
		Path warehouse = this.dir.resolve("warehouse/talent.duckdb");

		// when
		Fixtures.LoadResult result = Fixtures.run(Fixtures.arguments(Path.of("pipelines").toAbsolutePath(), landing,
				warehouse, this.dir.resolve("key")));

		// then
		assertThat(result.exit()).as(result.output()).isEqualTo(LoadRun.LANDING_EMPTY);
		assertThat(warehouse).doesNotExist();
		assertThat(landing.resolve(LandingZone.DEMO_MARKER)).doesNotExist();
	}

	@Test
	void aRunFromADemoLandingZoneIsMarkedAsDemo() throws Exception {
		// given: the fixture landing zone, marked as written by a demo generator
		Path warehouse = this.dir.resolve("warehouse/talent.duckdb");
		Path landing = Fixtures.functionalLanding(this.dir);
		Path pipelines = Fixtures.relaxedPipelines(this.dir.resolve("pipelines"));
		Fixtures.LoadResult real = Fixtures.run(Fixtures.arguments(pipelines, landing, warehouse, this.dir.resolve("key")));
		assertThat(real.exit()).as(real.output()).isEqualTo(LoadRun.PUBLISHED);
		assertThat(report(warehouse)).doesNotContain("演示数据");
		LandingZone.markAsDemo(landing);

		// when
		Fixtures.LoadResult demo = Fixtures.runForced(Fixtures.arguments(pipelines, landing, warehouse,
				this.dir.resolve("key")));

		// then
		assertThat(demo.exit()).as(demo.output()).isEqualTo(LoadRun.PUBLISHED);
		assertThat(Fixtures.rows(warehouse, "select is_demo from ops.runs order by run_id"))
			.containsExactly(List.of("false"), List.of("true"));
		assertThat(report(warehouse)).contains("<strong>演示数据</strong>");
	}

	private String report(Path warehouse) throws Exception {
		Path html = this.dir.resolve("report.html");
		assertThat(cq.talentwarehouse.cli.TalentCommand.execute("report", "--warehouse", warehouse.toString(), "--out",
				html.toString())).isZero();
		return Files.readString(html);
	}

}
