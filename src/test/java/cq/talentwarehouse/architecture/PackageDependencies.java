package cq.talentwarehouse.architecture;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;

/**
 * Which package of main code uses which, read from the compiled classes by the JDK's own jdeps
 * (so imports, fully qualified names and constants inlined by the compiler all count alike).
 */
final class PackageDependencies {

	static final String ROOT = "cq.talentwarehouse";

	private PackageDependencies() {
	}

	/** Package name (relative to {@link #ROOT}, "" for the root) to the packages it uses, itself left out. */
	static Map<String, Set<String>> ofMainClasses() {
		ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new IllegalStateException("no jdeps in this JDK"));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = jdeps.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
				"-verbose:package", "-e", ROOT.replace(".", "\\.") + ".*", Path.of("target/classes").toString());
		if (exit != 0) {
			throw new IllegalStateException("jdeps exited " + exit + ": " + err.toString(StandardCharsets.UTF_8));
		}
		Map<String, Set<String>> uses = new TreeMap<>();
		for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
			String[] parts = line.trim().split("\\s+");
			if (parts.length >= 3 && parts[1].equals("->") && parts[0].startsWith(ROOT) && parts[2].startsWith(ROOT)) {
				String from = relative(parts[0]);
				String to = relative(parts[2]);
				if (!from.equals(to)) {
					uses.computeIfAbsent(from, (k) -> new TreeSet<>()).add(to);
				}
			}
		}
		return uses;
	}

	private static String relative(String name) {
		return name.equals(ROOT) ? "" : name.substring(ROOT.length() + 1);
	}

}
