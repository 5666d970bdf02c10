package cq.talentwarehouse.stage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import cq.talentwarehouse.normalize.StagedRecord;
import cq.talentwarehouse.pipeline.SourceKind;

import static org.assertj.core.api.Assertions.assertThat;

class StagingWriterTests {

	private static final String ALICE = "0123456789abcdef0123456789abcdef";

	private static final String BOB = "fedcba9876543210fedcba9876543210";

	private static final String CAROL = "00112233445566778899aabbccddeeff";

	@TempDir
	Path dir;

	@Test
	void quarantinesTheLaterCopyOfAPersonUnderTheMaskedIdNumber() throws Exception {
		// given a roster in which line 4 repeats the person of line 2
		StagingWriter writer = writer();
		writer.open(new ExecutionContext());

		// when the records are written
		writer.write(chunk(roster(2, ALICE), roster(3, BOB), roster(4, ALICE)));
		writer.update(new ExecutionContext());
		writer.close();

		// then the first copy is staged and the second quarantined
		assertThat(lines("accepted.csv")).hasSize(3).noneMatch((l) -> l.startsWith("4,"));
		assertThat(lines("quarantine.csv")).containsExactly("line,field,rule,raw_value",
				"4,id_number,duplicate,500116********0004");
		assertThat(writer.rules()).containsEntry("duplicate", 1L);
	}

	@Test
	void catchesADuplicateOfARecordCommittedBeforeARestart() throws Exception {
		// given a step that committed line 2 and died after writing (but not committing) line 3
		ExecutionContext context = killedAfterWritingPastTheCommit(roster(2, ALICE), roster(3, BOB));

		// when the restarted step writes line 3 again and then a copy of line 2's person
		StagingWriter restarted = writer();
		restarted.open(context);
		restarted.write(chunk(roster(3, BOB), roster(4, ALICE)));
		restarted.update(context);
		restarted.close();

		// then nothing is staged twice and the copy is quarantined
		assertThat(lines("accepted.csv")).hasSize(3);
		assertThat(lines("accepted.csv").get(1)).startsWith("2," + ALICE);
		assertThat(lines("accepted.csv").get(2)).startsWith("3," + BOB);
		assertThat(lines("quarantine.csv")).containsExactly("line,field,rule,raw_value",
				"4,id_number,duplicate,500116********0004");
		assertThat(context.getLong(StagingWriter.ACCEPTED)).isEqualTo(2);
		assertThat(context.getLong(StagingWriter.QUARANTINED)).isEqualTo(1);
	}

	@Test
	void flagsARosterRowWhosePersonAnotherRosterOfTheRunClaimedFirst() throws Exception {
		// given a run's claims and two rosters staged under them, Alice on both and twice on the second
		try (LoadPeople people = LoadPeople.open(new StagingArea(this.dir.resolve("run")), 10, false)) {
			StagingWriter first = new StagingWriter(this.dir.resolve("a.csv"), this.dir.resolve("qa.csv"),
					this.dir.resolve("va.csv"), SourceKind.ROSTER, people);
			StagingWriter second = new StagingWriter(this.dir.resolve("b.csv"), this.dir.resolve("qb.csv"),
					this.dir.resolve("vb.csv"), SourceKind.ROSTER, people);
			first.open(new ExecutionContext());
			second.open(new ExecutionContext());

			// when
			first.write(chunk(roster(2, ALICE)));
			second.write(chunk(roster(2, BOB), roster(3, ALICE), roster(4, ALICE)));
			first.close();
			second.close();
		}

		// then the second roster's Alice is named again under her claim's number, its duplicate of her
		// quarantined (not claimed); Bob is the run's second claim
		assertThat(lines("a.csv")).containsExactly(String.join(",", SourceKind.ROSTER.stagedFileColumns()),
				"2," + ALICE + ",F,1990,professional_technical,,,,,,,1");
		assertThat(lines("b.csv")).containsExactly(String.join(",", SourceKind.ROSTER.stagedFileColumns()),
				"2," + BOB + ",F,1990,professional_technical,,,,,,,2",
				"3," + ALICE + ",F,1990,professional_technical,,,,,,true,1");
		assertThat(lines("qb.csv")).containsExactly("line,field,rule,raw_value", "4,id_number,duplicate,500116********0004");
		assertThat(Files.exists(this.dir.resolve("run").resolve(LoadPeople.MARKER))).isTrue();
	}

