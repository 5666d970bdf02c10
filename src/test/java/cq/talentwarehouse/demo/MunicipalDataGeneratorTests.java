package cq.talentwarehouse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.reference.ReferenceData;
import cq.talentwarehouse.pipeline.LandingZone;
import cq.talentwarehouse.pipeline.PipelineCatalog;
import cq.talentwarehouse.pipeline.PipelineDefinition;
import cq.talentwarehouse.pipeline.SourceDefinition;
import cq.talentwarehouse.pipeline.SourceKind;
import cq.talentwarehouse.validate.ResidentIdNumber;

class MunicipalDataGeneratorTests {

	private static final double SCALE = 0.01;

	@TempDir
	static Path out;

	static MunicipalDataGenerator.Summary summary;

	static MunicipalDataGenerator.Plan plan;

	@BeforeAll
	static void generateOnce() {
		// the seed districts' pipeline files come from the project's pipelines/ (tests run from its root)
		summary = MunicipalDataGenerator.generate(out, SCALE, DemoDataGenerator.DEFAULT_SEED, Path.of("pipelines"));
		plan = MunicipalDataGenerator.plan(SCALE);
	}

	@Test
	void writesAPipelineFileTheCatalogAcceptsForEachOfThe38Districts() {
		// given
		Set<String> valid = new HashSet<>();
		for (CSVRecord r : ReferenceData.read("districts")) {
			String to = r.get("valid_to");
			if (!LocalDate.parse(r.get("valid_from")).isAfter(MunicipalDataGenerator.SNAPSHOT_DATE)
					&& (to.isBlank() || !LocalDate.parse(to).isBefore(MunicipalDataGenerator.SNAPSHOT_DATE))) {
				valid.add(r.get("district_code"));
			}
		}

		// when
		PipelineCatalog catalog = PipelineCatalog.load(out.resolve("pipelines"), out.resolve("landing"),
				ReferenceData.bundled());

		// then
		assertThat(catalog.problems()).isEmpty();
		assertThat(valid).hasSize(38).doesNotContain("500157");
		assertThat(catalog.pipelines()).extracting(PipelineDefinition::district).containsExactlyInAnyOrderElementsOf(valid);
		assertThat(summary.districts()).isEqualTo(38);
	}

	@Test
	void eachDistrictHasOneSnapshotFolderHoldingEveryFileItsPipelineNames() throws IOException {
		// given
		PipelineCatalog catalog = PipelineCatalog.load(out.resolve("pipelines"), out.resolve("landing"),
				ReferenceData.bundled());
		LandingZone landing = new LandingZone(out.resolve("landing"));

		for (PipelineDefinition pipeline : catalog.pipelines()) {
			// when
			List<LandingZone.Snapshot> snapshots = landing.snapshots(pipeline);

			// then: one snapshot, except the seed districts whose demo also sends an earlier
			// delivery (江津 2020-12-31, 黔江 2024-10-22: their roster history)
			if (MunicipalDataGenerator.SEED_DISTRICTS.contains(pipeline.district())) {
				assertThat(snapshots).as(pipeline.name()).hasSizeBetween(1, 2);
			}
			else {
				assertThat(snapshots).as(pipeline.name()).hasSize(1);
				assertThat(snapshots.get(0).date()).isEqualTo(MunicipalDataGenerator.SNAPSHOT_DATE);
			}
			for (LandingZone.Snapshot snapshot : snapshots) {
				Path folder = snapshot.folder();
				boolean latest = snapshots.stream().allMatch((other) -> !other.date().isAfter(snapshot.date()));
				for (Map.Entry<String, SourceDefinition> entry : pipeline.sources().entrySet()) {
					SourceDefinition source = entry.getValue();
					// a programme ledger comes with the latest delivery only
					if (!latest && !SourceKind.fromKey(entry.getKey()).sentWithEverySnapshot()) {
						continue;
					}
					if (source.file().contains("*")) {
						try (Stream<Path> pages = Files.list(folder)) {
							assertThat(pages.filter((p) -> p.getFileName().toString().endsWith(".json"))).isNotEmpty();
						}
					}
					else {
						assertThat(folder.resolve(source.file())).as(pipeline.name()).isRegularFile();
					}
				}
			}
		}
	}

