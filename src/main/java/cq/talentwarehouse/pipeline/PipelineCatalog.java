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
		if (Files.isRegularFile(folder)) {
			problems.add(new PipelineProblem(folder, 0, "is a file, not a folder: give the folder holding the pipeline files (*.yaml)"));
			return new PipelineCatalog(pipelines, problems);
		}
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
			PipelineDefinition definition = readAndCheck(file, landingRoot, reference, problems);
			if (definition != null) {
				pipelines.add(definition);
			}
		}
		List<String> seen = new ArrayList<>();
		for (PipelineDefinition p : pipelines) {
			if (seen.contains(p.district())) {
				problems.add(new PipelineProblem(p.file(), 1, "district: " + p.district()
						+ " has more than one pipeline file; allowed: one file per district"));
			}
			seen.add(p.district());
		}
		return new PipelineCatalog(List.copyOf(pipelines), List.copyOf(problems));
	}

	/** One file: YAML, then the JSON Schema, then what only the seeds and the landing zone can tell. */
	private static PipelineDefinition readAndCheck(Path file, Path landingRoot, ReferenceData reference,
			List<PipelineProblem> problems) {
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			problems.add(new PipelineProblem(file, 0, "cannot read: " + ex.getMessage()));
			return null;
		}
		YamlTree yaml;
		try {
			yaml = YamlTree.parse(text);
		}
		catch (JsonProcessingException ex) {
			problems.add(yamlSyntaxProblem(file, text, ex));
			return null;
		}
		catch (IOException ex) {
			problems.add(new PipelineProblem(file, 0, "cannot read: " + ex.getMessage()));
			return null;
		}
		if (yaml.root() == null || yaml.root().isNull()) {
			problems.add(new PipelineProblem(file, 1, "(top level): the file is empty; allowed: district, landing and sources"
					+ " (see docs/pipelines.md)"));
			return null;
		}
		int before = problems.size();
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
			definition = YAML.treeToValue(checkable, PipelineDefinition.class);
		}
		catch (JsonProcessingException | IllegalArgumentException ex) {
			if (problems.size() == before) {
				problems.add(new PipelineProblem(file, 1, "(top level): cannot be read as a pipeline file; allowed: see docs/pipelines.md"));
			}
			return null;
		}
		definition = definition.withFile(file);
		List<PipelineProblem> semantic = new ArrayList<>();
		check(definition, yaml, landingRoot, reference, semantic);
		for (PipelineProblem p : semantic) {
			if (bad.stream().noneMatch((b) -> p.message().startsWith(YamlTree.key(b) + ":"))) {
				problems.add(p);
			}
		}
		if (problems.size() != before) {
			return null;
		}
		return definition.withDistrict(reference.districts().code(definition.district()));
	}

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
	private static PipelineProblem yamlSyntaxProblem(Path file, String text, JsonProcessingException ex) {
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
		return new PipelineProblem(file, line, key + ": not well-formed YAML (" + what + "); allowed: one 'key: value' per line,"
				+ " the keys of one mapping in the same column, nested keys two spaces deeper, lists in [ ] closed on"
				+ " the same line, and text holding ': ' or ' #' in quotes");
	}

	/** One pipeline file, already checked by {@link #load}; used by steps that get its path as a job parameter. */
	public static PipelineDefinition readChecked(Path file) {
		return readChecked(file, ReferenceData.bundled());
	}

	/** As {@link #readChecked(Path)}, a district name resolved with these seeds. */
	public static PipelineDefinition readChecked(Path file, ReferenceData reference) {
		try {
			String text = Files.readString(file, StandardCharsets.UTF_8);
			// every bean of every step of a district's job reads its pipeline file again (the path is a
			// job parameter, so a restart reads what the file says then): parsed once per content, a
			// city load parses 38 files instead of ~230, and YAML parsing stays out of the JIT's way
			ParsedFile key = new ParsedFile(file, text, reference);
			PipelineDefinition known = PARSED.get(key);
			if (known != null) {
				return known;
			}
			PipelineDefinition p = YAML.readValue(text, PipelineDefinition.class);
			String code = reference.districts().code(p.district());
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
	private record ParsedFile(Path file, String text, ReferenceData reference) {
	}

	private static final int PARSED_LIMIT = 1024;

	private static final Map<ParsedFile, PipelineDefinition> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

	private static int line(JsonProcessingException ex) {
		return (ex.getLocation() != null) ? ex.getLocation().getLineNr() : 0;
	}

	private static void check(PipelineDefinition p, YamlTree yaml, Path landingRoot, ReferenceData reference,
			List<PipelineProblem> problems) {
		Path file = p.file();
		if (p.district() != null && reference.districts().code(p.district()) == null) {
			problems.add(problem(file, yaml, "'" + p.district() + "' is not a Chongqing county-level code or name of the"
					+ " seeds' districts.csv; allowed: a GB/T 2260 code such as \"500116\" or a name such as 江津区", "district"));
		}
		if (p.landing() != null && !LandingZone.staysInside(landingRoot, p.landing())) {
			problems.add(problem(file, yaml, "'" + p.landing() + "' leaves the landing root " + landingRoot
					+ "; allowed: a folder inside it, e.g. jiangjin (no '..', not absolute)", "landing"));
		}
		if (p.sources() == null || p.sources().isEmpty()) {
			return;
		}
		boolean jdbc = p.sources().values().stream().anyMatch((s) -> s != null && s.isJdbc());
		if (jdbc && !p.pullsFromDatabases()) {
			problems.add(problem(file, yaml, "mixes format jdbc with sources read from the landing folder; allowed: every"
					+ " source of a pipeline pulled from databases (format jdbc), or none (its snapshot dates come from"
					+ " the databases or from the dated folders, not both)", "sources"));
		}
		if (p.landing() == null && p.sources().values().stream().anyMatch((s) -> s != null && !s.isJdbc())) {
			problems.add(problem(file, yaml, "missing; allowed: the folder under the landing root where the district"
					+ " delivers (jiangjin) — only a pipeline whose every source is format jdbc needs none", "landing"));
		}
		if (p.datesFromFileNames()) {
			for (Map.Entry<String, SourceDefinition> e : p.sources().entrySet()) {
				SourceDefinition s = e.getValue();
				if (s != null && s.file() != null && !SnapshotFileNames.hasPlaceholder(s.file())) {
					problems.add(problem(file, yaml, "'" + s.file() + "' marks no date, but snapshot_from is file_name;"
							+ " allowed: a name with {yyyyMMdd}, {yyyy-MM-dd} or {yyyyMM}", "sources", e.getKey(), "file"));
				}
			}
		}
		for (Map.Entry<String, SourceDefinition> entry : p.sources().entrySet()) {
			SourceKind kind = SourceKind.fromKey(entry.getKey());
			if (kind != null && entry.getValue() != null) {
				checkSource(file, yaml, kind, entry.getValue(), reference, problems);
			}
		}
	}

	/** {@code file:line: key: message} for the key at a path, the line being that key's (or its parent's). */
	private static PipelineProblem problem(Path file, YamlTree yaml, String message, String... path) {
		return PipelineSchema.problem(file, yaml.line(path), YamlTree.pointer(path), message);
	}

	private static void checkSource(Path file, YamlTree yaml, SourceKind kind, SourceDefinition source,
			ReferenceData reference, List<PipelineProblem> problems) {
		String k = kind.key();
		String format = source.formatOrDefault();
		if (source.isJdbc()) {
			if (source.file() != null) {
				problems.add(problem(file, yaml, "given together with format jdbc; allowed: a jdbc source names a table or"
						+ " query, not a file", "sources", k, "file"));
			}
			checkJdbc(file, yaml, k, source, problems);
		}
		else if (source.isHttp()) {
			if (source.file() != null) {
				problems.add(problem(file, yaml, "given together with 'url'; allowed: one of them (a source read over HTTP"
						+ " has no file)", "sources", k, "file"));
			}
		}
		else if (source.file() == null || source.file().isBlank()) {
			problems.add(problem(file, yaml, "missing; allowed: the file's name inside the snapshot folder"
					+ ("json".equals(format) ? ", or 'url' for pages fetched over HTTP" : ""), "sources", k, "file"));
		}
		else if (source.file().contains("..") || Path.of(source.file()).isAbsolute()) {
			problems.add(problem(file, yaml, "'" + source.file() + "' must be a name inside the snapshot folder;"
					+ " allowed: a file name, no '..', not absolute", "sources", k, "file"));
		}
		else if (!"json".equals(format)
				&& SnapshotFileNames.resolve(source.file(), java.time.LocalDate.EPOCH).matches(".*[*?\\[{].*")) {
			problems.add(problem(file, yaml, "'" + source.file() + "' is a pattern; allowed: one file name (only json"
					+ " pages may name several files)", "sources", k, "file"));
		}
		checkFormatSettings(file, yaml, kind, source, problems);
		if (source.encoding() != null) {
			try {
				java.nio.charset.Charset.forName(source.encoding());
			}
			catch (RuntimeException ex) {
				problems.add(problem(file, yaml, "'" + source.encoding() + "' is not a known charset; allowed: UTF-8,"
						+ " GB18030, GBK or another Java charset name", "sources", k, "encoding"));
			}
		}
		for (Map.Entry<String, Map<String, String>> values : source.valuesOrEmpty().entrySet()) {
			SourceKind.Field field = kind.field(values.getKey());
			if (field == null || field.vocabulary() == null || values.getValue() == null) {
				continue; // the schema lists the fields with a vocabulary
			}
			for (Map.Entry<String, String> mapping : values.getValue().entrySet()) {
				if (reference.vocabulary(field.vocabulary()).name(mapping.getValue()) == null) {
					problems.add(problem(file, yaml, "value map target '" + mapping.getValue() + "' is not a code of seeds/"
							+ field.vocabulary() + ".csv; allowed: " + String.join(", ",
									reference.vocabulary(field.vocabulary()).namesByCode().keySet()),
							"sources", k, "values", values.getKey(), mapping.getKey()));
				}
			}
		}
	}

	/** Settings that belong to another format, and the values of this format's own. */
	private static void checkFormatSettings(Path file, YamlTree yaml, SourceKind kind, SourceDefinition source,
			List<PipelineProblem> problems) {
		String format = source.formatOrDefault();
		String k = kind.key();
		Object[][] owners = { { "delimiter", source.delimiter(), "csv" }, { "encoding", source.encoding(), "csv, json" },
				{ "sheet", source.sheet(), "xlsx" }, { "header_row", source.headerRow(), "xlsx" },
				{ "records", source.records(), "json" }, { "pagination", source.pagination(), "json" },
				{ "url", source.url(), "json" } };
		for (Object[] owner : owners) {
			if (owner[1] != null && !List.of(((String) owner[2]).split(", ")).contains(format)) {
				problems.add(problem(file, yaml, "does not apply to format " + format + "; allowed: only with format "
						+ owner[2], "sources", k, (String) owner[0]));
			}
		}
		Object[][] jdbcOnly = { { "datasource", source.datasource() }, { "table", source.table() },
				{ "query", source.query() }, { "snapshot", source.snapshot() }, { "fetch_size", source.fetchSize() },
				{ "query_timeout_seconds", source.queryTimeoutSeconds() } };
		for (Object[] owner : jdbcOnly) {
			if (owner[1] != null && !source.isJdbc()) {
				problems.add(problem(file, yaml, "does not apply to format " + format + "; allowed: only with format jdbc",
						"sources", k, (String) owner[0]));
			}
		}
		if (source.connectTimeoutSeconds() != null && !source.isHttp() && !source.isJdbc()) {
			problems.add(problem(file, yaml, "applies only to a json source with a 'url' or a jdbc source; allowed: remove it",
					"sources", k, "connect_timeout_seconds"));
		}
		Object[][] httpOnly = { { "token_env", source.tokenEnv() },
				{ "read_timeout_seconds", source.readTimeoutSeconds() }, { "retries", source.retries() },
				{ "retry_backoff_seconds", source.retryBackoffSeconds() } };
		for (Object[] setting : httpOnly) {
			if (setting[1] != null && !source.isHttp()) {
				problems.add(problem(file, yaml, "applies only to a json source with a 'url'; allowed: remove it, or read"
						+ " the source over HTTP", "sources", k, (String) setting[0]));
			}
		}
		if (source.records() != null && !validJsonPath(source.records())) {
			problems.add(problem(file, yaml, "'" + source.records() + "' is not a path; allowed: dotted like data.records,"
					+ " or a JSON pointer like /data/records", "sources", k, "records"));
		}
		if (source.url() != null) {
			checkUrl(file, yaml, source.url(), k, problems);
		}
		if (source.pagination() != null) {
			checkPagination(file, yaml, source, k, problems);
		}
	}

	/** A jdbc source: one database, one table or query, a password that is not in the file. */
	private static void checkJdbc(Path file, YamlTree yaml, String k, SourceDefinition source,
			List<PipelineProblem> problems) {
		SourceDefinition.Datasource ds = source.datasource();
		if (ds == null) {
			problems.add(problem(file, yaml, "missing; allowed: datasource: {url: jdbc:postgresql://host:5432/db, user:"
					+ " loader, password_env: DB_PASSWORD}", "sources", k, "datasource"));
		}
		else {
			if (ds.url() != null && !ds.safeUrl().equals(ds.url())) {
				problems.add(problem(file, yaml, "'" + ds.safeUrl() + "' holds a password; allowed: a URL without"
						+ " credentials, the password in the variable named by password_env or the file named by"
						+ " password_file", "sources", k, "datasource", "url"));
			}
			if ((ds.user() == null) == (ds.userEnv() == null)) {
				problems.add(problem(file, yaml, ((ds.user() == null) ? "names no login" : "gives user and user_env")
						+ "; allowed: exactly one of user and user_env", "sources", k, "datasource"));
			}
			if (ds.passwordEnv() != null && ds.passwordFile() != null) {
				problems.add(problem(file, yaml, "gives password_env and password_file; allowed: one of them (or neither,"
						+ " for a database that asks no password)", "sources", k, "datasource"));
			}
		}
		if ((source.table() == null) == (source.query() == null)) {
			problems.add(problem(file, yaml, ((source.table() == null) ? "names neither table nor query"
					: "names both table and query") + "; allowed: exactly one of table (a table or view) and query (one"
					+ " SELECT)", "sources", k, (source.table() == null) ? "format" : "query"));
		}
		if (source.query() != null) {
			String q = source.query().strip();
			if (q.endsWith(";")) {
				q = q.substring(0, q.length() - 1).strip();
			}
			if (q.contains(";") || !q.toLowerCase(java.util.Locale.ROOT).matches("(?s)(select|with)\\b.*")) {
				problems.add(problem(file, yaml, "is not one SELECT statement; allowed: a single select (or with ...select),"
						+ " no ';' between statements", "sources", k, "query"));
			}
		}
	}

	private static void checkUrl(Path file, YamlTree yaml, String url, String k, List<PipelineProblem> problems) {
		java.net.URI uri;
		try {
			uri = new java.net.URI(url);
		}
		catch (java.net.URISyntaxException ex) {
			problems.add(problem(file, yaml, "'" + url + "' is not a valid address (" + ex.getReason()
					+ "); allowed: an http:// or https:// address", "sources", k, "url"));
			return;
		}
		String scheme = (uri.getScheme() == null) ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			problems.add(problem(file, yaml, "'" + url + "' must start with http:// or https://; allowed: an http:// or"
					+ " https:// address", "sources", k, "url"));
		}
		else if (uri.getHost() == null) {
			problems.add(problem(file, yaml, "'" + url + "' names no host; allowed: an address with a host",
					"sources", k, "url"));
		}
		else if (uri.getUserInfo() != null) {
			problems.add(problem(file, yaml, "'" + url.replace(uri.getRawUserInfo(), "***") + "' holds credentials;"
					+ " allowed: an address without them, the token in the environment variable named by 'token_env'",
					"sources", k, "url"));
		}
	}

	private static void checkPagination(Path file, YamlTree yaml, SourceDefinition source, String k,
			List<PipelineProblem> problems) {
		SourceDefinition.Pagination p = source.pagination();
		if (source.isHttp() && "cursor".equals(p.typeOrDefault()) && p.next() == null) {
			problems.add(problem(file, yaml, "cursor pagination needs 'next'; allowed: the path of the next cursor or"
					+ " next-page URL in a page (data.nextCursor)", "sources", k, "pagination"));
		}
		String[][] paths = { { "next", p.next() }, { "total_pages", p.totalPages() } };
		for (String[] path : paths) {
			if (path[1] != null && !validJsonPath(path[1])) {
				problems.add(problem(file, yaml, "'" + path[1] + "' is not a path; allowed: dotted like data.pages, or a"
						+ " JSON pointer like /data/pages", "sources", k, "pagination", path[0]));
			}
		}
		if (!source.isHttp() && p.totalPages() == null) {
			problems.add(problem(file, yaml, "downloaded pages use only 'total_pages'; allowed: {total_pages: data.pages}"
					+ " (to refuse a snapshot with pages missing)", "sources", k, "pagination"));
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

}
