package cq.talentwarehouse.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import cq.talentwarehouse.normalize.ReferenceData;

/**
 * Reads and checks every pipeline file of a folder. Nothing is loaded from a folder with
 * problems; each problem names its file and line so an operator can fix it before the night run.
 */
public final class PipelineCatalog {

	private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
		.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

	private final List<PipelineDefinition> pipelines;

	private final List<PipelineProblem> problems;

	private PipelineCatalog(List<PipelineDefinition> pipelines, List<PipelineProblem> problems) {
		this.pipelines = pipelines;
		this.problems = problems;
	}

	public List<PipelineDefinition> pipelines() {
		return this.pipelines;
	}

	public List<PipelineProblem> problems() {
		return this.problems;
	}

	public boolean isValid() {
		return this.problems.isEmpty();
	}

	public static PipelineCatalog load(Path folder, Path landingRoot, ReferenceData reference) {
		List<PipelineDefinition> pipelines = new ArrayList<>();
		List<PipelineProblem> problems = new ArrayList<>();
		if (!Files.isDirectory(folder)) {
			problems.add(new PipelineProblem(folder, 0, "pipeline folder not found"));
			return new PipelineCatalog(pipelines, problems);
		}
		List<Path> files;
		try (Stream<Path> list = Files.list(folder)) {
			files = list.filter((p) -> p.getFileName().toString().matches(".*\\.ya?ml"))
				.sorted(Comparator.comparing(Path::toString))
				.toList();
		}
		catch (IOException ex) {
			problems.add(new PipelineProblem(folder, 0, "cannot list pipeline folder: " + ex.getMessage()));
			return new PipelineCatalog(pipelines, problems);
		}
		if (files.isEmpty()) {
			problems.add(new PipelineProblem(folder, 0, "no pipeline files (*.yaml) found"));
		}
		for (Path file : files) {
			String text;
			try {
				text = Files.readString(file, StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				problems.add(new PipelineProblem(file, 0, "cannot read: " + ex.getMessage()));
				continue;
			}
			PipelineDefinition definition;
			try {
				definition = YAML.readValue(text, PipelineDefinition.class);
			}
			catch (UnrecognizedPropertyException ex) {
				// Jackson reports where the value ended; the operator needs the line of the key
				problems.add(new PipelineProblem(file, lineOf(text, ex.getPropertyName() + ":"), "unknown key '" + ex.getPropertyName()
						+ "' (known: " + ex.getKnownPropertyIds() + ")"));
				continue;
			}
			catch (JsonProcessingException ex) {
				problems.add(new PipelineProblem(file, line(ex), ex.getOriginalMessage()));
				continue;
			}
			if (definition == null) {
				problems.add(new PipelineProblem(file, 0, "empty pipeline file"));
				continue;
			}
			definition = definition.withFile(file);
			int before = problems.size();
			check(definition, text, landingRoot, reference, problems);
			if (problems.size() == before) {
				pipelines.add(definition.withDistrict(reference.districts().code(definition.district())));
			}
		}
		List<String> seen = new ArrayList<>();
		for (PipelineDefinition p : pipelines) {
			if (seen.contains(p.district())) {
				problems.add(new PipelineProblem(p.file(), 1, "district " + p.district() + " has more than one pipeline file"));
			}
			seen.add(p.district());
		}
		return new PipelineCatalog(List.copyOf(pipelines), List.copyOf(problems));
	}

	/** One pipeline file, already checked by {@link #load}; used by steps that get its path as a job parameter. */
	public static PipelineDefinition readChecked(Path file) {
		try {
			PipelineDefinition p = YAML.readValue(Files.readString(file, StandardCharsets.UTF_8), PipelineDefinition.class);
			String code = ReferenceData.bundled().districts().code(p.district());
			return p.withFile(file).withDistrict((code != null) ? code : p.district());
		}
		catch (IOException ex) {
			throw new IllegalStateException(file + ": " + ex.getMessage(), ex);
		}
	}

	private static int line(JsonProcessingException ex) {
		return (ex.getLocation() != null) ? ex.getLocation().getLineNr() : 0;
	}

	private static void check(PipelineDefinition p, String text, Path landingRoot, ReferenceData reference,
			List<PipelineProblem> problems) {
		Path file = p.file();
		if (p.district() == null) {
			problems.add(new PipelineProblem(file, 1, "missing 'district' (the GB/T 2260 code, e.g. 500116)"));
		}
		else if (reference.districts().code(p.district()) == null) {
			problems.add(new PipelineProblem(file, lineOf(text, "district:"), "district '" + p.district()
					+ "' is not a Chongqing county-level code or name in seeds/districts.csv"));
		}
		if (p.landing() == null || p.landing().isBlank()) {
			problems.add(new PipelineProblem(file, 1, "missing 'landing' (the folder under the landing root holding the district's snapshots)"));
		}
		else if (!LandingZone.staysInside(landingRoot, p.landing())) {
			problems.add(new PipelineProblem(file, lineOf(text, "landing:"), "landing '" + p.landing()
					+ "' leaves the landing root " + landingRoot + "; use a folder inside it"));
		}
		if (p.sources() == null || p.sources().isEmpty()) {
			problems.add(new PipelineProblem(file, 1, "no 'sources' (roster, platform, enterprise)"));
			return;
		}
		for (Map.Entry<String, SourceDefinition> entry : p.sources().entrySet()) {
			SourceKind kind = SourceKind.fromKey(entry.getKey());
			int sourceLine = lineOf(text, entry.getKey() + ":");
			if (kind == null) {
				problems.add(new PipelineProblem(file, sourceLine, "unknown source '" + entry.getKey()
						+ "' (known: roster, platform, enterprise)"));
				continue;
			}
			checkSource(file, text, kind, entry.getValue(), sourceLine, reference, problems);
		}
	}

	private static void checkSource(Path file, String text, SourceKind kind, SourceDefinition source, int sourceLine,
			ReferenceData reference, List<PipelineProblem> problems) {
		if (source == null) {
			problems.add(new PipelineProblem(file, sourceLine, kind.key() + ": empty source definition"));
			return;
		}
		if (source.file() == null || source.file().isBlank()) {
			problems.add(new PipelineProblem(file, sourceLine, kind.key() + ": missing 'file'"));
		}
		else if (source.file().contains("..") || Path.of(source.file()).isAbsolute()) {
			problems.add(new PipelineProblem(file, lineOf(text, source.file()), kind.key() + ": file '" + source.file()
					+ "' must be a name inside the snapshot folder (no '..', not absolute)"));
		}
		if (!"csv".equals(source.formatOrDefault())) {
			problems.add(new PipelineProblem(file, lineOf(text, "format:"), kind.key() + ": unsupported format '"
					+ source.format() + "' (supported: csv)"));
		}
		try {
			java.nio.charset.Charset.forName(source.encodingOrDefault());
		}
		catch (RuntimeException ex) {
			problems.add(new PipelineProblem(file, lineOf(text, "encoding:"), kind.key() + ": unknown encoding '"
					+ source.encoding() + "'"));
		}
		double threshold = source.rejectThresholdOrDefault();
		if (threshold < 0 || threshold > 1) {
			problems.add(new PipelineProblem(file, lineOf(text, "reject_threshold:"), kind.key()
					+ ": reject_threshold must be a share between 0 and 1, e.g. 0.05"));
		}
		Map<String, ColumnSpec> columns = (source.columns() == null) ? Map.of() : source.columns();
		for (String name : columns.keySet()) {
			if (kind.field(name) == null) {
				problems.add(new PipelineProblem(file, lineOf(text, name + ":"), kind.key() + ": unknown canonical field '"
						+ name + "' (known: " + kind.fields().stream().map(SourceKind.Field::name).toList() + ")"));
			}
		}
		for (SourceKind.Field field : kind.fields()) {
			if (field.required() && !columns.containsKey(field.name())) {
				problems.add(new PipelineProblem(file, sourceLine, kind.key() + ": no column mapped for required field '"
						+ field.name() + "' (" + field.label() + ")"));
			}
		}
		for (Map.Entry<String, Map<String, String>> values : source.valuesOrEmpty().entrySet()) {
			SourceKind.Field field = kind.field(values.getKey());
			if (field == null || field.vocabulary() == null) {
				problems.add(new PipelineProblem(file, lineOf(text, values.getKey() + ":"), kind.key()
						+ ": 'values' given for '" + values.getKey() + "', which has no vocabulary"));
				continue;
			}
			for (String code : values.getValue().values()) {
				if (reference.vocabulary(field.vocabulary()).name(code) == null) {
					problems.add(new PipelineProblem(file, lineOf(text, code), kind.key() + ": value map target '" + code
							+ "' is not a code of seeds/" + field.vocabulary() + ".csv"));
				}
			}
		}
	}

	/** Best-effort line of a key for messages about well-formed YAML; 1 when not found. */
	static int lineOf(String text, String token) {
		int at = text.indexOf(token);
		if (at < 0) {
			return 1;
		}
		int line = 1;
		for (int i = 0; i < at; i++) {
			if (text.charAt(i) == '\n') {
				line++;
			}
		}
		return line;
	}

}