	@Test
	void rosterRowsFollowThePopulationAndTheMedianStandsInWhereItIsUnknown() throws IOException {
		// given
		double perTenThousand = 10_000 * MunicipalDataGenerator.TALENT_SHARE * SCALE;

		for (MunicipalDataGenerator.District d : plan.districts()) {
			// when
			List<CSVRecord> rows = roster(d);

			// then: every clean person, plus about one bad row in a thousand
			assertThat(rows).as(d.name()).hasSize(d.people() + d.badRows());
			assertThat(d.people()).as(d.name()).isEqualTo(Math.round(d.population10k().doubleValue() * perTenThousand));
			assertThat((double) d.people() / d.population10k().doubleValue()).isCloseTo(perTenThousand, within(0.5));
			if (!d.populationKnown()) {
				assertThat(d.population10k()).isEqualByComparingTo(plan.medianPopulation10k());
			}
		}
		assertThat(plan.districts()).hasSize(34);
		assertThat(plan.districts()).filteredOn((d) -> !d.populationKnown()).isNotEmpty();
	}

	@Test
	void idNumbersAreValidAndUniquePerDistrictAndAboutOneInTwoHundredIsOnAnotherDistrictsRoster() throws IOException {
		// given
		Map<String, Integer> rostersPerId = new HashMap<>();
		long invalid = 0;
		long clean = 0;

		// when
		for (MunicipalDataGenerator.District d : plan.districts()) {
			Set<String> seen = new HashSet<>();
			for (CSVRecord row : roster(d)) {
				String id = idOf(d, row);
				if (!ResidentIdNumber.check(id, MunicipalDataGenerator.SNAPSHOT_DATE).isValid()) {
					invalid++;
				}
				else if (seen.add(id)) {
					rostersPerId.merge(id, 1, Integer::sum);
					clean++;
				}
			}
			// then: a district's distinct valid IDs are its planned people (bad rows re-use or break IDs)
			assertThat(seen).as(d.name()).hasSizeGreaterThanOrEqualTo(d.people());
		}

		// then
		long shared = rostersPerId.values().stream().filter((n) -> n > 1).count();
		assertThat(rostersPerId.values()).allMatch((n) -> n <= 2);
		assertThat((double) shared / clean).isBetween(0.003, 0.007);
		assertThat(invalid).isPositive();
	}

	@Test
	void sameSeedAndScaleWriteIdenticalBytes(@TempDir Path again) throws Exception {
		// given
		Map<String, String> first = digests(out);

		// when: the generated districts again (the seed districts' own determinism is DemoDataGenerator's test)
		MunicipalDataGenerator.generate(again, SCALE, DemoDataGenerator.DEFAULT_SEED, Path.of("pipelines"), false);

		// then: 34 pipeline files and 3 files per district
		assertThat(first).hasSize(34 + 34 * 3);
		assertThat(digests(again)).isEqualTo(first);
	}

	@Test
	void theWholeCityAtScaleOneHoldsAtLeastSixMillionRosterPeople() {
		// given
		long seedPeople = summary.rosterPeople().entrySet().stream()
			.filter((e) -> MunicipalDataGenerator.SEED_DISTRICTS.contains(e.getKey()))
			.mapToLong(Map.Entry::getValue)
			.sum();

		// when
		MunicipalDataGenerator.Plan full = MunicipalDataGenerator.plan(1.0);

		// then
		assertThat(seedPeople).isGreaterThan(500_000);
		assertThat(full.people() + seedPeople).isGreaterThanOrEqualTo(6_000_000);
		assertThat(summary.totalRosterPeople()).isEqualTo(plan.people() + seedPeople);
	}

