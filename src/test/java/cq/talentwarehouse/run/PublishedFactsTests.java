package cq.talentwarehouse.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.load.DuckDb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A plan's reads of the published warehouse, kept for the file as it is: read once, answered again
 * without opening the file, and read anew once a publish has renamed another file over it.
 */
class PublishedFactsTests {

	@TempDir
	Path dir;

	@Test
	void readsTheRecordedKeyThePeopleAndTheLoadedSnapshotsInOneOpen() throws Exception {
		// given
		Path warehouse = warehouse("a.duckdb", "fingerprint-a", 2);

		// when
		PublishedFacts facts = PublishedFacts.of(warehouse);

		// then
		assertThat(facts.recordedKey()).isEqualTo("fingerprint-a");
		assertThat(facts.hasPeople()).isTrue();
		assertThat(facts.loaded()).containsOnlyKeys("500118@2024-12-31");
		LoadedSnapshot yongchuan = facts.loaded().get("500118@2024-12-31");
		assertThat(yongchuan.runId()).isEqualTo("run-2");
		assertThat(yongchuan.files()).extracting((f) -> f.name() + " " + f.size() + " " + f.sha256())
			.containsExactly("人才名册.csv 2 ab", "平台.csv 1 cd");
	}

	@Test
	void answersForTheSameFileWithoutOpeningItAgain() throws Exception {
		// given: read once, then held read-write by this process, so that a read-only open of it fails
		Path warehouse = warehouse("b.duckdb", "fingerprint-b", 1);
		PublishedFacts first = PublishedFacts.of(warehouse);
		try (Connection held = DuckDb.openReadWrite(warehouse)) {
			assertThatThrownBy(() -> DuckDb.openReadOnly(warehouse).close()).isInstanceOf(java.sql.SQLException.class);

			// when
			PublishedFacts again = PublishedFacts.of(warehouse);

			// then
			assertThat(again).isSameAs(first);
			assertThat(PublishedFacts.isKept(warehouse)).isTrue();
		}
	}

	@Test
	void readsTheFileAnewOnceAnotherIsRenamedOverIt() throws Exception {
		// given
		Path warehouse = warehouse("c.duckdb", "fingerprint-old", 1);
		assertThat(PublishedFacts.of(warehouse).recordedKey()).isEqualTo("fingerprint-old");
		Path next = warehouse("c.duckdb.next", "fingerprint-new", 0);

		// when: a publish
		Files.move(next, warehouse, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

		// then
		assertThat(PublishedFacts.isKept(warehouse)).isFalse();
		PublishedFacts facts = PublishedFacts.of(warehouse);
		assertThat(facts.recordedKey()).isEqualTo("fingerprint-new");
		assertThat(facts.hasPeople()).isFalse();
		assertThat(facts.loaded()).isEmpty();
	}

	@Test
	void readsTheFileAnewOnceAnotherIsWrittenOverItInPlace() throws Exception {
		// given: read, then a warehouse of another key written over the same file (a backup restored
		// with cp: same inode, new content and modification time)
		Path warehouse = warehouse("d.duckdb", "fingerprint-kept", 2);
		assertThat(PublishedFacts.of(warehouse).recordedKey()).isEqualTo("fingerprint-kept");
		Object inode = Files.readAttributes(warehouse, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
		byte[] restored = Files.readAllBytes(warehouse("d.duckdb.backup", "fingerprint-restored", 0));
		Thread.sleep(10);

		// when
		Files.write(warehouse, restored);

		// then: the key check sees the restored file's key, the plan its (no) snapshots
		assertThat(Files.readAttributes(warehouse, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
			.isEqualTo(inode);
		assertThat(PublishedFacts.isKept(warehouse)).isFalse();
		PublishedFacts facts = PublishedFacts.of(warehouse);
		assertThat(facts.recordedKey()).isEqualTo("fingerprint-restored");
		assertThat(facts.loaded()).isEmpty();
	}

	@Test
	void aWarehouseNotYetPublishedHasNoKeyNoPeopleAndNoSnapshots() throws Exception {
		// when
		PublishedFacts facts = PublishedFacts.of(this.dir.resolve("none.duckdb"));

		// then
		assertThat(facts).isEqualTo(PublishedFacts.NONE);
	}

	@Test
	void aWarehouseFromBeforeFingerprintsCountsEverySnapshotAsNew() throws Exception {
		// given: no ops.snapshot_files, no ops.pseudonym_key
		Path warehouse = this.dir.resolve("old.duckdb");
		try (Connection c = DuckDb.openReadWrite(warehouse); Statement s = c.createStatement()) {
			s.execute("create schema dw");
			s.execute("create table dw.dim_person (person_sk bigint)");
			s.execute("insert into dw.dim_person values (1)");
		}

		// when
		PublishedFacts facts = PublishedFacts.of(warehouse);

		// then
		assertThat(facts.recordedKey()).isNull();
		assertThat(facts.hasPeople()).isTrue();
		assertThat(facts.loaded()).isEmpty();
	}

	/** A warehouse with the tables a plan reads; {@code files} files of one snapshot of 永川. */
	private Path warehouse(String name, String fingerprint, int files) throws Exception {
		Path file = this.dir.resolve(name);
		try (Connection c = DuckDb.openReadWrite(file); Statement s = c.createStatement()) {
			s.execute("create schema ops");
			s.execute("create schema dw");
			s.execute("create table ops.pseudonym_key (fingerprint varchar)");
			s.execute("insert into ops.pseudonym_key values ('" + fingerprint + "')");
			s.execute("create table dw.dim_person (person_sk bigint)");
			if (files > 0) {
				s.execute("insert into dw.dim_person values (1)");
			}
			s.execute("create table ops.snapshot_files (district_code varchar, snapshot_date date, file_name varchar,"
					+ " size_bytes bigint, modified_at timestamp, sha256 varchar, run_id varchar)");
			String[] rows = { "('500118', date '2024-12-31', '人才名册.csv', 2, timestamp '2024-12-31 08:00:00', 'ab', 'run-2')",
					"('500118', date '2024-12-31', '平台.csv', 1, timestamp '2024-12-31 08:00:00', 'cd', 'run-2')" };
			for (int i = 0; i < files; i++) {
				s.execute("insert into ops.snapshot_files values " + rows[i]);
			}
		}
		return file;
	}

}
