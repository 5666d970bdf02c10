package cq.talentwarehouse.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** How this program was started, so that a hint names a command that exists ("load them with: ..."). */
final class Launch {

	private Launch() {
	}

	/** The launcher of the unpacked layout, {@code java -jar <the jar>}, or the build's jar when run from classes. */
	static String command() {
		Path jar = codeSource();
		if (jar == null || jar.getFileName() == null) {
			// inside the executable jar the code source is the root of a nested jar: `java -jar X` names X
			jar = classPathJar();
		}
		Path cwd = Path.of("").toAbsolutePath();
		if (jar != null && jar.getFileName() != null && jar.getFileName().toString().endsWith(".jar")) {
			Path launcher = jar.resolveSibling("bin").resolve("talent-warehouse");
			if (Files.isDirectory(jar.resolveSibling("lib")) && Files.isExecutable(launcher)) {
				return shortest(launcher, cwd).toString();
			}
			return "java -jar " + shortest(jar, cwd);
		}
		// classes of a build (tests, an IDE): the jar `mvn package` writes
		return "java -jar target/talent-warehouse.jar";
	}

	private static Path codeSource() {
		try {
			var source = Launch.class.getProtectionDomain().getCodeSource();
			return (source == null) ? null : Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
		}
		catch (Exception ex) {
			return null;
		}
	}

	/** The one jar of the class path ({@code java -jar X}), or null. */
	private static Path classPathJar() {
		String classPath = System.getProperty("java.class.path", "");
		if (classPath.isEmpty() || classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar")) {
			return null;
		}
		return Path.of(classPath).toAbsolutePath().normalize();
	}

	/** Relative to the working directory when inside it, else absolute. */
	private static Path shortest(Path path, Path cwd) {
		return path.startsWith(cwd) ? cwd.relativize(path) : path;
	}

}