	@Test
	void aHistoryKeepsMostPeopleMonthToMonthWithJoinersLeaversMoversAndPromotions(@TempDir Path history) throws Exception {
		// given twelve monthly snapshots of the generated districts
		MunicipalDataGenerator.generate(history, 0.02, DemoDataGenerator.DEFAULT_SEED, Path.of("pipelines"), false, 12);
		MunicipalDataGenerator.District first = plan.districts().get(0);
		MunicipalDataGenerator.District second = plan.districts().get(1);

		// when the first and the last month of two neighbouring districts are read
		Map<String, CSVRecord> firstJan = byId(history, first, LocalDate.of(2024, 1, 31));
		Map<String, CSVRecord> firstDec = byId(history, first, LocalDate.of(2024, 12, 31));
		Map<String, CSVRecord> secondJan = byId(history, second, LocalDate.of(2024, 1, 31));
		Map<String, CSVRecord> secondDec = byId(history, second, LocalDate.of(2024, 12, 31));

		// then every month is a snapshot folder, ending on the usual snapshot date
		try (Stream<Path> months = Files.list(history.resolve("landing").resolve(first.folder()))) {
			assertThat(months.map((m) -> m.getFileName().toString()).sorted().toList()).hasSize(12)
				.startsWith("2024-01-31", "2024-02-29").endsWith("2024-12-31");
		}
		// most people stay; about a tenth joined and a tenth left over the year
		Set<String> stayed = new HashSet<>(firstJan.keySet());
		stayed.retainAll(firstDec.keySet());
		double joined = 1.0 - (double) stayed.size() / firstDec.size();
		double left = 1.0 - (double) stayed.size() / firstJan.size();
		assertThat(joined).isBetween(0.05, 0.16);
		assertThat(left).isBetween(0.05, 0.16);
		// some of the first district's people are on the second's roster in December, not in January
		Set<String> moved = new HashSet<>(secondDec.keySet());
		moved.removeAll(secondJan.keySet());
		moved.retainAll(firstJan.keySet());
		moved.removeAll(firstDec.keySet());
		assertThat(moved).isNotEmpty();
		// those who stayed keep their attributes except a few promoted a title level
		PipelineDefinition pipeline = PipelineCatalog.readChecked(history.resolve("pipelines").resolve(first.folder() + ".yaml"));
		String education = pipeline.source(SourceKind.ROSTER).columns().get("education").headers().get(0);
		String title = pipeline.source(SourceKind.ROSTER).columns().get("title").headers().get(0);
		long sameEducation = stayed.stream().filter((id) -> firstJan.get(id).get(education).equals(firstDec.get(id).get(education))).count();
		long otherTitle = stayed.stream().filter((id) -> !firstJan.get(id).get(title).equals(firstDec.get(id).get(title))).count();
		assertThat(sameEducation).isEqualTo(stayed.size());
		assertThat((double) otherTitle / stayed.size()).isBetween(0.005, 0.1);
	}

	/** Clean roster rows of a district's snapshot, by ID number (bad rows, which fail the check digit or repeat an ID, left out). */
	private static Map<String, CSVRecord> byId(Path root, MunicipalDataGenerator.District d, LocalDate date) throws IOException {
		PipelineDefinition pipeline = PipelineCatalog.readChecked(root.resolve("pipelines").resolve(d.folder() + ".yaml"));
		SourceDefinition source = pipeline.source(SourceKind.ROSTER);
		String idHeader = source.columns().get("id_number").headers().get(0);
		Path file = root.resolve("landing").resolve(d.folder()).resolve(date.toString()).resolve(source.file());
		String text = Files.readString(file, Charset.forName(source.encodingOrDefault()));
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		Map<String, CSVRecord> rows = new HashMap<>();
		try (Reader reader = new java.io.StringReader(text);
				CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
			for (CSVRecord row : parser) {
				rows.putIfAbsent(row.get(idHeader), row);
			}
		}
		return rows;
	}

	private static List<CSVRecord> roster(MunicipalDataGenerator.District d) throws IOException {
		PipelineDefinition pipeline = PipelineCatalog.readChecked(out.resolve("pipelines").resolve(d.folder() + ".yaml"));
		SourceDefinition source = pipeline.source(SourceKind.ROSTER);
		Path file = out.resolve("landing").resolve(d.folder()).resolve(MunicipalDataGenerator.SNAPSHOT_DATE.toString())
			.resolve(source.file());
		String text = Files.readString(file, Charset.forName(source.encodingOrDefault()));
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		try (Reader reader = new java.io.StringReader(text);
				CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
			return parser.getRecords();
		}
	}

	private static String idOf(MunicipalDataGenerator.District d, CSVRecord row) throws IOException {
		PipelineDefinition pipeline = PipelineCatalog.readChecked(out.resolve("pipelines").resolve(d.folder() + ".yaml"));
		return row.get(pipeline.source(SourceKind.ROSTER).columns().get("id_number").headers().get(0));
	}

	/** SHA-256 of every file of the generated (non-seed) districts, by path relative to the root. */
	private static Map<String, String> digests(Path root) throws Exception {
		Set<String> generated = new HashSet<>();
		for (MunicipalDataGenerator.District d : plan.districts()) {
			generated.add(d.folder());
		}
		Map<String, String> digests = new TreeMap<>();
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				String relative = root.relativize(file).toString();
				String name = relative.startsWith("pipelines") ? file.getFileName().toString().replace(".yaml", "")
						: root.resolve("landing").relativize(file).getName(0).toString();
				if (generated.contains(name)) {
					digests.put(relative, HexFormat.of()
						.formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
				}
			}
		}
		return digests;
	}

}
