package cq.talentwarehouse.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code talent-warehouse} command line: one subcommand per task. */
@Command(name = "talent-warehouse", mixinStandardHelpOptions = true, version = "talent-warehouse 0.1.0",
		description = "Loads Chongqing districts' talent, platform and enterprise records into a DuckDB warehouse.",
		subcommands = { RunCommand.class, RestartCommand.class, ScheduleCommand.class, QueryCommand.class, ExportCommand.class, ReportCommand.class, StatusCommand.class, ServeCommand.class, GenerateCommand.class,
				ValidateCommand.class, CommandLine.HelpCommand.class })
public class TalentCommand implements Runnable {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		this.spec.commandLine().usage(System.out);
	}

	/** Runs the command line and returns its exit code; usage errors exit 2 with one clear message. */
	public static int execute(String... args) {
		CommandLine cli = new CommandLine(new TalentCommand());
		cli.setOut(new PrintWriter(System.out, true));
		cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
			// the innermost cause is the sentence an operator can act on; the chain above it is Spring's
			Throwable root = ex;
			while (root.getCause() != null && root.getCause() != root) {
				root = root.getCause();
			}
			commandLine.getErr().println("error: " + ((root.getMessage() != null) ? root.getMessage() : root.toString()));
			return 1;
		});
		return cli.execute(args);
	}

}
