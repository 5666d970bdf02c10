package cq.talentwarehouse.docs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "How a load works" is the map a newcomer reads first: every class it names
 * ({@code package.Class}) and every SQL folder and script it names exists where it says.
 */
class ReadmeLoadFlowTests {

	private static final Path SOURCES = Path.of("src/main/java/cq/talentwarehouse");

	private static final Pattern CLASS = Pattern.compile("\\b((?:[a-z]+\\.)+)([A-Z][A-Za-z0-9]+)\\b");

	private static final Pattern SQL_FOLDER = Pattern.compile("\\bsql/([a-z]+)\\b");

	private static final Pattern SQL_SCRIPT = Pattern.compile("\\b(\\d{3}_[a-z_]+)\\b");

	@Test
	void everyClassTheLoadFlowNamesIsWhereItSays() throws Exception {
		// given the flow diagram of the README
		String flow = loadFlow();

		// when each package.Class it names is looked up among the main sources
		Set<String> named = new LinkedHashSet<>();
		List<String> missing = new ArrayList<>();
		Matcher m = CLASS.matcher(flow);
		while (m.find()) {
			String pkg = m.group(1).substring(0, m.group(1).length() - 1);
			String name = pkg + "." + m.group(2);
			if (pkg.startsWith("pipelines") || pkg.startsWith("runs") || !named.add(name)) {
				continue;
			}
			if (!Files.isRegularFile(SOURCES.resolve(pkg.replace('.', '/')).resolve(m.group(2) + ".java"))) {
				missing.add(name);
			}
		}

		// then it names the classes of every stage, and each exists
		assertThat(named).as("classes the flow names").hasSizeGreaterThan(30);
		assertThat(missing).as("classes the README's load flow names that do not exist").isEmpty();
	}

	@Test
	void everySqlFolderAndBuildScriptTheLoadFlowNamesExists() throws Exception {
		// given the flow diagram of the README
		String flow = loadFlow();

		// when its sql/ folders and numbered build scripts are looked up
		List<String> missing = new ArrayList<>();
		Matcher folders = SQL_FOLDER.matcher(flow);
		int folderCount = 0;
		while (folders.find()) {
			folderCount++;
			if (!Files.isDirectory(Path.of("sql", folders.group(1)))) {
				missing.add("sql/" + folders.group(1));
			}
		}
		List<String> scripts;
		try (Stream<Path> files = Files.walk(Path.of("sql"))) {
			scripts = files.map((p) -> p.getFileName().toString()).toList();
		}
		Matcher named = SQL_SCRIPT.matcher(flow);
		int scriptCount = 0;
		while (named.find()) {
			scriptCount++;
			if (!scripts.contains(named.group(1) + ".sql")) {
				missing.add(named.group(1) + ".sql");
			}
		}

		// then the layers and scripts it names are there
		assertThat(folderCount).isGreaterThanOrEqualTo(8);
		assertThat(scriptCount).isGreaterThanOrEqualTo(8);
		assertThat(missing).as("sql folders and scripts the README's load flow names that do not exist").isEmpty();
	}

	private static String loadFlow() throws Exception {
		String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
		int section = readme.indexOf("## How a load works");
		assertThat(section).as("README.md has a section How a load works").isNotNegative();
		int begin = readme.indexOf("```", section);
		int end = readme.indexOf("```", begin + 3);
		return readme.substring(begin + 3, end);
	}

}
