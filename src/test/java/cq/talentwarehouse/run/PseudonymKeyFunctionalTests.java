package cq.talentwarehouse.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.normalize.PseudonymKey;
import cq.talentwarehouse.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reliability defect 2: a lost or changed pseudonym key would silently make every person a new one.
 * The warehouse records the key's fingerprint; a run with no key or another key refuses before it
 * reads a record, and a key is created only for a warehouse without people.
 */
class PseudonymKeyFunctionalTests {

	@TempDir
	Path dir;

	@Test
	void firstLoadRecordsTheFingerprintOfTheKeyItCreatedAndNeverTheKey() throws Exception {
		// given / when
		Path warehouse = Fixtures.fixtureLoad(this.dir);

		// then
		byte[] key = Files.readString(this.dir.resolve("key"), StandardCharsets.US_ASCII).strip()
			.getBytes(StandardCharsets.US_ASCII);
		assertThat(Fixtures.rows(warehouse, "select fingerprint from ops.pseudonym_key"))
			.containsExactly(List.of(PseudonymKey.fingerprint(key)));
		assertThat(Fixtures.rows(warehouse, "select count(*) from ops.pseudonym_key where fingerprint like '%"
				+ new String(key, StandardCharsets.US_ASCII).substring(0, 16) + "%'")).containsExactly(List.of("0"));
	}

	@Test
	void runWithTheKeyFileDeletedRefusesAndLeavesThePeopleAsTheyWere() throws Exception {
		// given
		Path warehouse = Fixtures.fixtureLoad(this.dir);
		List<List<String>> people = Fixtures.rows(warehouse, "select count(*), count(distinct person_sk) from dw.fct_talent_snapshot");
		Files.delete(this.dir.resolve("key"));

		// when
		Fixtures.LoadResult result = Fixtures.runForced(arguments(warehouse));

		// then
		assertThat(result.exit()).as(result.output()).isEqualTo(LoadRun.NOTHING_PUBLISHED);
		assertThat(result.output()).contains("the key file " + this.dir.resolve("key").toAbsolutePath() + " does not exist")
			.contains("Restore the key file from its backup").contains("Nothing was read").doesNotContain("staging ");
		assertThat(this.dir.resolve("key")).as("no new key may be created for a warehouse with people").doesNotExist();
		assertThat(Fixtures.rows(warehouse, "select count(*), count(distinct person_sk) from dw.fct_talent_snapshot"))
			.isEqualTo(people);
	}

	@Test
	void runWithAnotherKeyRefusesNamingBothFingerprintsAndTheOriginalKeyStillLoads() throws Exception {
		// given
		Path warehouse = Fixtures.fixtureLoad(this.dir);
		String original = Files.readString(this.dir.resolve("key"), StandardCharsets.US_ASCII);
		Files.writeString(this.dir.resolve("key"), "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n");

		// when
		Fixtures.LoadResult wrong = Fixtures.runForced(arguments(warehouse));

		// then
		assertThat(wrong.exit()).as(wrong.output()).isEqualTo(LoadRun.NOTHING_PUBLISHED);
		assertThat(wrong.output()).contains("is not the key that made the pseudonyms")
			.doesNotContain("0123456789abcdef0123456789abcdef").doesNotContain(original.strip());
		assertThat(Fixtures.rows(warehouse, "select count(*) from ops.runs")).containsExactly(List.of("1"));

		// when: the original key is restored
		Files.writeString(this.dir.resolve("key"), original);
		Fixtures.LoadResult restored = Fixtures.runForced(arguments(warehouse));

		// then: the same people as before, not twice as many
		assertThat(restored.exit()).as(restored.output()).isEqualTo(LoadRun.PUBLISHED);
		assertThat(Fixtures.rows(warehouse, "select count(distinct person_sk) from dw.fct_talent_snapshot"))
			.containsExactly(List.of("16"));
	}

	private List<String> arguments(Path warehouse) {
		return Fixtures.arguments(this.dir.resolve("pipelines"), this.dir.resolve("landing"), warehouse,
				this.dir.resolve("key"));
	}

}
