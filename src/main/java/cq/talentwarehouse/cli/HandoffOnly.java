package cq.talentwarehouse.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import cq.talentwarehouse.schedule.RunHandoff;

/**
 * The launcher's light JVM ({@code run ... --handoff-only}) on the command lines cron and systemd
 * units use, without picocli: building the command's model from its annotations was most of that
 * JVM's life (docs/scaling-decisions.md). Only the folder options and {@code --force} are read here, with
 * {@link WarehouseOptions}' defaults; any other argument ({@code --district}, help, a misspelling, an
 * empty value) goes through the command line as always, which hands the run over the same way.
 */
final class HandoffOnly {

	private static final List<String> FOLDER_OPTIONS = List.of("--warehouse", "--pipelines", "--landing", "--seeds");

	private static final String SELECTOR_PROVIDER = "java.nio.channels.spi.SelectorProvider";

	/** The JDK's own provider on Linux, the one the service lookup ends at when no jar offers another. */
	private static final String PLATFORM_SELECTOR_PROVIDER = "sun.nio.ch.EPollSelectorProvider";

	private HandoffOnly() {
	}

	/**
	 * The exit of a {@code run --handoff-only} these arguments ask for, handed over or
	 * {@link RunCommand#NOT_HANDED}; empty when the arguments are for the command line to read.
	 */
	static OptionalInt tryQuickly(String... args) {
		if (args.length < 2 || !"run".equals(args[0]) || !RunCommand.HANDOFF_ONLY.equals(args[args.length - 1])) {
			return OptionalInt.empty();
		}
		Map<String, String> given = new HashMap<>();
		boolean force = false;
		for (int i = 1; i < args.length - 1; i++) {
			String arg = args[i];
			if (arg.equals("--force") && !force) {
				force = true;
				continue;
			}
			int eq = arg.indexOf('=');
			String name = (eq > 0) ? arg.substring(0, eq) : arg;
			if (!FOLDER_OPTIONS.contains(name) || given.containsKey(name)) {
				return OptionalInt.empty();
			}
			String value = (eq > 0) ? arg.substring(eq + 1) : (i + 2 < args.length) ? args[++i] : "";
			if (value.isEmpty() || value.startsWith("-")) {
				return OptionalInt.empty();
			}
			given.put(name, value);
		}
		try {
			Path warehouse = folder(given, "--warehouse", WarehouseOptions.WAREHOUSE_VARIABLE, WarehouseOptions.WAREHOUSE_DEFAULT);
			Path pipelines = folder(given, "--pipelines", WarehouseOptions.PIPELINES_VARIABLE, WarehouseOptions.PIPELINES_DEFAULT);
			Path landing = folder(given, "--landing", WarehouseOptions.LANDING_VARIABLE, WarehouseOptions.LANDING_DEFAULT);
			Path seeds = folder(given, "--seeds", WarehouseOptions.SEEDS_VARIABLE, WarehouseOptions.SEEDS_DEFAULT);
			// the usage errors RunCommand reports are its own to word
			if (warehouse == null || pipelines == null || landing == null || seeds == null
					|| !Files.isDirectory(pipelines) || Files.isRegularFile(seeds)) {
				return OptionalInt.empty();
			}
			nameThePlatformSelectorProvider();
			OptionalInt handed = RunHandoff.handOff(warehouse.toAbsolutePath().getParent(),
					new RunHandoff.Request(warehouse, pipelines, landing, seeds, List.of(), force), System.out, System.err);
			return OptionalInt.of(handed.orElse(RunCommand.NOT_HANDED));
		}
		catch (InvalidPathException ex) {
			return OptionalInt.empty();
		}
	}

	/**
	 * Opening the socket channel asks for the channel provider, which without this property is looked
	 * up as a service: every jar of the class path opened for a file none of them has
	 * (docs/scaling-decisions.md). Named here only in this JVM, which ends after the hand-over, and
	 * only where the JDK has it: elsewhere the lookup stays as it was.
	 */
	private static void nameThePlatformSelectorProvider() {
		if (System.getProperty(SELECTOR_PROVIDER) != null) {
			return;
		}
		try {
			Class.forName(PLATFORM_SELECTOR_PROVIDER, false, null);
			System.setProperty(SELECTOR_PROVIDER, PLATFORM_SELECTOR_PROVIDER);
		}
		catch (ClassNotFoundException ex) {
			// another platform's JDK: its provider is found by the lookup
		}
	}

	/** The option's value, else its environment variable's, else the default; null for an empty variable (picocli's to read). */
	private static Path folder(Map<String, String> given, String option, String variable, String fallback) {
		String value = given.get(option);
		if (value == null) {
			value = System.getenv(variable);
			if (value == null) {
				value = fallback;
			}
			else if (value.isEmpty()) {
				return null;
			}
		}
		return Path.of(value);
	}

}
