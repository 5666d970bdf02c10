package cq.talentwarehouse.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import cq.talentwarehouse.demo.DemoDataGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
		description = "Write deterministic demo extracts of the four seed districts (江津, 黔江, 綦江, 秀山) into the landing zone.")
class GenerateCommand implements Callable<Integer> {

	@Option(names = "--landing", paramLabel = "DIR", description = "Landing zone to write into. Default: ${DEFAULT-VALUE}.",
			defaultValue = "${env:TALENT_LANDING:-landing}")
	Path landing;

	@Option(names = "--seed", description = "Random seed; the same seed writes the same bytes. Default: ${DEFAULT-VALUE}.",
			defaultValue = "" + DemoDataGenerator.DEFAULT_SEED)
	long seed;

	@Override
	public Integer call() throws Exception {
		long t0 = System.nanoTime();
		var summary = DemoDataGenerator.generate(this.landing, this.seed);
		System.out.printf("Wrote demo extracts into %s in %.1f s: %s%n", this.landing.toAbsolutePath(),
				(System.nanoTime() - t0) / 1e9, summary);
		return 0;
	}

}
