package cq.talentwarehouse.reference;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SeedCheckTests {

	@TempDir
	Path dir;

	@Test
	void acceptsTheSeedsOfThisCheckoutAndThoseBuiltIn() {
		assertThat(SeedCheck.check(Path.of("seeds"))).isEmpty();
		assertThat(SeedCheck.check(Seeds.bundled())).isEmpty();
	}

	@Test
	void reportsDuplicateCodesAmbiguousSynonymsAndBadReferencesWithFileAndLine() throws Exception {
		// given: a copy of the seeds with three mistakes
		try (var files = Files.list(Path.of("seeds"))) {
			for (Path f : files.filter((p) -> p.toString().endsWith(".csv")).toList()) {
				Files.copy(f, this.dir.resolve(f.getFileName()));
			}
		}
		append("education_levels.csv", "master,硕士,9,本科\n");
		append("reported_indicators.csv", "x-1,510100,talent_total,2023-12-31,roughly,12万,人,true,a.txt,一句话,\n");

		// when
		var problems = SeedCheck.check(this.dir).stream().map(FileProblem::toString).toList();

		// then
		assertThat(problems).anyMatch((p) -> p.matches(".*education_levels\\.csv:8: duplicate education_code 'master'"))
			.anyMatch((p) -> p.contains("education_levels.csv:8: synonym '本科' of master already names bachelor"))
			.anyMatch((p) -> p.contains("reported_indicators.csv") && p.contains("district_code '510100' is not in seeds/districts.csv"))
			.anyMatch((p) -> p.contains("qualifier 'roughly' is not exact, at_least or approximately"));
	}

	@Test
	void refusesAReportedIndicatorWithNoComputationAndNoReason() throws Exception {
		// given: a copy of the seeds with a published figure marked not computable but not saying why
		try (var files = Files.list(Path.of("seeds"))) {
			for (Path f : files.filter((p) -> p.toString().endsWith(".csv")).toList()) {
				Files.copy(f, this.dir.resolve(f.getFileName()));
			}
		}
		long lines = Files.readAllLines(this.dir.resolve("reported_indicators.csv")).size();
		append("reported_indicators.csv", "500241-program.x-2021-08-31,500241,program.x,2021-08-31,exact,5,人,false,a.txt,一句话。,\n");
		append("plan_targets.csv", "t-1,500116,x,2020-12-31,2025-12-31,increase,exact,5,人,false,,a.txt,一句话。\n");

		// when
		var problems = SeedCheck.check(this.dir).stream().map(FileProblem::toString).toList();

		// then: both are named with file and line
		assertThat(problems).anyMatch((p) -> p.contains("reported_indicators.csv:" + (lines + 1)
				+ ": indicator '500241-program.x-2021-08-31' is not computable and gives no reason"))
			.anyMatch((p) -> p.contains("plan_targets.csv") && p.contains("needs its reason"));
	}

	@Test
	void refusesAProgrammeTierOutsideItsProgrammeAndAnUnknownProgramme() throws Exception {
		// given: a copy of the seeds with a tier whose code does not start with its programme's, and one
		// of a programme talent_programmes.csv does not have
		try (var files = Files.list(Path.of("seeds"))) {
			for (Path f : files.filter((p) -> p.toString().endsWith(".csv")).toList()) {
				Files.copy(f, this.dir.resolve(f.getFileName()));
			}
		}
		long lines = Files.readAllLines(this.dir.resolve("programme_tiers.csv")).size();
		append("programme_tiers.csv", "card_c,C卡,yingcai_service_card,3,C类卡\n");
		append("programme_tiers.csv", "jinying.leading,领军人才,jinying,1,\n");

		// when
		var problems = SeedCheck.check(this.dir).stream().map(FileProblem::toString).toList();

		// then: each is named with file and line, and what is allowed
		assertThat(problems).anyMatch((p) -> p.contains("programme_tiers.csv:" + (lines + 1)
				+ ": tier_code 'card_c' must start with its programme_code 'yingcai_service_card.'"))
			.anyMatch((p) -> p.contains("programme_tiers.csv:" + (lines + 2)
				+ ": programme_code 'jinying' is not in seeds/talent_programmes.csv"));
	}

	private void append(String file, String line) throws Exception {
		Files.writeString(this.dir.resolve(file), line, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
	}

}
