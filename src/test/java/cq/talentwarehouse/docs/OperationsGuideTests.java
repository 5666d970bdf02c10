package cq.talentwarehouse.docs;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.cli.TalentWarehouseApplication;
import cq.talentwarehouse.testing.ChildJvm;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/operations.md against what the product does: the install copies what a run needs and never
 * feeds a production landing zone with demo data (bench/install.sh, run by .ci/run, follows it on
 * the built launcher), and the exit code of a schedule stopped by SIGTERM is the documented one.
 */
class OperationsGuideTests {

	private static final Path GUIDE = Path.of("docs/operations.md");

	@TempDir
	Path dir;

	@Test
	void theInstallCopiesWhatARunReadsAndWritesNoDemoData() throws Exception {
		// given the install block, as bench/install.sh extracts it
		List<String> lines = Files.readAllLines(GUIDE, StandardCharsets.UTF_8);
		int begin = lines.indexOf("<!-- install:begin -->");
		assertThat(begin).as("docs/operations.md has an install block").isPositive();
		String install = String.join("\n", lines.subList(begin, lines.indexOf("<!-- install:end -->")));

		// then: the launcher, the pipeline files and the seeds are installed, and checked before any night
		assertThat(install).contains("cp -r target/talent-warehouse /srv/talent-warehouse/app")
			.containsPattern("cp -r pipelines seeds /srv/talent-warehouse/")
			.contains("app/bin/talent-warehouse validate")
			.contains("mkdir -p /srv/talent-warehouse/landing/{jiangjin,qianjiang,qijiang,xiushan}")
			.doesNotContain("generate")
			.doesNotContainPattern("talent-warehouse run\\b");
		assertThat(Files.readString(Path.of(".ci/run"), StandardCharsets.UTF_8)).contains("bench/install.sh");
		assertThat(Path.of("bench/install.sh")).isExecutable();
	}

	@Test
	void scheduleStoppedBySigtermExitsWithTheDocumentedCode() throws Exception {
		// given a schedule process waiting for its next fire
		List<String> command = new ArrayList<>(ChildJvm.command(TalentWarehouseApplication.class, "-Xmx256m"));
		command.addAll(List.of("schedule", "--cron", "0 0 2 * * *", "--warehouse", this.dir.resolve("warehouse/talent.duckdb").toString(),
				"--landing", this.dir.resolve("landing").toString()));
		Process schedule = new ProcessBuilder(command).redirectErrorStream(true).start();
		List<String> output = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(schedule.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				output.add(line);
				if (line.startsWith("Scheduled: ")) {
					break;
				}
			}

			// when the service manager stops it
			schedule.destroy(); // SIGTERM
			assertThat(schedule.waitFor(60, TimeUnit.SECONDS)).isTrue();
		}

		// then it exits 128 + 15, which the operations guide and the command's help say
		assertThat(schedule.exitValue()).as(String.join("\n", output)).isEqualTo(143);
		assertThat(String.join("\n", output)).containsPattern("next at 20[0-9-]+T02:00\\+08:00 Asia/Shanghai \\(20[0-9-]+T18:00:00Z\\)");
		String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
		assertThat(guide).contains("| 130, 143 | `schedule` stopped by Ctrl-C (SIGINT) or SIGTERM").contains("SuccessExitStatus=143");
	}

}
