package cq.talentwarehouse.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reliability defect 4: a symbolic link inside a district's snapshot folder must not make a run read
 * a file outside the landing root; that district fails with a sentence naming the link (never the
 * target's contents) and the others publish.
 */
class LandingLinksFunctionalTests {

	@TempDir
	Path dir;

	@Test
	void rosterLinkedFromOutsideTheLandingZoneFailsItsDistrictAlone() throws Exception {
		// given: 江津's roster moved out of the landing zone and linked back in
		Path landing = Fixtures.functionalLanding(this.dir);
		Path roster = movedOutAndLinkedIn(landing.resolve("jiangjin/2023-12-31/人才资源花名册.csv"), "outside-roster.csv");
		Path warehouse = Fixtures.warehouse(this.dir);

		// when
		Fixtures.LoadResult result = Fixtures.load(this.dir, landing);

		// then
		assertThat(result.exit()).as(result.output()).isEqualTo(LoadRun.PARTIAL);
		assertThat(result.output()).contains(roster + " is a symbolic link to a file outside the landing zone");
		assertThat(Fixtures.rows(warehouse, "select district_code from mart.district_talent_totals"))
			.containsExactly(List.of("500241"));
		assertThat(Fixtures.rows(warehouse, "select count(*) from ops.source_counts where district_code = '500116'"))
			.containsExactly(List.of("0"));
	}

	@Test
	void linkToASystemFileNamesTheLinkAndNeverItsContents() throws Exception {
		// given
		Path landing = Fixtures.functionalLanding(this.dir);
		Path link = landing.resolve("jiangjin/2023-12-31/passwd.csv");
		Files.createSymbolicLink(link, Path.of("/etc/passwd"));
		Path warehouse = Fixtures.warehouse(this.dir);

		// when
		Fixtures.LoadResult result = Fixtures.load(this.dir, landing);

		// then
		assertThat(result.exit()).as(result.output()).isEqualTo(LoadRun.PARTIAL);
		assertThat(result.output()).contains(link.toString()).doesNotContain("root:");
		assertThat(Fixtures.rows(warehouse, "select last_attempt_message from mart.district_load_status"
				+ " where district_code = '500116'").toString()).contains("passwd.csv").doesNotContain("root:");
	}

	@Test
	void snapshotFolderLinkedFromOutsideFailsItsDistrict() throws Exception {
		// given: 秀山's dated folder lives elsewhere and is linked in
		Path landing = Fixtures.functionalLanding(this.dir);
		Path folder = movedOutAndLinkedIn(landing.resolve("xiushan/2021-08-31"), "xiushan-elsewhere");
		Path warehouse = Fixtures.warehouse(this.dir);

		// when
		Fixtures.LoadResult result = Fixtures.load(this.dir, landing);

		// then
		assertThat(result.exit()).as(result.output()).isEqualTo(LoadRun.PARTIAL);
		assertThat(result.output()).contains(folder + " leads outside the landing zone");
		assertThat(Fixtures.rows(warehouse, "select district_code from mart.district_talent_totals"))
			.containsExactly(List.of("500116"));
	}

	/** Moves a file or folder of the landing zone out of it and links it back in; the link's path. */
	private Path movedOutAndLinkedIn(Path inside, String outsideName) throws Exception {
		Path outside = Files.move(inside, this.dir.resolve(outsideName));
		return Files.createSymbolicLink(inside, outside);
	}

}
