package cq.talentwarehouse.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import cq.talentwarehouse.reference.FileProblem;
import cq.talentwarehouse.reference.ReferenceData;

/**
 * Reads and checks every pipeline file of a folder. Nothing is loaded from a folder with
 * problems; each problem names its file and line so an operator can fix it before the night run.
 */
public final class PipelineCatalog {

	private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
		.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

	private final List<PipelineDefinition> pipelines;

	private final List<FileProblem> problems;

	private PipelineCatalog(List<PipelineDefinition> pipelines, List<FileProblem> problems) {
		this.pipelines = pipelines;
		this.problems = problems;
	}

	public List<PipelineDefinition> pipelines() {
		return this.pipelines;
	}

	public List<FileProblem> problems() {
		return this.problems;
	}

	public boolean isValid() {
		return this.problems.isEmpty();
	}

	public static PipelineCatalog load(Path folder, Path landingRoot, ReferenceData reference) {
		List<PipelineDefinition> pipelines = new ArrayList<>();
		List<FileProblem> problems = new ArrayList<>();
		if (Files.isRegularFile(folder)) {
			problems.add(new FileProblem(folder, 0, "is a file, not a folder: give the folder holding the pipeline files (*.yaml)"));
			return new PipelineCatalog(pipelines, problems);
		}
		if (!Files.isDirectory(folder)) {
			problems.add(new FileProblem(folder, 0, "pipeline folder not found"));
			return new PipelineCatalog(pipelines, problems);
		}
		List<Path> files;
		try (Stream<Path> list = Files.list(folder)) {
			files = list.filter((p) -> p.getFileName().toString().matches(".*\\.ya?ml"))
				.sorted(Comparator.comparing(Path::toString))
				.toList();
		}
		catch (IOException ex) {
			problems.add(new FileProblem(folder, 0, "cannot list pipeline folder: " + ex.getMessage()));
			return new PipelineCatalog(pipelines, problems);
		}
		if (files.isEmpty()) {
			problems.add(new FileProblem(folder, 0, "no pipeline files (*.yaml) found"));
		}
		for (Path file : files) {
			PipelineDefinition definition = readAndCheck(file, landingRoot, reference, problems);
			if (definition != null) {
				pipelines.add(definition);
			}
		}
		List<String> seen = new ArrayList<>();
		for (PipelineDefinition p : pipelines) {
			if (seen.contains(p.district())) {
				problems.add(new FileProblem(p.file(), 1, "district: " + p.district()
						+ " has more than one pipeline file; allowed: one file per district"));
			}
			seen.add(p.district());
		}
		return new PipelineCatalog(List.copyOf(pipelines), List.copyOf(problems));
	}

