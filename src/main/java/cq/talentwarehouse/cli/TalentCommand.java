package cq.talentwarehouse.cli;

import java.io.PrintWriter;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code talent-warehouse} command line: one subcommand per task. */
@Command(name = "talent-warehouse", mixinStandardHelpOptions = true, versionProvider = TalentCommand.Version.class,
		description = "Loads Chongqing districts' talent, platform and enterprise records into a DuckDB warehouse.")
public class TalentCommand implements Runnable {

	/** The subcommands, in the order the help lists them. */
	private static final List<Class<?>> SUBCOMMANDS = List.of(RunCommand.class, RestartCommand.class,
			ScheduleCommand.class, QueryCommand.class, ExportCommand.class, ReportCommand.class, StatusCommand.class,
			ServeCommand.class, GenerateCommand.class, ValidateCommand.class, CommandLine.HelpCommand.class);

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		this.spec.commandLine().usage(System.out);
	}

	/** Runs the command line and returns its exit code; usage errors exit 2 with one clear message. */
	public static int execute(String... args) {
		return commandLine(args).execute(args);
	}

	/** The command line for these arguments: the subcommand they name, or every subcommand ({@link #subcommandsFor}). */
	static CommandLine commandLine(String... args) {
		CommandLine cli = new CommandLine(new TalentCommand());
		for (Class<?> subcommand : subcommandsFor(args)) {
			cli.addSubcommand(subcommand);
		}
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
		return cli;
	}

	/**
	 * The subcommand the arguments name, else all of them: picocli reads every subcommand's
	 * annotations as it builds the command line, a noticeable part of a cron-started night's start.
	 * The top level's help, a misspelt command and {@code help} see them all.
	 */
	static List<Class<?>> subcommandsFor(String... args) {
		if (args.length > 0) {
			for (Class<?> subcommand : SUBCOMMANDS) {
				Command command = subcommand.getAnnotation(Command.class);
				if (command.name().equals(args[0]) && command.aliases().length == 0
						&& subcommand != CommandLine.HelpCommand.class) {
					return List.of(subcommand);
				}
			}
		}
		return SUBCOMMANDS;
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
