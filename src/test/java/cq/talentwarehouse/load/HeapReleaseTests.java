package cq.talentwarehouse.load;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The heap is given back only before a build whose staged data is large enough to need the room. */
class HeapReleaseTests {

	@TempDir
	Path staging;

	@Test
	void countsEveryStagedFileUnderTheRunsStagingFolder() throws Exception {
		// given staged partitions in nested folders
		Path partition = Files.createDirectories(this.staging.resolve("roster/district_code=500118/snapshot_date=2025-03-31"));
		Files.write(partition.resolve("data.csv"), new byte[1000]);
		Files.write(this.staging.resolve("feeds.csv"), new byte[24]);

		// when they are counted, then every byte is
		assertThat(HeapRelease.stagedBytes(this.staging)).isEqualTo(1024);
	}

	@Test
	void aMissingStagingFolderHoldsNothing() {
		assertThat(HeapRelease.stagedBytes(this.staging.resolve("absent"))).isZero();
	}

}
