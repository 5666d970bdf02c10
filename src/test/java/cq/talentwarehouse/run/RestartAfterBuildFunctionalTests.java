package cq.talentwarehouse.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.cli.TalentWarehouseApplication;
import cq.talentwarehouse.testing.ChildJvm;
import cq.talentwarehouse.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A night killed after its build step completed (while its data tests ran) is resumed by
 * {@code restart} from the working copy that build left: the restart runs the tests and publishes
 * the night, as an uninterrupted night would have. (Found by bench/kill-restart.sh: the restart
 * prepared a fresh copy of the published file over the built one, skipped the completed build, and
 * published the night without its data while reporting it published.)
 */
class RestartAfterBuildFunctionalTests {

	private static final String NIGHT = "select (select count(*) from ops.snapshot_files where snapshot_date = date '2024-12-31'"
			+ " and district_code = '500116'), (select count(*) from dw.fct_talent_snapshot where snapshot_date_sk = 20241231"
			+ " and district_sk in (select district_sk from dw.dim_district where district_code = '500116'))";

	@TempDir
	Path dir;

	@Test
	void nightKilledDuringItsDataTestsIsPublishedWithItsDataByRestart() throws Exception {
		// given the fixture warehouse and 江津's next snapshot, and the same night loaded without a kill
		Path killed = this.dir.resolve("killed");
		Path warehouse = Fixtures.fixtureLoad(killed);
		Fixtures.smallJiangjinSnapshot(killed, 5);
		Path clean = this.dir.resolve("clean");
		Path cleanWarehouse = Fixtures.fixtureLoad(clean);
		Fixtures.smallJiangjinSnapshot(clean, 5);
		Fixtures.runPublished(Fixtures.arguments(clean.resolve("pipelines"), clean.resolve("landing"), cleanWarehouse,
				clean.resolve("key")));

		// when the night runs in a child JVM that is killed once its data tests run (its build step done)
		List<String> command = new ArrayList<>(ChildJvm.command(TalentWarehouseApplication.class, "-Xmx512m",
				"-Dlogging.level.cq.talentwarehouse.load=DEBUG"));
		command.addAll(List.of("run", "--warehouse", warehouse.toString(), "--landing", killed.resolve("landing").toString(),
				"--pipelines", killed.resolve("pipelines").toString()));
		Path log = killed.resolve("child.log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("TALENT_PSEUDONYMKEYFILE", killed.resolve("key").toString());
		Process child = builder.start();
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (!(Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains("data test "))
				&& child.isAlive() && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		assertThat(child.isAlive()).as("the night should still be testing; its log:%n%s",
				Files.readString(log, StandardCharsets.UTF_8)).isTrue();
		child.destroyForcibly();
		child.waitFor();
		assertThat(Fixtures.rows(warehouse, NIGHT)).containsExactly(List.of("0", "0"));
		Fixtures.LoadResult restarted = Fixtures.restart(Fixtures.arguments(killed.resolve("pipelines"),
				killed.resolve("landing"), warehouse, killed.resolve("key")));

		// then the restart published the night with its data, as the uninterrupted night did
		assertThat(restarted.exit()).as(restarted.output()).isEqualTo(LoadRun.PUBLISHED);
		assertThat(Fixtures.rows(warehouse, NIGHT)).isEqualTo(Fixtures.rows(cleanWarehouse, NIGHT))
			.doesNotContain(List.of("0", "0"));
		assertThat(Fixtures.marts(warehouse)).isEqualTo(Fixtures.marts(cleanWarehouse));
		Fixtures.LoadResult next = Fixtures.run(Fixtures.arguments(killed.resolve("pipelines"), killed.resolve("landing"),
				warehouse, killed.resolve("key")));
		assertThat(next.output()).contains("Nothing new to load");
	}

}
