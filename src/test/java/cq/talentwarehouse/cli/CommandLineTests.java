package cq.talentwarehouse.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as an operator meets it: exit codes and the messages printed. */
class CommandLineTests {

	@TempDir
	Path dir;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private PrintStream originalOut;

	@BeforeEach
	void captureOutput() {
		this.originalOut = System.out;
		System.setOut(new PrintStream(this.out, true, StandardCharsets.UTF_8));
	}

	@AfterEach
	void restoreOutput() {
		System.setOut(this.originalOut);
	}

	@Test
	void validateReportsAYamlErrorWithFileAndLineAndExitsNonZero() throws Exception {
		Path pipelines = Files.createDirectories(this.dir.resolve("pipelines"));
		Files.copy(Path.of("pipelines/jiangjin.yaml"), pipelines.resolve("jiangjin.yaml"));
		Files.writeString(pipelines.resolve("broken.yaml"), "district: \"500114\"\nlanding: qianjiang\nsources:\n  roster: [\n",
				StandardCharsets.UTF_8);

		int exit = TalentCommand.execute("validate", "--pipelines", pipelines.toString(), "--landing",
				this.dir.resolve("landing").toString());

		assertThat(exit).isEqualTo(1);
		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains(pipelines.resolve("broken.yaml") + ":4: ")
			.doesNotContain("jiangjin.yaml");
	}

	@Test
	void validateRefusesAPipelineReadingOutsideTheLandingZone() throws Exception {
		Path pipelines = Files.createDirectories(this.dir.resolve("pipelines"));
		Files.writeString(pipelines.resolve("evil.yaml"), """
				district: "500116"
				landing: ../../etc
				sources:
				  roster:
				    file: ../../etc/passwd
				    columns: {id_number: a, name: b, categories: c}
				""", StandardCharsets.UTF_8);

		int exit = TalentCommand.execute("validate", "--pipelines", pipelines.toString(), "--landing",
				this.dir.resolve("landing").toString());

		assertThat(exit).isEqualTo(1);
		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("evil.yaml:2: landing '../../etc' leaves the landing root")
			.contains("file '../../etc/passwd' must be a name inside the snapshot folder");
	}

	@Test
	void unknownOptionIsAUsageErrorWithExitTwo() {
		assertThat(TalentCommand.execute("run", "--no-such-option")).isEqualTo(2);
	}

	@Test
	void queryWithoutAPublishedWarehouseSaysSo() {
		int exit = TalentCommand.execute("query", "--warehouse", this.dir.resolve("none/talent.duckdb").toString(),
				"select 1");
		assertThat(exit).isEqualTo(1);
	}

	@Test
	void statusWithoutRunsSaysSo() {
		int exit = TalentCommand.execute("status", "--warehouse", this.dir.resolve("warehouse/talent.duckdb").toString());
		assertThat(exit).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("No runs yet");
	}

}
