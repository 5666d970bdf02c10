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

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private PrintStream originalOut;

	private PrintStream originalErr;

	@BeforeEach
	void captureOutput() {
		this.originalOut = System.out;
		this.originalErr = System.err;
		System.setOut(new PrintStream(this.out, true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	@AfterEach
	void restoreOutput() {
		System.setOut(this.originalOut);
		System.setErr(this.originalErr);
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
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
		assertThat(err()).contains(pipelines.resolve("broken.yaml") + ":4: roster: not well-formed YAML")
			.doesNotContain("jiangjin.yaml");
		assertThat(out()).isEmpty();
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
		assertThat(err()).contains("evil.yaml:2: landing: '../../etc' leaves the landing root")
			.contains("sources.roster.file: '../../etc/passwd' must be a name inside the snapshot folder");
	}

	@Test
	void unknownOptionIsOneLineOnStderrWithAHintAndExitTwo() {
		// when
		int exit = TalentCommand.execute("run", "--no-such-optoin");

		// then: the error and where the help is, not the whole help
		assertThat(exit).isEqualTo(2);
		assertThat(err()).startsWith("error: Unknown option: '--no-such-optoin'")
			.contains("Try 'talent-warehouse run --help' for more information.")
			.doesNotContain("Usage:");
		assertThat(err().lines().count()).isLessThanOrEqualTo(4);
		assertThat(out()).isEmpty();
	}

	@Test
	void mistakesOnTheCommandLineAreUsageErrorsWithExitTwo() throws Exception {
		// given
		String warehouse = this.dir.resolve("warehouse/talent.duckdb").toString();
		Files.createDirectories(this.dir.resolve("warehouse/runs"));

		// then: a district that is no district, a pipeline folder that is missing or a file, a run that is not there
		assertThat(TalentCommand.execute("run", "--district", "abc", "--warehouse", warehouse)).isEqualTo(2);
		assertThat(err()).contains("error: --district 'abc' is not a district");
		assertThat(TalentCommand.execute("run", "--pipelines", "/missing", "--warehouse", warehouse)).isEqualTo(2);
		assertThat(err()).contains("error: --pipelines /missing: no such folder");
		assertThat(TalentCommand.execute("run", "--district", "500101", "--warehouse", warehouse)).isEqualTo(2);
		assertThat(err()).contains("error: --district 500101 has no pipeline file in pipelines (districts with one: ");
		assertThat(TalentCommand.execute("status", "--run", "nope", "--warehouse", warehouse)).isEqualTo(2);
		assertThat(err()).contains("error: --run nope: no such run");
		assertThat(TalentCommand.execute("validate", "--pipelines", "README.md")).isEqualTo(2);
		assertThat(err()).contains("error: --pipelines README.md is a file, not a folder");
		assertThat(out()).isEmpty();
		assertThat(this.dir.resolve("landing")).doesNotExist();
	}

	@Test
	void everyCommandAnswersVersion() {
		for (String command : TalentCommand.commandLine().getSubcommands().keySet()) {
			if (command.equals("help")) {
				continue;
			}
			this.out.reset();
			assertThat(TalentCommand.execute(command, "-V")).as(command).isZero();
			assertThat(out()).as(command + " -V").startsWith("talent-warehouse ");
			this.out.reset();
			assertThat(TalentCommand.execute(command, "--version")).as(command).isZero();
			assertThat(out()).as(command + " --version").startsWith("talent-warehouse ");
		}
	}

	@Test
	void aCommandLineNamingOneCommandBuildsOnlyThatOneAndTheRestSeeEvery() {
		// when the command line is built for a run, for the top level's help, for help and for a misspelt command
		var forRun = TalentCommand.commandLine("run", "--district", "500116").getSubcommands().keySet();
		var all = TalentCommand.commandLine().getSubcommands().keySet();

		// then a run reads only its own command's annotations; the others see all eleven, in the help's order
		assertThat(forRun).containsExactly("run");
		assertThat(all).containsExactly("run", "restart", "schedule", "query", "export", "report", "status", "serve",
				"generate", "validate", "help");
		assertThat(TalentCommand.commandLine("--help").getSubcommands().keySet()).isEqualTo(all);
		assertThat(TalentCommand.commandLine("help", "run").getSubcommands().keySet()).isEqualTo(all);
		assertThat(TalentCommand.commandLine("rnu").getSubcommands().keySet()).isEqualTo(all);
	}

	@Test
	void theTopLevelHelpListsEveryCommandWithAWholeSentence() {
		// when
		int exit = TalentCommand.execute("--help");

		// then: the summary of each command (the first line of its description) is a sentence, shown whole
		assertThat(exit).isZero();
		String help = out().replaceAll("\\s+", " ");
		for (var sub : TalentCommand.commandLine().getSubcommands().entrySet()) {
			if (sub.getKey().equals("help")) {
				continue;
			}
			String summary = sub.getValue().getCommandSpec().usageMessage().description()[0];
			assertThat(summary).as(sub.getKey()).endsWith(".");
			assertThat(help).as(sub.getKey()).contains(summary.replaceAll("\\s+", " "));
		}
	}

	@Test
	void queryWritesTypedJsonAndCsvThatTellsNullFromEmpty() throws Exception {
		// given a published warehouse with numbers, booleans, a null and an empty string
		Path file = this.dir.resolve("talent.duckdb");
		try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + file); var s = c.createStatement()) {
			s.execute("create table t as select 61200::bigint as talent_total, 45.83::decimal(9,2) as per_10k,"
					+ " 0.25::double as share, true as is_stale, null::varchar as region, ''::varchar as note,"
					+ " date '2023-12-31' as snapshot_date, 170141183460469231731687303715884105727::hugeint as big");
		}

		// when
		int json = TalentCommand.execute("query", "--warehouse", file.toString(), "--format", "json", "select * from t");
		String jsonOut = out();
		this.out.reset();
		int csv = TalentCommand.execute("query", "--warehouse", file.toString(), "--format", "csv", "select * from t");

		// then
		assertThat(json).isZero();
		var row = new com.fasterxml.jackson.databind.ObjectMapper().readTree(jsonOut).get(0);
		assertThat(row.get("talent_total").isIntegralNumber()).isTrue();
		assertThat(row.get("talent_total").asLong()).isEqualTo(61200);
		assertThat(row.get("per_10k").isNumber()).isTrue();
		assertThat(row.get("per_10k").decimalValue()).isEqualByComparingTo("45.83");
		assertThat(row.get("share").asDouble()).isEqualTo(0.25);
		assertThat(row.get("is_stale").isBoolean()).isTrue();
		assertThat(row.get("region").isNull()).isTrue();
		assertThat(row.get("note").isTextual()).isTrue();
		assertThat(row.get("snapshot_date").asText()).isEqualTo("2023-12-31");
		assertThat(row.get("big").bigIntegerValue()).isEqualTo(new java.math.BigInteger("170141183460469231731687303715884105727"));
		assertThat(jsonOut).contains("\"talent_total\" : 61200").contains("\"is_stale\" : true");
		assertThat(csv).isZero();
		assertThat(out()).isEqualTo("talent_total,per_10k,share,is_stale,region,note,snapshot_date,big\r\n"
				+ "61200,45.83,0.25,true,,\"\",2023-12-31,170141183460469231731687303715884105727\r\n");
	}

	@Test
	void validateChecksTheSeedsFolderARunReadsNotTheCopyInTheJar() throws Exception {
		// given a district row an operator appended to a seeds folder, and a pipeline file for it
		Path seeds = cq.talentwarehouse.testing.Fixtures.copy(Path.of("seeds"), this.dir.resolve("seeds"));
		Files.writeString(seeds.resolve("districts.csv"), "500199,试验区,试验,渝东北,,2026-01-01,,,,,试验区|试验\n",
				StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
		Path pipelines = Files.createDirectories(this.dir.resolve("pipelines"));
		Files.writeString(pipelines.resolve("shiyan.yaml"), """
				district: 试验区
				landing: shiyan
				sources:
				  roster:
				    file: roster.csv
				    columns: {id_number: 身份证号, name: 姓名, categories: 人才类别}
				""", StandardCharsets.UTF_8);

		// when
		int withFolder = TalentCommand.execute("validate", "--seeds", seeds.toString(), "--pipelines", pipelines.toString());
		String valid = out();
		int bundled = TalentCommand.execute("validate", "--seeds", this.dir.resolve("no-such-folder").toString(),
				"--pipelines", pipelines.toString());

		// then the folder's new code is known; the jar's copy (used only without a folder) does not know it
		assertThat(withFolder).as(err()).isZero();
		assertThat(valid).contains("Seeds in " + seeds + " are valid; 1 pipeline file(s)");
		assertThat(bundled).isEqualTo(1);
		assertThat(err()).contains("shiyan.yaml:1: district: '试验区' is not a Chongqing county-level code");
	}

	@Test
	void generatePrintsAHumanSummaryByRuleAndACommandThatExists() {
		// when
		int exit = TalentCommand.execute("generate", "--landing", this.dir.resolve("landing").toString());

		// then: a table, not a Java record; the rules a load reports; a way to load them that works from here
		assertThat(exit).isZero();
		assertThat(out()).doesNotContain("Summary[", "cleanRosterPeople", "{")
			.containsPattern("500116 +\\| 江津区 +\\| jiangjin/2023-12-31 +\\| roster +\\| 236100 +\\| 33 +\\| id_checksum 6,"
					+ " id_birth_date 4, id_format 4, id_missing 2, required_missing 3, category_unknown 4, vocabulary_unknown 4,"
					+ " duplicate 6")
			.contains("Load them with: java -jar target/talent-warehouse.jar run --landing " + this.dir.resolve("landing"));
	}

	@Test
	void generateRefusesAHistoryOutsideTheMunicipalDataAndOutOfRange() {
		// when a history is asked of the seed districts, and of none or too many months
		int seed = TalentCommand.execute("generate", "--history", "12", "--landing", this.dir.resolve("landing").toString());
		String seedError = err();
		int none = TalentCommand.execute("generate", "--districts", "all", "--history", "0", "--out",
				this.dir.resolve("out").toString());

		// then usage errors naming the option, and nothing written
		assertThat(seed).isEqualTo(2);
		assertThat(seedError).contains("--out, --scale and --history apply to --districts all");
		assertThat(none).isEqualTo(2);
		assertThat(err()).contains("--history must be 1 to 120 months");
		assertThat(this.dir.resolve("landing")).doesNotExist();
		assertThat(this.dir.resolve("out")).doesNotExist();
	}

	@Test
	void queryWithoutAPublishedWarehouseSaysSo() {
		int exit = TalentCommand.execute("query", "--warehouse", this.dir.resolve("none/talent.duckdb").toString(),
				"select 1");
		assertThat(exit).isEqualTo(1);
		assertThat(err()).contains("No published warehouse at");
	}

	@Test
	void statusWithoutRunsSaysSo() {
		int exit = TalentCommand.execute("status", "--warehouse", this.dir.resolve("warehouse/talent.duckdb").toString());
		assertThat(exit).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("No runs yet");
	}

}
