package cq.talentwarehouse.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.TalentProperties;

import static org.assertj.core.api.Assertions.assertThat;

/** Demo extracts reach only a true first start; what it is, end to end, .ci/run checks through the launcher. */
class FirstStartTests {

	@TempDir
	Path dir;

	@Test
	void writesNothingIntoAnEmptyLandingZoneOutsideTheDefaultFolder() throws Exception {
		// given the bundled pipelines, no warehouse, no runs, and an empty landing folder that is not ./landing
		TalentProperties properties = properties(Files.createDirectories(this.dir.resolve("mounted-landing")));
		ByteArrayOutputStream out = new ByteArrayOutputStream();

		// when
		boolean wrote = FirstStart.writeDemoIfFirstStart(properties, new PrintStream(out, true, StandardCharsets.UTF_8));

		// then nothing is written and nothing said: the load reports the empty landing zone itself
		assertThat(wrote).isFalse();
		assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
		try (var files = Files.list(properties.getLanding())) {
			assertThat(files).isEmpty();
		}
	}

	@Test
	void writesNothingBesideAPublishedWarehouse() throws Exception {
		// given a warehouse file, with the default landing folder's name but an empty folder
		TalentProperties properties = properties(Files.createDirectories(this.dir.resolve("landing")));
		Files.createDirectories(properties.getWarehouse().getParent());
		Files.writeString(properties.getWarehouse(), "published");

		// when / then
		assertThat(FirstStart.writeDemoIfFirstStart(properties, new PrintStream(new ByteArrayOutputStream()))).isFalse();
	}

	private TalentProperties properties(Path landing) {
		TalentProperties properties = new TalentProperties();
		properties.setPipelines(Path.of("pipelines").toAbsolutePath());
		properties.setSeeds(Path.of("seeds").toAbsolutePath());
		properties.setWarehouse(this.dir.resolve("warehouse/talent.duckdb"));
		properties.setLanding(landing);
		return properties;
	}

}