	@Test
	void keysEnterprisesByCreditCodeAndQualification() throws Exception {
		StagingWriter writer = new StagingWriter(this.dir.resolve("accepted.csv"), this.dir.resolve("quarantine.csv"),
				this.dir.resolve("values.csv"), SourceKind.ENTERPRISE);
		writer.open(new ExecutionContext());

		writer.write(new Chunk<>(List.of(new RecordBlock<>(List.of(
				StagedRecord.accepted(2, new String[] { "91500116MA5U00000X", "甲公司", "specialized_sme", null, null }),
				StagedRecord.accepted(3, new String[] { "91500116MA5U00000X", "甲公司", "little_giant", null, null }),
				StagedRecord.accepted(4, new String[] { "91500116MA5U00000X", "甲公司", "specialized_sme", null, null }))))));
		writer.close();

		assertThat(lines("quarantine.csv")).containsExactly("line,field,rule,raw_value",
				"4,uscc,duplicate,91500116MA5U00000X specialized_sme");
	}

	@Test
	void listsEachCategoryCombinationOnceBeforeTheCommitThatStagesIt() throws Exception {
		// given a roster whose rows take two category lists, one of them twice
		StagingWriter writer = writer();
		ExecutionContext context = new ExecutionContext();
		writer.open(context);
		assertThat(lines("values.csv")).containsExactly("column_name,value");

		// when the rows are written and committed
		writer.write(chunk(roster(2, ALICE, "science_tech|health"), roster(3, BOB, "professional_technical"),
				roster(4, CAROL, "science_tech|health")));
		writer.update(context);
		writer.close();

		// then the values file lists each list once, sorted
		assertThat(lines("values.csv")).containsExactly("column_name,value", "categories,professional_technical",
				"categories,science_tech|health");
	}

	@Test
	void listsTheCategoriesOfRowsCommittedBeforeARestartAndNotOfRowsCutBack() throws Exception {
		// given a step that committed line 2 and died after writing (but not committing) line 3
		ExecutionContext context = killedAfterWritingPastTheCommit(roster(2, ALICE, "health"), roster(3, BOB, "education"));

		// when the restarted step opens on the committed context and writes another list
		StagingWriter restarted = writer();
		restarted.open(context);
		List<String> afterOpen = lines("values.csv");
		restarted.write(chunk(roster(3, BOB, "science_tech")));
		restarted.update(context);
		restarted.close();

		// then the list holds the committed row's categories and the new ones, not the cut-back row's
		assertThat(afterOpen).containsExactly("column_name,value", "categories,health");
		assertThat(lines("values.csv")).containsExactly("column_name,value", "categories,health", "categories,science_tech");
	}

	@Test
	void listsNothingForAKindWithoutCodeLists() throws Exception {
		StagingWriter writer = new StagingWriter(this.dir.resolve("accepted.csv"), this.dir.resolve("quarantine.csv"),
				this.dir.resolve("values.csv"), SourceKind.ENTERPRISE);
		writer.open(new ExecutionContext());
		writer.write(new Chunk<>(List.of(new RecordBlock<>(List.of(
				StagedRecord.accepted(2, new String[] { "91500116MA5U00000X", "甲公司", "specialized_sme", null, null }))))));
		writer.update(new ExecutionContext());
		writer.close();

		assertThat(SourceKind.ENTERPRISE.listedColumns()).isEmpty();
		assertThat(lines("values.csv")).containsExactly("column_name,value");
	}

	/**
	 * A step that committed one record, then wrote another and flushed it as before a commit that never
	 * happened; the committed context, for the restarted step.
	 */
	private ExecutionContext killedAfterWritingPastTheCommit(StagedRecord committed, StagedRecord lost) throws Exception {
		StagingWriter first = writer();
		ExecutionContext context = new ExecutionContext();
		first.open(context);
		first.write(chunk(committed));
		first.update(context);
		first.write(chunk(lost));
		first.update(new ExecutionContext());
		first.close();
		return context;
	}

	private StagingWriter writer() {
		return new StagingWriter(this.dir.resolve("accepted.csv"), this.dir.resolve("quarantine.csv"),
				this.dir.resolve("values.csv"), SourceKind.ROSTER);
	}

	/** A roster record as the normalizer hands it over; bits (0, 0): the writer reads the pseudonym's digits. */
	private static StagedRecord roster(long line, String person) {
		return roster(line, person, "professional_technical");
	}

	private static StagedRecord roster(long line, String person, String categories) {
		return StagedRecord.person(line, new String[] { person, "F", "1990", categories, null, null, null, null, null },
				"50011619900101000" + line, 0, 0);
	}

	private static Chunk<RecordBlock<StagedRecord>> chunk(StagedRecord... records) {
		return new Chunk<>(List.of(new RecordBlock<>(List.of(records))));
	}

	private List<String> lines(String file) throws Exception {
		return Files.readAllLines(this.dir.resolve(file), StandardCharsets.UTF_8);
	}

}
