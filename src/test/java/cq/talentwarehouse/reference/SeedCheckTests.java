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
		append("reported_indicators.csv", "x-1,510100,talent_total,2023-12-31,roughly,12万,人,true,a.txt,一句话\n");

		// when
		var problems = SeedCheck.check(this.dir).stream().map(FileProblem::toString).toList();

		// then
		assertThat(problems).anyMatch((p) -> p.matches(".*education_levels\\.csv:8: duplicate education_code 'master'"))
			.anyMatch((p) -> p.contains("education_levels.csv:8: synonym '本科' of master already names bachelor"))
			.anyMatch((p) -> p.contains("reported_indicators.csv") && p.contains("district_code '510100' is not in seeds/districts.csv"))
			.anyMatch((p) -> p.contains("qualifier 'roughly' is not exact, at_least or approximately"));
	}

	private void append(String file, String line) throws Exception {
		Files.writeString(this.dir.resolve(file), line, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
	}

}
