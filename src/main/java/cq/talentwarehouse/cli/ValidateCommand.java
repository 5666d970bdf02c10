package cq.talentwarehouse.cli;

import java.util.concurrent.Callable;

import cq.talentwarehouse.normalize.ReferenceData;
import cq.talentwarehouse.pipeline.PipelineCatalog;
import cq.talentwarehouse.pipeline.PipelineProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "validate", mixinStandardHelpOptions = true,
		description = "Check the reference seeds and the pipeline definitions; prints file:line: message per problem.")
class ValidateCommand implements Callable<Integer> {

	@Mixin
	WarehouseOptions options;

	@picocli.CommandLine.Option(names = "--seeds", paramLabel = "DIR",
			description = "Check the seed CSVs of this folder (a checkout's seeds/) instead of those built into the jar.")
	java.nio.file.Path seeds;

	@Override
	public Integer call() {
		java.util.List<PipelineProblem> seedProblems = cq.talentwarehouse.normalize.SeedCheck.check(this.seeds);
		seedProblems.forEach(System.out::println);
		PipelineCatalog catalog = PipelineCatalog.load(this.options.pipelines, this.options.landing, ReferenceData.bundled());
		for (PipelineProblem p : catalog.problems()) {
			System.out.println(p);
		}
		if (catalog.isValid() && seedProblems.isEmpty()) {
			System.out.println("Seeds are valid; " + catalog.pipelines().size() + " pipeline file(s) in "
					+ this.options.pipelines + " are valid.");
			return 0;
		}
		return 1;
	}

}
