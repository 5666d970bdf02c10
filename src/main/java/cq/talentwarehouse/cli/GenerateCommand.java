package cq.talentwarehouse.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import cq.talentwarehouse.demo.DemoDataGenerator;
import cq.talentwarehouse.demo.MunicipalDataGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
		description = { "Write deterministic demo extracts of the four seed districts (江津, 黔江, 綦江, 秀山) into a landing zone.",
				"With --districts all: every district at municipal scale, with its pipeline files, for benchmarks.",
				"Prints per district and source the clean records and the bad ones by rule, as a load of them quarantines them." })
class GenerateCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--districts", paramLabel = "seed|all",
			description = { "seed (default): the four seed districts into the landing zone.",
					"all: the 38 districts valid on 2024-12-31 into --out DIR: DIR/landing and DIR/pipelines, the seed"
							+ " districts as published and the others with rosters sized from their population." },
			defaultValue = "seed")
	String districts;

	@Option(names = "--scale", description = "With --districts all: roster size as a share of the municipal size (1.0 ≈ 6.8 million roster rows, 1.16 ≈ 7.8 million). Default: ${DEFAULT-VALUE}.",
			defaultValue = "1.0")
	double scale;

	@Option(names = "--history", paramLabel = "MONTHS",
			description = "With --districts all: that many monthly snapshots of every generated district, ending on 2024-12-31, with people joining, leaving, moving to the next district and promoted (benchmarks of a warehouse's history). Default: ${DEFAULT-VALUE}.",
			defaultValue = "1")
	int history;

	@Option(names = "--out", paramLabel = "DIR", description = "With --districts all: folder to write landing/ and pipelines/ into (required).")
	Path out;

	@Option(names = "--seed-pipelines", paramLabel = "DIR",
			description = "With --districts all: the project's pipeline folder, whose seed-district files are copied. Default: ${DEFAULT-VALUE}.",
			defaultValue = "${env:TALENT_PIPELINES:-pipelines}")
	Path seedPipelines;

	@Option(names = "--landing", paramLabel = "DIR", description = "With --districts seed: landing zone to write into. Default: ${DEFAULT-VALUE}.",
			defaultValue = "${env:TALENT_LANDING:-landing}")
	Path landing;

	@Option(names = "--seed", description = "Random seed; the same seed writes the same bytes. Default: ${DEFAULT-VALUE}.",
			defaultValue = "" + DemoDataGenerator.DEFAULT_SEED)
	long seed;

	/** The --landing a run needs to find what was written (none for the default). */
	private String landingOption() {
		String defaultLanding = System.getenv().getOrDefault("TALENT_LANDING", "landing");
		return this.landing.equals(Path.of(defaultLanding)) ? "" : " --landing " + this.landing;
	}

	@Override
	public Integer call() throws Exception {
		String which = this.districts.toLowerCase(Locale.ROOT);
		boolean scaleGiven = this.spec.commandLine().getParseResult().hasMatchedOption("--scale");
		if (which.equals("seed")) {
			if (this.out != null || scaleGiven || this.history != 1) {
				throw new CommandLine.ParameterException(this.spec.commandLine(),
						"--out, --scale and --history apply to --districts all; the seed districts are written as published into --landing");
			}
			long t0 = System.nanoTime();
			var summary = DemoDataGenerator.generate(this.landing, this.seed);
			var names = cq.talentwarehouse.normalize.ReferenceData.bundled().districts();
			System.out.printf(Locale.ROOT, "Wrote demo extracts of %d districts into %s in %.1f s: %d files, %,d rows (seed %d).%n",
					summary.cleanRosterPeople().size(), this.landing.toAbsolutePath().normalize(), (System.nanoTime() - t0) / 1e9,
					summary.files(), summary.rows(), this.seed);
			System.out.println("Bad records are extra to the clean ones, by the rule a load quarantines them under:");
			Tables.print(List.of("district", "name", "snapshot", "source", "clean people", "bad", "bad records by rule"),
					summary.table(names::name), System.out);
			System.out.println("Load them with: " + Launch.command() + " run" + landingOption());
			return 0;
		}
		if (!which.equals("all")) {
			throw new CommandLine.ParameterException(this.spec.commandLine(),
					"--districts must be seed or all, not '" + this.districts + "'");
		}
		if (this.out == null) {
			throw new CommandLine.ParameterException(this.spec.commandLine(),
					"--districts all needs --out DIR (it writes DIR/landing and DIR/pipelines)");
		}
		if (!(this.scale > 0)) {
			throw new CommandLine.ParameterException(this.spec.commandLine(), "--scale must be more than 0");
		}
		if (this.history < 1 || this.history > 120) {
			throw new CommandLine.ParameterException(this.spec.commandLine(), "--history must be 1 to 120 months");
		}
		var summary = MunicipalDataGenerator.generate(this.out, this.scale, this.seed, this.seedPipelines, this.history);
		Path root = this.out.toAbsolutePath().normalize();
		System.out.printf(Locale.ROOT, "Wrote %d districts into %s in %.1f s: %,d roster people, %,d rows in %d files"
				+ " (scale %s, seed %d)%n", summary.districts(), root, summary.seconds(), summary.totalRosterPeople(),
				summary.rows(), summary.files(), this.scale, this.seed);
		System.out.printf("Load them with: %s run --pipelines %s --landing %s --warehouse %s%n", Launch.command(),
				root.resolve("pipelines"), root.resolve("landing"), root.resolve("warehouse").resolve("talent.duckdb"));
		return 0;
	}

}
