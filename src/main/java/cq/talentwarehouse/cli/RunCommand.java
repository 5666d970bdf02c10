package cq.talentwarehouse.cli;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import cq.talentwarehouse.run.LoadRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
		description = { "Load every new or changed district snapshot in the landing zone (or the named districts) and publish;",
				"snapshots whose files are unchanged since they were loaded are skipped.",
				"Exit 0: all published; 1: nothing published; 3: some districts failed, the rest published." })
class RunCommand implements Callable<Integer> {

	@Mixin
	WarehouseOptions options;

	@Option(names = "--district", paramLabel = "CODE", description = "Load only this district (GB/T 2260 code); repeatable.")
	List<String> districts = List.of();

	@Option(names = "--force", description = "Reload snapshots even when their files are unchanged since they were loaded.")
	boolean force;

	@Override
	public Integer call() throws Exception {
		Integer refused = this.options.refuseIfRunInProgress();
		if (refused != null) {
			return refused;
		}
		return JobRepositoryFile.guard(this.options, () -> {
			try (ConfigurableApplicationContext context = SpringContext.start(this.options.springArguments())) {
				return context.getBean(LoadRun.class).run(new LinkedHashSet<>(this.districts), this.force, System.out);
			}
		});
	}

}
