package cq.talentwarehouse.cli;

import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import cq.talentwarehouse.run.LoadRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "restart", mixinStandardHelpOptions = true,
		description = { "Resume the last run that did not publish (killed or failed), under its own run id.",
				"Finished districts are kept; the others continue from their last committed chunk.",
				"Exit codes as for run." })
class RestartCommand implements Callable<Integer> {

	@Mixin
	WarehouseOptions options;

	@Override
	public Integer call() throws Exception {
		Integer refused = this.options.refuseIfRunInProgress();
		if (refused != null) {
			return refused;
		}
		return JobRepositoryFile.guard(this.options, () -> {
			try (ConfigurableApplicationContext context = SpringContext.start(this.options.springArguments())) {
				return context.getBean(LoadRun.class).restart(System.out, System.err);
			}
		});
	}

}
