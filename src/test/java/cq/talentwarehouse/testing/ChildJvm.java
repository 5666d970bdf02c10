package cq.talentwarehouse.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM a test starts (a load killed half-way, a command run as an
 * operator runs it): this JVM's runtime and class path, the JIT's quick tier only and the serial
 * collector — a child lives seconds on a shared two-core machine, where C2 compiling code that never
 * runs long enough to pay back and parallel GC threads only take CPU from the other tests.
 */
public final class ChildJvm {

	private ChildJvm() {
	}

	/** {@code java}, the child's JVM options, then {@code -cp} this JVM's class path and {@code mainClass}. */
	public static List<String> command(Class<?> mainClass, String... options) {
		return command(mainClass, List.of(options));
	}

	/** As {@link #command(Class, String...)}, followed by the program's arguments. */
	public static List<String> command(Class<?> mainClass, List<String> options, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-XX:+UseSerialGC");
		command.addAll(options);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
		command.addAll(List.of(arguments));
		return command;
	}

}
