package cq.talentwarehouse.architecture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The package layout a reader relies on: every package says in one line what it is. */
class PackageStructureTests {

	private static final Path MAIN = Path.of("src/main/java");

	@Test
	void everyPackageHasAPackageInfo() throws Exception {
		// given every folder of main code that holds a class
		List<Path> packages;
		try (Stream<Path> walk = Files.walk(MAIN)) {
			packages = walk.filter(Files::isDirectory).filter(PackageStructureTests::holdsClasses).toList();
		}
		// then each has a package-info.java with a Javadoc sentence
		assertThat(packages).isNotEmpty();
		for (Path dir : packages) {
			Path info = dir.resolve("package-info.java");
			assertThat(info).as("package-info.java of %s", MAIN.relativize(dir)).exists();
			assertThat(Files.readString(info)).as("%s", info).containsPattern("/\\*\\*\\s*\\n \\* \\S.*");
		}
	}

	private static boolean holdsClasses(Path dir) {
		try (Stream<Path> files = Files.list(dir)) {
			return files.anyMatch((f) -> f.toString().endsWith(".java") && !f.endsWith("package-info.java"));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
