package cq.talentwarehouse.pipeline;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A first load's landing files hashed while the process starts: the plan takes a digest from there
 * only for a file whose size and modification time are those it was hashed at, and hashes anything
 * else itself.
 */
class FilesHashedAheadTests {

	@TempDir
	Path landing;

	@AfterEach
	void stop() {
		FilesHashedAhead.stop();
	}

	@Test
	void planTakesTheDigestHashedAheadOfAFileUnchangedSince() throws Exception {
		// given a snapshot file hashed ahead, then rewritten with other bytes of the same size and time
		Path file = write("jiangjin/2024-12-31/roster.csv", "id\n1\n");
		String hashedAhead = SnapshotFingerprint.sha256(file);
		FilesHashedAhead.start(this.landing).join();
		rewriteKeepingSizeAndTime(file, "id\n2\n");

		// when the plan fingerprints the snapshot folder, then it took the digest hashed ahead (the same
		// blind spot as a last load's recorded hash)
		assertThat(digestThePlanRecords(file)).isEqualTo(hashedAhead);
	}

	@Test
	void planHashesAFileChangedSinceItWasHashedAhead() throws Exception {
		// given a snapshot file hashed ahead, then rewritten longer
		Path file = write("jiangjin/2024-12-31/roster.csv", "id\n1\n");
		FilesHashedAhead.start(this.landing).join();
		Files.writeString(file, "id\n1\n2\n");

		// when the plan fingerprints the snapshot folder, then it hashed the file as it is now
		assertThat(digestThePlanRecords(file)).isEqualTo(SnapshotFingerprint.sha256(file));
	}

	@Test
	void planHashesEverythingItselfOnceHashingAheadStopped() throws Exception {
		// given a snapshot file hashed ahead, rewritten with the same size and time, and the plan done once
		Path file = write("jiangjin/2024-12-31/roster.csv", "id\n1\n");
		FilesHashedAhead.start(this.landing).join();
		rewriteKeepingSizeAndTime(file, "id\n2\n");
		FilesHashedAhead.stop();

		// when a later plan fingerprints the folder, then nothing hashed ahead is left for it to take
		assertThat(digestThePlanRecords(file)).isEqualTo(SnapshotFingerprint.sha256(file));
	}

	@Test
	void hashesOnlyTheFilesOfSnapshotFolders() throws Exception {
		// given a file in a snapshot folder and one beside the districts (the landing zone's own notes)
		Path snapshotFile = write("jiangjin/2024-12-31/roster.csv", "id\n1\n");
		Path notes = write("README.txt", "notes\n");
		String notesAhead = SnapshotFingerprint.sha256(notes);
		String snapshotAhead = SnapshotFingerprint.sha256(snapshotFile);
		FilesHashedAhead.start(this.landing).join();
		rewriteKeepingSizeAndTime(notes, "NOTES\n");
		rewriteKeepingSizeAndTime(snapshotFile, "id\n2\n");

		// when both are fingerprinted, then only the snapshot file's digest came from ahead
		assertThat(SnapshotFingerprint.of(this.landing, (name) -> name.equals("README.txt"), Map.of()).files())
			.singleElement().extracting(SnapshotFingerprint.FileEntry::sha256).isNotEqualTo(notesAhead);
		assertThat(digestThePlanRecords(snapshotFile)).isEqualTo(snapshotAhead);
	}

	/** The SHA-256 the plan records for the one file of {@code file}'s snapshot folder. */
	private static String digestThePlanRecords(Path file) throws Exception {
		return SnapshotFingerprint.of(file.getParent(), Map.of()).files().get(0).sha256();
	}

	private Path write(String relative, String text) throws Exception {
		Path file = this.landing.resolve(relative);
		Files.createDirectories(file.getParent());
		return Files.writeString(file, text, StandardCharsets.UTF_8);
	}

	private static void rewriteKeepingSizeAndTime(Path file, String sameLength) throws Exception {
		FileTime modified = Files.getLastModifiedTime(file);
		Files.writeString(file, sameLength, StandardCharsets.UTF_8);
		Files.setLastModifiedTime(file, modified);
	}

}
