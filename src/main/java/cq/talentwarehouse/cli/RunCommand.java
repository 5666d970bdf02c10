package cq.talentwarehouse.cli;

import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import cq.talentwarehouse.TalentProperties;
import cq.talentwarehouse.demo.FirstStart;
import cq.talentwarehouse.reference.ReferenceData;
import cq.talentwarehouse.reference.Seeds;
import cq.talentwarehouse.pipeline.FilesHashedAhead;
import cq.talentwarehouse.pipeline.PipelineCatalog;
import cq.talentwarehouse.pipeline.PipelineDefinition;
import cq.talentwarehouse.run.LoadRun;
import cq.talentwarehouse.schedule.RunHandoff;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
		description = { "Load every new or changed district snapshot of the landing zone (or of the named districts) and publish.",
				"Snapshots whose files are unchanged since they were loaded are skipped.",
				"Exit 0: all published; 1: nothing published; 2: usage error; 3: some districts failed, the rest published;",
				"4: another run is in progress.",
				"When a schedule process serves the same warehouse, pipelines, landing zone and seeds, the run is handed to it",
				"and loads there, warm (its output and exit code come back here); --no-handoff loads in this process." })
class RunCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	WarehouseOptions options;

	@Option(names = "--district", paramLabel = "CODE", description = "Load only this district (GB/T 2260 code, e.g. 500116, or its name); repeatable.")
	List<String> districts = List.of();

	@Option(names = "--force", description = "Reload snapshots even when their files are unchanged since they were loaded.")
	boolean force;

	@Option(names = "--no-handoff", description = "Load in this process even when a schedule process serving this warehouse is running.")
	boolean noHandoff;

	@Override
	public Integer call() throws Exception {
		Set<String> codes = checkUsage();
		if (!this.noHandoff) {
			OptionalInt handed = RunHandoff.handOff(this.options.stateDir(), new RunHandoff.Request(this.options.warehouse,
					this.options.pipelines, this.options.landing, this.options.seeds, List.copyOf(codes), this.force),
					System.out, System.err);
			if (handed.isPresent()) {
				return handed.getAsInt();
			}
		}
		Integer refused = this.options.refuseIfRunInProgress();
		if (refused != null) {
			return refused;
		}
		if (codes.isEmpty() && !Files.exists(this.options.warehouse)) {
			// a first load hashes every landing file in its plan: begun now, beside the JVM's and Spring's start
			FilesHashedAhead.start(this.options.landing);
		}
		return JobRepositoryFile.guard(this.options, () -> {
			try (ConfigurableApplicationContext context = SpringContext.start(this.options.springArguments())) {
				FirstStart.writeDemoIfFirstStart(context.getBean(TalentProperties.class), System.out);
				return context.getBean(LoadRun.class).run(codes, this.force, System.out, System.err);
			}
		});
	}

	/** Mistakes on the command line are usage errors (exit 2), found before anything starts. */
	private Set<String> checkUsage() {
		this.options.requireFolder("--pipelines", this.options.pipelines, this.spec);
		this.options.requireFolderIfPresent("--seeds", this.options.seeds, this.spec);
		Set<String> codes = new LinkedHashSet<>();
		if (this.districts.isEmpty()) {
			// the seeds are read by the load itself: a cron-started night handed to a schedule never needs them here
			return codes;
		}
		ReferenceData reference = Seeds.at(this.options.seeds).reference();
		for (String district : this.districts) {
			String code = reference.districts().code(district);
			if (code == null) {
				throw new CommandLine.ParameterException(this.spec.commandLine(), "--district '" + district
						+ "' is not a district: give its GB/T 2260 code (e.g. 500116) or a name of the seeds' districts.csv");
			}
			codes.add(code);
		}
		if (!codes.isEmpty()) {
			PipelineCatalog catalog = PipelineCatalog.load(this.options.pipelines, this.options.landing, reference);
			List<String> known = catalog.pipelines().stream().map(PipelineDefinition::district).toList();
			for (String code : codes) {
				if (catalog.isValid() && !known.contains(code)) {
					throw new CommandLine.ParameterException(this.spec.commandLine(), "--district " + code
							+ " has no pipeline file in " + this.options.pipelines + " (districts with one: "
							+ String.join(", ", known) + ")");
				}
			}
		}
		return codes;
	}

}
