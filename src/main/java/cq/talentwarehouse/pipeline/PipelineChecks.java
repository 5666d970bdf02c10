package cq.talentwarehouse.pipeline;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import cq.talentwarehouse.reference.FileProblem;
import cq.talentwarehouse.reference.ReferenceData;

/**
 * What a pipeline file's schema cannot tell: district codes and vocabulary targets against the seeds,
 * the landing folder against the landing root, and the settings of each source against its format —
 * apart from {@link PipelineCatalog}'s reading so each rule reads as one {@code file:line: key: what is
 * allowed} sentence.
 */
final class PipelineChecks {

	private PipelineChecks() {
	}

	/** The checks of one file that only the seeds and the landing zone can decide, into {@code problems}. */
	static void check(PipelineDefinition p, YamlTree yaml, Path landingRoot, ReferenceData reference,
			List<FileProblem> problems) {
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
	private static FileProblem problem(Path file, YamlTree yaml, String message, String... path) {
		return PipelineSchema.problem(file, yaml.line(path), YamlTree.pointer(path), message);
	}

	private static void checkSource(Path file, YamlTree yaml, SourceKind kind, SourceDefinition source,
			ReferenceData reference, List<FileProblem> problems) {
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
				&& SnapshotFileNames.resolve(source.file(), LocalDate.EPOCH).matches(".*[*?\\[{].*")) {
			problems.add(problem(file, yaml, "'" + source.file() + "' is a pattern; allowed: one file name (only json"
					+ " pages may name several files)", "sources", k, "file"));
		}
		checkFormatSettings(file, yaml, kind, source, problems);
		if (source.encoding() != null) {
			try {
				Charset.forName(source.encoding());
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
			List<FileProblem> problems) {
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
			List<FileProblem> problems) {
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
			if (q.contains(";") || !q.toLowerCase(Locale.ROOT).matches("(?s)(select|with)\\b.*")) {
				problems.add(problem(file, yaml, "is not one SELECT statement; allowed: a single select (or with ...select),"
						+ " no ';' between statements", "sources", k, "query"));
			}
		}
	}

	private static void checkUrl(Path file, YamlTree yaml, String url, String k, List<FileProblem> problems) {
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			problems.add(problem(file, yaml, "'" + url + "' is not a valid address (" + ex.getReason()
					+ "); allowed: an http:// or https:// address", "sources", k, "url"));
			return;
		}
		String scheme = (uri.getScheme() == null) ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
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
			List<FileProblem> problems) {
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
