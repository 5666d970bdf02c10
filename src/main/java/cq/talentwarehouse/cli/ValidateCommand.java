package cq.talentwarehouse.cli;

import java.util.List;
import java.util.concurrent.Callable;

import cq.talentwarehouse.normalize.Seeds;
import cq.talentwarehouse.pipeline.PipelineCatalog;
import cq.talentwarehouse.pipeline.PipelineProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
		description = { "Check the reference seeds and the pipeline files that a run would use; prints file:line: key: problem per problem.",
				"Pipeline files are checked against pipelines/pipeline.schema.json, then against the seeds and the landing zone.",
				"Exit 0: all valid; 1: problems (on stderr); 2: usage error." })
class ValidateCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	WarehouseOptions options;

	@Option(names = "--connect", description = "Also connect to the database of every jdbc source and check that its"
			+ " table or query returns the mapped columns (read-only; no row is fetched).")
	boolean connect;

	@Override
	public Integer call() {
		this.options.requireFolder("--pipelines", this.options.pipelines, this.spec);
		this.options.requireFolderIfPresent("--seeds", this.options.seeds, this.spec);
		// the same folder a run reads (TALENT_SEEDS, default seeds/), the copy in the jar only without one
		Seeds seeds = Seeds.at(this.options.seeds);
		List<PipelineProblem> seedProblems = seeds.check();
		seedProblems.forEach(System.err::println);
		PipelineCatalog catalog = PipelineCatalog.load(this.options.pipelines, this.options.landing,
				seedProblems.isEmpty() ? seeds.reference() : Seeds.bundled().reference());
		catalog.problems().forEach(System.err::println);
		int unreachable = 0;
		if (this.connect && catalog.isValid()) {
			for (cq.talentwarehouse.pipeline.PipelineDefinition pipeline : catalog.pipelines()) {
				for (cq.talentwarehouse.pipeline.SourceKind kind : cq.talentwarehouse.pipeline.SourceKind.values()) {
					cq.talentwarehouse.pipeline.SourceDefinition source = pipeline.source(kind);
					if (source == null || !source.isJdbc()) {
						continue;
					}
					try {
						java.util.List<String> columns = new cq.talentwarehouse.source.JdbcPull(source, kind, System::getenv)
							.checkColumns();
						System.out.println(pipeline.file() + ": sources." + kind.key() + ": connected to "
								+ cq.talentwarehouse.source.JdbcPull.describe(source) + ", " + columns.size()
								+ " columns, every mapped one found");
					}
					catch (cq.talentwarehouse.source.SourceException ex) {
						System.err.println(pipeline.file() + ": sources." + kind.key() + ": " + ex.getMessage());
						unreachable++;
					}
				}
			}
		}
		if (unreachable > 0) {
			System.err.println(unreachable + " jdbc source(s) cannot be read as their pipeline says; nothing of them would be loaded.");
			return 1;
		}
		if (catalog.isValid() && seedProblems.isEmpty()) {
			System.out.println("Seeds in " + seeds.describe() + " are valid; " + catalog.pipelines().size()
					+ " pipeline file(s) in " + this.options.pipelines + " are valid.");
			return 0;
		}
		System.err.println((seedProblems.size() + catalog.problems().size()) + " problem(s); nothing would be loaded.");
		return 1;
	}

}
