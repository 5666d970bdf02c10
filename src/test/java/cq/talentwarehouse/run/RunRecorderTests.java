package cq.talentwarehouse.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.TalentProperties;

import static org.assertj.core.api.Assertions.assertThat;

/** What a run leaves in the work folder once it ended. */
class RunRecorderTests {

	@TempDir
	Path dir;

	@Test
	void movesAPublishedRunsFolderAsideAtOnceAndDeletesItAfterwards() throws Exception {
		// given a published run's staged files, the folder of an earlier published run a killed process
		// left half deleted, and an unpublished run's staging that restart needs
		TalentProperties properties = new TalentProperties();
		properties.setWarehouse(this.dir.resolve("warehouse/talent.duckdb"));
		RunRecorder recorder = new RunRecorder(properties);
		Path staged = Files.createDirectories(recorder.stagingRoot("run-2").resolve("roster/district_code=500116"));
		Files.writeString(staged.resolve("data.csv"), "line,person_id\n2,ab\n");
		Path leftover = Files.createDirectories(properties.workDir().resolve(RunRecorder.REMOVED_FOLDER)
			.resolve("run-0/staging"));
		Files.writeString(leftover.resolve("page.json"), "{}");
		Path unpublished = Files.createDirectories(recorder.stagingRoot("run-1"));

		// when the published run prunes the work folders
		var removed = recorder.pruneWorkFolders("run-2", LoadRun.PUBLISHED);

		// then its folder has left the runs at once, the unpublished one stays, and once the removal
		// thread is done nothing of either published run is left
		assertThat(properties.workDir().resolve("runs/run-2")).doesNotExist();
		assertThat(unpublished).isDirectory();
		removed.get(30, TimeUnit.SECONDS);
		assertThat(properties.workDir().resolve(RunRecorder.REMOVED_FOLDER)).isEmptyDirectory();
	}

	@Test
	void keepsTheFolderOfARunThatPublishedNothing() throws Exception {
		// given a failed run's staging
		TalentProperties properties = new TalentProperties();
		properties.setWarehouse(this.dir.resolve("warehouse/talent.duckdb"));
		RunRecorder recorder = new RunRecorder(properties);
		Path staged = Files.createDirectories(recorder.stagingRoot("run-1"));

		// when it prunes, then restart still finds its staged files
		recorder.pruneWorkFolders("run-1", LoadRun.NOTHING_PUBLISHED).get(30, TimeUnit.SECONDS);
		assertThat(staged).isDirectory();
	}

}
