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
			String text = Files.readString(file, StandardCharsets.UTF_8);
			// every bean of every step of a district's job reads its pipeline file again (the path is a
			// job parameter, so a restart reads what the file says then): parsed once per content, a
			// city load parses 38 files instead of ~230, and YAML parsing stays out of the JIT's way
			ParsedFile key = new ParsedFile(file, text);
			PipelineDefinition known = PARSED.get(key);
			if (known != null) {
				return known;
			}
			PipelineDefinition p = YAML.readValue(text, PipelineDefinition.class);
			String code = ReferenceData.bundled().districts().code(p.district());
			PipelineDefinition checked = p.withFile(file).withDistrict((code != null) ? code : p.district());
			if (PARSED.size() >= PARSED_LIMIT) {
				PARSED.clear();
			}
			PARSED.put(key, checked);
			return checked;
		}
		catch (IOException ex) {
			throw new IllegalStateException(file + ": " + ex.getMessage(), ex);
		}
	}

	/** A pipeline file as read: the same path with other content is another entry. */
	private record ParsedFile(Path file, String text) {
	}

	private static final int PARSED_LIMIT = 1024;

	private static final Map<ParsedFile, PipelineDefinition> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

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
		if (p.snapshotFrom() != null && !List.of(PipelineDefinition.FROM_FOLDER, PipelineDefinition.FROM_FILE_NAME)
			.contains(p.snapshotFrom())) {
			problems.add(new PipelineProblem(file, lineOf(text, "snapshot_from:"), "snapshot_from '" + p.snapshotFrom()
					+ "' must be folder (one yyyy-mm-dd folder per snapshot) or file_name (a date in each file name)"));
		}
		if (p.sources() == null || p.sources().isEmpty()) {
			problems.add(new PipelineProblem(file, 1, "no 'sources' (roster, platform, enterprise)"));
			return;
		}
		if (p.datesFromFileNames()) {
			for (Map.Entry<String, SourceDefinition> e : p.sources().entrySet()) {
				SourceDefinition s = e.getValue();
				if (s != null && s.file() != null && !SnapshotFileNames.hasPlaceholder(s.file())) {
					problems.add(new PipelineProblem(file, lineOf(text, s.file()), e.getKey() + ": with snapshot_from"
							+ " file_name, 'file' must mark the date: {yyyyMMdd}, {yyyy-MM-dd} or {yyyyMM}"));
				}
			}
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
		String format = source.formatOrDefault();
		if (source.isHttp()) {
			if (source.file() != null) {
				problems.add(new PipelineProblem(file, lineOf(text, "file:", sourceLine), kind.key()
						+ ": both 'file' and 'url' given; a source read over HTTP has no file (drop one)"));
			}
		}
		else if (source.file() == null || source.file().isBlank()) {
			problems.add(new PipelineProblem(file, sourceLine, kind.key() + ": missing 'file'"
					+ ("json".equals(format) ? " (or 'url' for pages fetched over HTTP)" : "")));
		}
		else if (source.file().contains("..") || Path.of(source.file()).isAbsolute()) {
			problems.add(new PipelineProblem(file, lineOf(text, source.file()), kind.key() + ": file '" + source.file()
					+ "' must be a name inside the snapshot folder (no '..', not absolute)"));
		}
		else if (!"json".equals(format)
				&& SnapshotFileNames.resolve(source.file(), java.time.LocalDate.EPOCH).matches(".*[*?\\[{].*")) {
			problems.add(new PipelineProblem(file, lineOf(text, source.file()), kind.key() + ": file '" + source.file()
					+ "' is a pattern; only json pages may name several files"));
		}
		if (!SourceDefinition.FORMATS.contains(format)) {
			problems.add(new PipelineProblem(file, lineOf(text, "format:", sourceLine), kind.key() + ": unsupported format '"
					+ source.format() + "' (supported: csv, xlsx, json)"));
		}
		else {
			checkFormatSettings(file, text, kind, source, sourceLine, problems);
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

	/** Settings that belong to another format, and the values of this format's own. */
	private static void checkFormatSettings(Path file, String text, SourceKind kind, SourceDefinition source,
			int sourceLine, List<PipelineProblem> problems) {
		String format = source.formatOrDefault();
		String who = kind.key() + ": ";
		Object[][] owners = { { "delimiter", source.delimiter(), "csv" }, { "encoding", source.encoding(), "csv, json" },
				{ "sheet", source.sheet(), "xlsx" }, { "header_row", source.headerRow(), "xlsx" },
				{ "records", source.records(), "json" }, { "pagination", source.pagination(), "json" },
				{ "url", source.url(), "json" } };
		for (Object[] owner : owners) {
			if (owner[1] != null && !List.of(((String) owner[2]).split(", ")).contains(format)) {
				problems.add(new PipelineProblem(file, lineOf(text, owner[0] + ":", sourceLine), who + "'" + owner[0]
						+ "' does not apply to format " + format + " (it is for " + owner[2] + ")"));
			}
		}
		Object[][] httpOnly = { { "token_env", source.tokenEnv() }, { "connect_timeout_seconds", source.connectTimeoutSeconds() },
				{ "read_timeout_seconds", source.readTimeoutSeconds() }, { "retries", source.retries() },
				{ "retry_backoff_seconds", source.retryBackoffSeconds() } };
		for (Object[] setting : httpOnly) {
			if (setting[1] != null && !source.isHttp()) {
				problems.add(new PipelineProblem(file, lineOf(text, setting[0] + ":", sourceLine), who + "'" + setting[0]
						+ "' applies only to a json source with a 'url'"));
			}
		}
		if (source.headerRow() != null && source.headerRow() < 1) {
			problems.add(new PipelineProblem(file, lineOf(text, "header_row:", sourceLine), who
					+ "header_row is a row number as Excel shows it, 1 or more"));
		}
		if (source.records() != null && !validJsonPath(source.records())) {
			problems.add(new PipelineProblem(file, lineOf(text, "records:", sourceLine), who + "records '" + source.records()
					+ "' is not a path (dotted like data.records, or a JSON pointer like /data/records)"));
		}
		if (source.url() != null) {
			checkUrl(file, text, source.url(), who, sourceLine, problems);
		}
		if (source.tokenEnv() != null && !source.tokenEnv().matches("[A-Za-z_][A-Za-z0-9_]*")) {
			problems.add(new PipelineProblem(file, lineOf(text, "token_env:", sourceLine), who + "token_env '"
					+ source.tokenEnv() + "' must be the name of an environment variable (e.g. XS_API_TOKEN), not the token"));
		}
		Object[][] seconds = { { "connect_timeout_seconds", source.connectTimeoutSeconds() },
				{ "read_timeout_seconds", source.readTimeoutSeconds() } };
		for (Object[] timeout : seconds) {
			if (timeout[1] != null && ((Double) timeout[1] <= 0 || (Double) timeout[1] > 3600)) {
				problems.add(new PipelineProblem(file, lineOf(text, timeout[0] + ":", sourceLine), who + timeout[0]
						+ " must be more than 0 and at most 3600 seconds"));
			}
		}
		if (source.retries() != null && (source.retries() < 0 || source.retries() > 10)) {
			problems.add(new PipelineProblem(file, lineOf(text, "retries:", sourceLine), who
					+ "retries must be between 0 and 10"));
		}
		if (source.retryBackoffSeconds() != null && (source.retryBackoffSeconds() < 0 || source.retryBackoffSeconds() > 600)) {
			problems.add(new PipelineProblem(file, lineOf(text, "retry_backoff_seconds:", sourceLine), who
					+ "retry_backoff_seconds must be between 0 and 600"));
		}
		if (source.pagination() != null) {
			checkPagination(file, text, source, who, sourceLine, problems);
		}
	}

	private static void checkUrl(Path file, String text, String url, String who, int sourceLine,
			List<PipelineProblem> problems) {
		int line = lineOf(text, "url:", sourceLine);
		java.net.URI uri;
		try {
			uri = new java.net.URI(url);
		}
		catch (java.net.URISyntaxException ex) {
			problems.add(new PipelineProblem(file, line, who + "url '" + url + "' is not a valid address (" + ex.getReason() + ")"));
			return;
		}
		String scheme = (uri.getScheme() == null) ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			problems.add(new PipelineProblem(file, line, who + "url '" + url + "' must start with http:// or https://"));
		}
		else if (uri.getHost() == null) {
			problems.add(new PipelineProblem(file, line, who + "url '" + url + "' names no host"));
		}
		else if (uri.getUserInfo() != null) {
			problems.add(new PipelineProblem(file, line, who + "url '" + url.replace(uri.getRawUserInfo(), "***")
					+ "' holds credentials; put the token in the environment variable named by 'token_env'"));
		}
	}

	private static void checkPagination(Path file, String text, SourceDefinition source, String who, int sourceLine,
			List<PipelineProblem> problems) {
		SourceDefinition.Pagination p = source.pagination();
		String type = p.typeOrDefault();
		if (!type.equals("page") && !type.equals("cursor")) {
			problems.add(new PipelineProblem(file, lineOf(text, "type:", sourceLine), who + "pagination type '" + type
					+ "' is not known (page or cursor)"));
		}
		else if (source.isHttp() && type.equals("cursor") && p.next() == null) {
			problems.add(new PipelineProblem(file, lineOf(text, "pagination:", sourceLine), who
					+ "cursor pagination needs 'next', the path of the next cursor or next-page URL in a page"));
		}
		if (p.size() != null && p.size() < 1) {
			problems.add(new PipelineProblem(file, lineOf(text, "size:", sourceLine), who + "pagination size must be 1 or more"));
		}
		if (p.firstPage() != null && p.firstPage() < 0) {
			problems.add(new PipelineProblem(file, lineOf(text, "first_page:", sourceLine), who
					+ "pagination first_page must be 0 or more"));
		}
		String[][] paths = { { "next", p.next() }, { "total_pages", p.totalPages() } };
		for (String[] path : paths) {
			if (path[1] != null && !validJsonPath(path[1])) {
				problems.add(new PipelineProblem(file, lineOf(text, path[0] + ":", sourceLine), who + "pagination " + path[0]
						+ " '" + path[1] + "' is not a path (dotted like data.pages, or a JSON pointer like /data/pages)"));
			}
		}
		if (!source.isHttp() && p.totalPages() == null) {
			problems.add(new PipelineProblem(file, lineOf(text, "pagination:", sourceLine), who
					+ "downloaded pages use only pagination's 'total_pages' (to refuse a snapshot with pages missing)"));
		}
	}

	// the same rule as the JSON readers: dotted or a pointer, no empty step
	private static boolean validJsonPath(String path) {
		if (path.isBlank()) {
			return false;
		}
		String body = path.startsWith("/") ? path.substring(1) : path.startsWith("$.") ? path.substring(2) : path;
		for (String segment : body.split(path.startsWith("/") ? "/" : "\\.", -1)) {
			if (segment.isEmpty()) {
				return false;
			}
		}
		return true;
	}

	/** Line of a key at or after a line (the key of one source, not of the one before); that line when not found. */
	static int lineOf(String text, String token, int fromLine) {
		int at = 0;
		for (int line = 1; line < fromLine && at >= 0; line++) {
			at = text.indexOf('\n', at);
			at = (at < 0) ? -1 : at + 1;
		}
		if (at < 0) {
			return fromLine;
		}
		int found = text.indexOf(token, at);
		if (found < 0) {
			return fromLine;
		}
		int line = fromLine;
		for (int i = at; i < found; i++) {
			if (text.charAt(i) == '\n') {
				line++;
			}
		}
		return line;
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
