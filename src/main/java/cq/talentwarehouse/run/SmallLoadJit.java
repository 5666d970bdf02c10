package cq.talentwarehouse.run;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small load (a night of one or a few districts) leaves the rest of the run to the quick JIT
 * compiler: the optimizing one (C2) spends more CPU compiling the staging code than a small load
 * runs it for, on the same two cores the load needs. The compiler directives file that does it is
 * named by the launcher ({@value #DIRECTIVES_PROPERTY}, bin/jit-small-load.json) and added to the
 * running JVM once the plan shows how much is to be staged; a large load (a full load, many
 * districts at once) keeps the optimizing compiler. Without the property nothing changes
 * ({@code java -jar}, the tests).
 */
final class SmallLoadJit {

	private static final Logger log = LoggerFactory.getLogger(SmallLoadJit.class);

	/** The system property the launcher sets for run and restart: the directives file of a small load. */
	static final String DIRECTIVES_PROPERTY = "talent.jit.small-load-directives";

	/** Up to this many bytes of landing files to stage a load counts as small (a district's roster is ~15 MB). */
	static final String LIMIT_PROPERTY = "talent.jit.small-load-bytes";

	static final long DEFAULT_LIMIT = 64L * 1024 * 1024;

	private SmallLoadJit() {
	}

	/** Adds the small-load directives when {@code bytes} to stage are at most the limit; true when it did. */
	static boolean applyIfSmall(long bytes) {
		String file = System.getProperty(DIRECTIVES_PROPERTY);
		if (file == null || file.isBlank() || bytes > Long.getLong(LIMIT_PROPERTY, DEFAULT_LIMIT)
				|| !Files.isRegularFile(Path.of(file))) {
			return false;
		}
		try {
			MBeanServer server = ManagementFactory.getPlatformMBeanServer();
			String said = String.valueOf(server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
					"compilerDirectivesAdd", new Object[] { new String[] { file } },
					new String[] { String[].class.getName() })).strip();
			// the JVM answers "N compiler directives added", or why it added none
			boolean added = said.matches("(?s).*\\b[1-9][0-9]* compiler directives added.*");
			log.debug("small load ({} bytes to stage): JIT directives {}: {}", bytes, file, said);
			return added;
		}
		catch (Exception | LinkageError ex) {
			// only the load's speed depends on it
			log.debug("small load: JIT directives {} not added: {}", file, ex.toString());
			return false;
		}
	}

}
