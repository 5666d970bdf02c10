package cq.talentwarehouse.cli;

import java.util.concurrent.Callable;

import cq.talentwarehouse.normalize.ReferenceData;
import cq.talentwarehouse.pipeline.PipelineCatalog;
import cq.talentwarehouse.pipeline.PipelineProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "validate", mixinStandardHelpOptions = true,
		description = "Check the pipeline definitions against the seeds; prints file:line: message per problem.")
class ValidateCommand implements Callable<Integer> {

	@Mixin
	WarehouseOptions options;

	@Override
	public Integer call() {
		PipelineCatalog catalog = PipelineCatalog.load(this.options.pipelines, this.options.landing, ReferenceData.bundled());
		for (PipelineProblem p : catalog.problems()) {
			System.out.println(p);
		}
		if (catalog.isValid()) {
			System.out.println(catalog.pipelines().size() + " pipeline file(s) in " + this.options.pipelines + " are valid.");
			return 0;
		}
		return 1;
	}

}
