package cq.talentwarehouse.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code talent-warehouse} command line: one subcommand per task. */
@Command(name = "talent-warehouse", mixinStandardHelpOptions = true, versionProvider = TalentCommand.Version.class,
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
		cli.setErr(new PrintWriter(System.err, true));
		// every subcommand lists --version: each answers it like the top level
		for (CommandLine sub : cli.getSubcommands().values()) {
			sub.getCommandSpec().versionProvider(new Version());
		}
		cli.setParameterExceptionHandler(TalentCommand::usageError);
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

	/**
	 * A usage error is one line on stderr and a hint where the help is, as git and curl do — not the
	 * whole help, which would push the error off the screen. Exit 2.
	 */
	private static int usageError(CommandLine.ParameterException ex, String[] args) {
		CommandLine command = ex.getCommandLine();
		PrintWriter err = command.getErr();
		err.println("error: " + ex.getMessage());
		CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
		err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
		err.flush();
		return command.getCommandSpec().exitCodeOnInvalidInput();
	}

	/** The build's version (from the jar manifest), with the Java running it. */
	static final class Version implements CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			String version = TalentCommand.class.getPackage().getImplementationVersion();
			return new String[] { "talent-warehouse " + ((version != null) ? version : "(development build)"),
					"Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")" };
		}

	}

}