	/** One file: YAML, then the JSON Schema, then what only the seeds and the landing zone can tell. */
	private static PipelineDefinition readAndCheck(Path file, Path landingRoot, ReferenceData reference,
			List<FileProblem> problems) {
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			problems.add(new FileProblem(file, 0, "cannot read: " + ex.getMessage()));
			return null;
		}
		Read read = read(file, text);
		problems.addAll(read.problems());
		if (read.definition() == null) {
			return null;
		}
		List<FileProblem> semantic = new ArrayList<>();
		PipelineChecks.check(read.definition(), read.yaml(), landingRoot, reference, semantic);
		boolean valid = read.problems().isEmpty();
		for (FileProblem p : semantic) {
			if (read.bad().stream().noneMatch((b) -> p.message().startsWith(YamlTree.key(b) + ":"))) {
				problems.add(p);
				valid = false;
			}
		}
		return valid ? read.definition().withDistrict(reference.districts().code(read.definition().district())) : null;
	}

	/**
	 * What a file's text alone decides: its YAML, the schema's problems and the definition read from
	 * the keys the schema accepted (null when there is none to check further). Kept per text: a
	 * schedule reads the same files every night, and parsing and checking them was most of a night's plan.
	 */
	private static Read read(Path file, String text) {
		FileText key = new FileText(file, text);
		Read known = READ.get(key);
		if (known != null) {
			return known;
		}
		Read read = readText(file, text);
		if (READ.size() >= READ_LIMIT) {
			READ.clear();
		}
		READ.put(key, read);
		return read;
	}

	private static Read readText(Path file, String text) {
		YamlTree yaml;
		try {
			yaml = YamlTree.parse(text);
		}
		catch (JsonProcessingException ex) {
			return Read.refused(yamlSyntaxProblem(file, text, ex));
		}
		catch (IOException ex) {
			return Read.refused(new FileProblem(file, 0, "cannot read: " + ex.getMessage()));
		}
		if (yaml.root() == null || yaml.root().isNull()) {
			return Read.refused(new FileProblem(file, 1, "(top level): the file is empty; allowed: district, landing and sources"
					+ " (see docs/pipelines.md)"));
		}
		List<FileProblem> problems = new ArrayList<>();
		for (Map.Entry<String, Integer> duplicate : yaml.duplicates().entrySet()) {
			problems.add(PipelineSchema.problem(file, duplicate.getValue(), duplicate.getKey(),
					"given twice in one mapping; allowed: each key once"));
		}
		Set<String> bad = new HashSet<>();
		problems.addAll(PipelineSchema.check(file, yaml, bad));
		// the semantic checks see the file without the keys the schema refused, so one mistake is one message
		JsonNode checkable = yaml.root().deepCopy();
		for (String pointer : bad) {
			remove(checkable, pointer);
		}
		PipelineDefinition definition;
		try {
			definition = YAML.treeToValue(checkable, PipelineDefinition.class).withFile(file);
		}
		catch (JsonProcessingException | IllegalArgumentException ex) {
			if (problems.isEmpty()) {
				problems.add(new FileProblem(file, 1, "(top level): cannot be read as a pipeline file; allowed: see docs/pipelines.md"));
			}
			definition = null;
		}
		return new Read(yaml, List.copyOf(problems), Set.copyOf(bad), definition);
	}

	/** A pipeline file's path and text: the same path with other content is another entry. */
	private record FileText(Path file, String text) {
	}

	/**
	 * {@link #readText}'s answer for one text.
	 * @param yaml the parsed file (null when it is not YAML); shared by every load of the same text,
	 *        which only reads it (the schema's refusals are taken out of a copy)
	 * @param problems its syntax or schema problems
	 * @param bad the JSON pointers of the keys the schema refused
	 * @param definition the pipeline read from the accepted keys, null when none can be
	 */
	private record Read(YamlTree yaml, List<FileProblem> problems, Set<String> bad, PipelineDefinition definition) {

		static Read refused(FileProblem problem) {
			return new Read(null, List.of(problem), Set.of(), null);
		}

	}

	/** Files read, by text: a schedule's folder holds a few dozen; a folder rewritten many times starts over. */
	private static final int READ_LIMIT = 1024;

	private static final Map<FileText, Read> READ = new java.util.concurrent.ConcurrentHashMap<>();

	private static void remove(JsonNode root, String pointer) {
		int slash = pointer.lastIndexOf('/');
		if (slash < 0) {
			return;
		}
		JsonNode parent = root.at(pointer.substring(0, slash));
		String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
		if (parent instanceof ObjectNode object) {
			object.remove(last);
		}
		else if (parent instanceof ArrayNode array && last.matches("[0-9]+") && Integer.parseInt(last) < array.size()) {
			array.remove(Integer.parseInt(last));
		}
	}

	/** A YAML syntax error as a sentence: where, which key, what the parser saw and how YAML nests. */
	private static FileProblem yamlSyntaxProblem(Path file, String text, JsonProcessingException ex) {
		int line = line(ex);
		String[] lines = text.split("\n", -1);
		String key = "(top level)";
		if (line >= 1 && line <= lines.length) {
			java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*-?\\s*([^:#\\s][^:#]*?)\\s*:").matcher(lines[line - 1]);
			if (m.find()) {
				key = m.group(1);
			}
		}
		// SnakeYAML quotes the line with a caret below it (indented lines): the sentences are the others
		List<String> sentences = new ArrayList<>();
		for (String part : String.valueOf(ex.getOriginalMessage()).split("\\R")) {
			if (!part.isBlank() && !Character.isWhitespace(part.charAt(0))) {
				sentences.add(part.trim());
			}
		}
		String what = String.join(", ", sentences);
		return new FileProblem(file, line, key + ": not well-formed YAML (" + what + "); allowed: one 'key: value' per line,"
				+ " the keys of one mapping in the same column, nested keys two spaces deeper, lists in [ ] closed on"
				+ " the same line, and text holding ': ' or ' #' in quotes");
	}

	/** One pipeline file, already checked by {@link #load}; used by steps that get its path as a job parameter. */
	public static PipelineDefinition readChecked(Path file) {
		return readChecked(file, ReferenceData.bundled());
	}

	/** As {@link #readChecked(Path)}, a district name resolved with these seeds. */
	public static PipelineDefinition readChecked(Path file, ReferenceData reference) {
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(file + ": " + ex.getMessage(), ex);
		}
		// every bean of every step of a district's job reads its pipeline file again (the path is a
		// job parameter, so a restart reads what the file says then): the parse load kept for this text
		Read read = read(file, text);
		if (read.definition() == null || !read.problems().isEmpty()) {
			// the file changed since the run checked it
			throw new IllegalStateException(read.problems().isEmpty() ? file + ": cannot be read as a pipeline file"
					: read.problems().get(0).toString());
		}
		PipelineDefinition definition = read.definition();
		String code = reference.districts().code(definition.district());
		return (code == null || code.equals(definition.district())) ? definition : definition.withDistrict(code);
	}

	private static int line(JsonProcessingException ex) {
		return (ex.getLocation() != null) ? ex.getLocation().getLineNr() : 0;
	}

}
