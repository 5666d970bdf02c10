package cq.talentwarehouse.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.cli.TalentWarehouseApplication;
import cq.talentwarehouse.pipeline.PipelineSchema;
import cq.talentwarehouse.testing.ChildJvm;
import cq.talentwarehouse.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/pipelines.md as a newcomer follows it: the reference names every key of the schema, and the
 * "Add a district" walkthrough — its files written, its commands run in a fresh JVM in a copy of the
 * project folder — prints what the document shows.
 */
class PipelinesGuideFunctionalTests {

	private static final Path GUIDE = Path.of("docs/pipelines.md");

	private static final String JAR_COMMAND = "java -jar target/talent-warehouse.jar ";

	@TempDir
	Path project;

	@Test
	void theReferenceDocumentsEveryKeyOfThePublishedSchema() throws IOException {
		String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
		Set<String> keys = new LinkedHashSet<>();
		collect(PipelineSchema.tree(), keys);
		for (String key : keys) {
			assertThat(guide).as("docs/pipelines.md documents `%s`", key).contains("`" + key + "`");
		}
		assertThat(keys).contains("reject_threshold", "id_number", "total_pages", "separator");
		assertThat(guide).contains("| `reject_threshold` | number from 0 to 1 | `0.05` |");
	}

	@Test
	void theAddADistrictWalkthroughWorksAsWritten() throws Exception {
		// given a copy of the project folder as a checkout has it: pipelines and seeds, nothing loaded yet
		Fixtures.copy(Path.of("pipelines"), this.project.resolve("pipelines"));
		Fixtures.copy(Path.of("seeds"), this.project.resolve("seeds"));
		List<String> lines = Files.readAllLines(GUIDE, StandardCharsets.UTF_8);
		int start = lines.indexOf("## Add a district");
		assertThat(start).isPositive();

		// when each step is followed in order, then each output shown is what the commands print
		String pendingFile = null;
		String lastOutput = null;
		int commands = 0;
		int outputs = 0;
		Iterator<String> it = lines.subList(start, lines.size()).iterator();
		while (it.hasNext()) {
			String line = it.next();
			if (line.startsWith("<!-- file: ")) {
				pendingFile = line.substring("<!-- file: ".length(), line.indexOf(" -->"));
				continue;
			}
			if (!line.startsWith("```")) {
				continue;
			}
			String language = line.substring(3).trim();
			List<String> block = new ArrayList<>();
			for (String b = it.next(); !b.startsWith("```"); b = it.next()) {
				block.add(b);
			}
			if (pendingFile != null) {
				Path file = this.project.resolve(pendingFile);
				Files.createDirectories(file.getParent());
				Files.writeString(file, String.join("\n", block) + "\n", StandardCharsets.UTF_8);
				pendingFile = null;
			}
			else if (language.equals("sh")) {
				StringBuilder output = new StringBuilder();
				for (String command : block) {
					assertThat(command).startsWith(JAR_COMMAND);
					output.append(run(words(command.substring(JAR_COMMAND.length()))));
					commands++;
				}
				lastOutput = normalize(output.toString());
			}
			else if (language.equals("text")) {
				assertThat(lastOutput).as("an output block follows a command block").isNotNull();
				List<String> actual = lastOutput.lines().toList();
				for (String expected : block) {
					assertThat(actual).as("after the commands, the guide shows:%n%s%nthe commands printed:%n%s",
							expected, lastOutput).contains(normalize(expected).stripTrailing());
				}
				outputs++;
			}
		}
		assertThat(commands).isGreaterThanOrEqualTo(6);
		assertThat(outputs).isGreaterThanOrEqualTo(5);
	}

	/** The output with what differs between machines and runs made equal: the folder, run ids, times. */
	private String normalize(String text) {
		StringBuilder b = new StringBuilder();
		for (String line : text.replace(this.project.toAbsolutePath().toString(), "~/talent-warehouse").split("\\R")) {
			String l = line.stripTrailing()
				.replaceAll("run-[0-9]{8}T[0-9]{9}", "run-ID")
				.replaceAll("[0-9]+\\.[0-9]+ s\\b", "N s");
			if (l.contains(" | ")) {
				// the seconds column of the run summary
				l = l.replaceAll("\\| [0-9]+\\.[0-9]$", "| N");
			}
			b.append(l).append('\n');
		}
		return b.toString();
	}

	/** Runs one command as the guide shows it, in the project folder, in a fresh JVM; stdout and stderr. */
	private String run(List<String> arguments) throws Exception {
		List<String> command = new ArrayList<>(ChildJvm.command(TalentWarehouseApplication.class, "-Xmx512m",
				"-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8", "-Dsun.stderr.encoding=UTF-8"));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.project.toFile()).redirectErrorStream(true);
		builder.environment().keySet().removeIf((k) -> k.startsWith("TALENT_"));
		Process process = builder.start();
		byte[] out = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
		return new String(out, StandardCharsets.UTF_8);
	}

	/** Shell words: spaces separate, double or single quotes keep a word together. */
	static List<String> words(String line) {
		List<String> words = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		char quote = 0;
		boolean inWord = false;
		for (char c : line.toCharArray()) {
			if (quote != 0) {
				if (c == quote) {
					quote = 0;
				}
				else {
					word.append(c);
				}
			}
			else if (c == '"' || c == '\'') {
				quote = c;
				inWord = true;
			}
			else if (Character.isWhitespace(c)) {
				if (inWord) {
					words.add(word.toString());
					word.setLength(0);
					inWord = false;
				}
			}
			else {
				word.append(c);
				inWord = true;
			}
		}
		if (inWord) {
			words.add(word.toString());
		}
		return words;
	}

	private static void collect(com.fasterxml.jackson.databind.JsonNode node, Set<String> keys) {
		if (node.isObject()) {
			var properties = node.get("properties");
			if (properties != null && properties.isObject()) {
				properties.fieldNames().forEachRemaining(keys::add);
			}
			node.elements().forEachRemaining((child) -> collect(child, keys));
		}
		else if (node.isArray()) {
			node.elements().forEachRemaining((child) -> collect(child, keys));
		}
	}

}
