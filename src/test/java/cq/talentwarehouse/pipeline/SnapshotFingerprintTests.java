package cq.talentwarehouse.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A snapshot's fingerprint hashes only files whose size or modification time changed since the last
 * load; a file with both unchanged keeps the recorded hash (the accepted blind spot: a rewrite with
 * the same size and time is not seen, TALENT_REHASHFILES hashes everything).
 */
class SnapshotFingerprintTests {

	private static final String RECORDED = "recorded-hash-of-the-last-load";

	@TempDir
	Path folder;

	@Test
	void reusesTheRecordedHashOfAFileWhoseSizeAndTimeAreUnchanged() throws Exception {
		// given a file and the last load's entry for it, same size and time
		Path file = write("roster.csv", "id,name\n1,张三\n");
		SnapshotFingerprint.FileEntry last = entry(file, RECORDED);

		// when the folder is fingerprinted
		SnapshotFingerprint now = SnapshotFingerprint.of(this.folder, Map.of("roster.csv", last));

		// then the file was not read: the recorded hash stands
		assertThat(now.files()).singleElement().extracting(SnapshotFingerprint.FileEntry::sha256).isEqualTo(RECORDED);
	}

	@Test
	void rehashesAFileWhoseModificationTimeChanged() throws Exception {
		// given the last load's entry, and the file touched since (same bytes, a later time)
		Path file = write("roster.csv", "id,name\n1,张三\n");
		SnapshotFingerprint.FileEntry last = entry(file, RECORDED);
		Files.setLastModifiedTime(file, FileTime.from(last.modified().plus(1, ChronoUnit.HOURS)));

		// when the folder is fingerprinted
		SnapshotFingerprint now = SnapshotFingerprint.of(this.folder, Map.of("roster.csv", last));

		// then the file was hashed again: its real SHA-256, equal content to a fresh fingerprint
		String real = SnapshotFingerprint.sha256(file);
		assertThat(now.files()).singleElement().extracting(SnapshotFingerprint.FileEntry::sha256).isEqualTo(real);
		assertThat(now.sameContentAs(SnapshotFingerprint.of(this.folder, Map.of()).files())).isTrue();
	}

	@Test
	void rehashesAFileWhoseSizeChanged() throws Exception {
		// given the last load's entry, and the file rewritten longer at the very same time
		Path file = write("roster.csv", "id,name\n1,张三\n");
		SnapshotFingerprint.FileEntry last = entry(file, RECORDED);
		Files.writeString(file, "id,name\n1,张三\n2,李四\n");
		Files.setLastModifiedTime(file, FileTime.from(last.modified()));

		// when the folder is fingerprinted, then the change is seen
		SnapshotFingerprint now = SnapshotFingerprint.of(this.folder, Map.of("roster.csv", last));
		assertThat(now.files()).singleElement().extracting(SnapshotFingerprint.FileEntry::sha256)
			.isEqualTo(SnapshotFingerprint.sha256(file));
		assertThat(now.sameContentAs(java.util.List.of(last))).isFalse();
	}

	@Test
	void hashesEveryFileWithoutRecordedEntries() throws Exception {
		// given a file the last load did not record (a new file, or TALENT_REHASHFILES passing none)
		Path file = write("roster.csv", "id,name\n1,张三\n");

		// when the folder is fingerprinted without previous entries, then the file is hashed
		assertThat(SnapshotFingerprint.of(this.folder, Map.of()).files()).singleElement()
			.extracting(SnapshotFingerprint.FileEntry::sha256)
			.isEqualTo(SnapshotFingerprint.sha256(file));
	}

	private Path write(String name, String content) throws Exception {
		Path file = this.folder.resolve(name);
		Files.writeString(file, content);
		// whole seconds, as ops.snapshot_files keeps them
		Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2025-01-31T02:00:00Z")));
		return file;
	}

	private static SnapshotFingerprint.FileEntry entry(Path file, String sha256) throws Exception {
		return new SnapshotFingerprint.FileEntry(file.getFileName().toString(), Files.size(file),
				Files.getLastModifiedTime(file).toInstant(), sha256);
	}

}
