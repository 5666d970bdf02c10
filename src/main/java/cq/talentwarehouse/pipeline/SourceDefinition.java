package cq.talentwarehouse.pipeline;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One feed of a district: where it comes from (a file of a snapshot folder, several downloaded JSON
 * pages, or a paged HTTP API), how it is encoded, and how its columns map to the canonical fields
 * of its {@link SourceKind}. The {@code format} chooses the reader; nothing about a district is in
 * Java.
 *
 * @param file file name inside the snapshot folder; for {@code json} a glob such as
 * {@code xs_rencai_page_*.json} naming every downloaded page of the snapshot, read in name order;
 * not needed for a {@code json} source with a {@code url}
 * @param format {@code csv} (delimited text, the default), {@code xlsx} (an Excel workbook) or
 * {@code json} (pages of records, from files or from {@code url})
 * @param encoding charset name as districts send it (UTF-8, GB18030, GBK), for csv and json; a BOM is
 * always honoured in csv
 * @param delimiter csv field delimiter, default a comma
 * @param rejectThreshold share of records that may be quarantined before the district fails
 * @param columns canonical field name to the column that holds it: a csv or xlsx header, or for json
 * a key of the record objects (a nested key as a dotted path, {@code employer.creditCode})
 * @param values district-specific value synonyms per canonical field (raw value to vocabulary code)
 * @param sheet xlsx: the name of the worksheet to read; the first sheet when absent
 * @param headerRow xlsx: the row number holding the header (1-based, as Excel shows it); when
 * absent, the first of the top {@value #HEADER_SEARCH_ROWS} rows holding a header for every mapped
 * field, so title rows above the table need no setting
 * @param records json: path to the array of records within a page, dotted ({@code data.records})
 * or a JSON pointer ({@code /data/records}); when absent each page is itself the array
 * @param pagination json: how pages follow each other; for files only {@code total_pages} is used,
 * to refuse a snapshot with missing pages
 * @param url json: the API endpoint (http or https) the pages are fetched from
 * @param tokenEnv json over HTTP: name of the environment variable holding the bearer token sent as
 * {@code Authorization: Bearer <token>}; the token itself never appears in a pipeline file
 * @param connectTimeoutSeconds json over HTTP: how long to wait for a connection, default
 * {@value #DEFAULT_CONNECT_TIMEOUT_SECONDS}
 * @param readTimeoutSeconds json over HTTP: how long one page may take from request to its last
 * byte, default {@value #DEFAULT_READ_TIMEOUT_SECONDS}
 * @param retries json over HTTP: further attempts after a server error (5xx, 429) or a timeout,
 * default {@value #DEFAULT_RETRIES}; 401, 403 and 404 fail at once
 * @param retryBackoffSeconds json over HTTP: the wait before the first retry, doubled before each
 * next one, default {@value #DEFAULT_RETRY_BACKOFF_SECONDS}
 * @param datasource jdbc: the database to pull from (URL, and where the user and password are
 * found; never the password itself)
 * @param table jdbc: the table or view to read (optionally schema-qualified)
 * @param query jdbc: a SELECT to read instead of a table
 * @param snapshot jdbc: how a pull maps to dated snapshots: {@code pull_date} (the default) or
 * {@code {date_column: X}}
 * @param fetchSize jdbc: rows fetched per round trip through the cursor, default
 * {@value #DEFAULT_FETCH_SIZE}
 * @param queryTimeoutSeconds jdbc: how long one statement may run, default
 * {@value #DEFAULT_QUERY_TIMEOUT_SECONDS}
 */
public record SourceDefinition(
		String file,
		String format,
		String encoding,
		String delimiter,
		@JsonProperty("reject_threshold") Double rejectThreshold,
		Map<String, ColumnSpec> columns,
		Map<String, Map<String, String>> values,
		String sheet,
		@JsonProperty("header_row") Integer headerRow,
		String records,
		Pagination pagination,
		String url,
		@JsonProperty("token_env") String tokenEnv,
		@JsonProperty("connect_timeout_seconds") Double connectTimeoutSeconds,
		@JsonProperty("read_timeout_seconds") Double readTimeoutSeconds,
		Integer retries,
		@JsonProperty("retry_backoff_seconds") Double retryBackoffSeconds,
		Datasource datasource,
		String table,
		String query,
		JdbcSnapshot snapshot,
		@JsonProperty("fetch_size") Integer fetchSize,
		@JsonProperty("query_timeout_seconds") Double queryTimeoutSeconds) {

	public static final double DEFAULT_REJECT_THRESHOLD = 0.05;

	/** The same source reading another file (a dated file name resolved for one snapshot). */
	public SourceDefinition withFile(String newFile) {
		return new SourceDefinition(newFile, this.format, this.encoding, this.delimiter, this.rejectThreshold,
				this.columns, this.values, this.sheet, this.headerRow, this.records, this.pagination, this.url,
				this.tokenEnv, this.connectTimeoutSeconds, this.readTimeoutSeconds, this.retries,
				this.retryBackoffSeconds, this.datasource, this.table, this.query, this.snapshot, this.fetchSize,
				this.queryTimeoutSeconds);
	}

	/** Formats a pipeline may name. */
	public static final Set<String> FORMATS = Set.of("csv", "xlsx", "json", "jdbc");

	public static final int DEFAULT_FETCH_SIZE = 5000;

	public static final double DEFAULT_QUERY_TIMEOUT_SECONDS = 3600;

	/** How far down a sheet the header is looked for when {@code header_row} is absent. */
	public static final int HEADER_SEARCH_ROWS = 20;

	public static final double DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

	public static final double DEFAULT_READ_TIMEOUT_SECONDS = 60;

	public static final int DEFAULT_RETRIES = 3;

	public static final double DEFAULT_RETRY_BACKOFF_SECONDS = 0.5;

	/** A delimited-text source, as pipelines were before other formats existed. */
	public SourceDefinition(String file, String format, String encoding, String delimiter, Double rejectThreshold,
			Map<String, ColumnSpec> columns, Map<String, Map<String, String>> values) {
		this(file, format, encoding, delimiter, rejectThreshold, columns, values, null, null, null, null, null, null,
				null, null, null, null, null, null, null, null, null, null);
	}

	public String formatOrDefault() {
		return (this.format == null) ? "csv" : this.format;
	}

	public String encodingOrDefault() {
		return (this.encoding == null) ? "UTF-8" : this.encoding;
	}

	public char delimiterOrDefault() {
		if (this.delimiter == null || this.delimiter.isEmpty()) {
			return ',';
		}
		return "\\t".equals(this.delimiter) ? '\t' : this.delimiter.charAt(0);
	}

	public double rejectThresholdOrDefault() {
		return (this.rejectThreshold == null) ? DEFAULT_REJECT_THRESHOLD : this.rejectThreshold;
	}

	public Map<String, Map<String, String>> valuesOrEmpty() {
		return (this.values == null) ? Map.of() : this.values;
	}

	/** Whether records are fetched from an HTTP API rather than read from the snapshot folder. */
	public boolean isHttp() {
		return "json".equals(formatOrDefault()) && this.url != null && !this.url.isBlank();
	}

	/** Whether records are pulled from a database over JDBC. */
	public boolean isJdbc() {
		return "jdbc".equals(formatOrDefault());
	}

	public int fetchSizeOrDefault() {
		return (this.fetchSize == null) ? DEFAULT_FETCH_SIZE : this.fetchSize;
	}

	public Duration queryTimeout() {
		return seconds(this.queryTimeoutSeconds, DEFAULT_QUERY_TIMEOUT_SECONDS);
	}

	/** The date column of a jdbc source whose rows carry their snapshot's date; null: the date of the pull. */
	public String snapshotDateColumn() {
		return (this.snapshot == null) ? null : this.snapshot.dateColumn();
	}

	public Duration connectTimeout() {
		return seconds(this.connectTimeoutSeconds, DEFAULT_CONNECT_TIMEOUT_SECONDS);
	}

	public Duration readTimeout() {
		return seconds(this.readTimeoutSeconds, DEFAULT_READ_TIMEOUT_SECONDS);
	}

	public int retriesOrDefault() {
		return (this.retries == null) ? DEFAULT_RETRIES : this.retries;
	}

	public Duration retryBackoff() {
		return seconds(this.retryBackoffSeconds, DEFAULT_RETRY_BACKOFF_SECONDS);
	}

	public Pagination paginationOrNone() {
		return (this.pagination == null) ? Pagination.NONE : this.pagination;
	}

	private static Duration seconds(Double value, double fallback) {
		return Duration.ofMillis(Math.round(((value == null) ? fallback : value) * 1000));
	}

	/**
	 * How the pages of a JSON snapshot follow each other. Paths are dotted or JSON pointers, within a
	 * page.
	 *
	 * @param type {@code page} (numbered pages: {@code page_param} and {@code size_param} are sent)
	 * or {@code cursor} (each page names the next: {@code next})
	 * @param pageParam query parameter carrying the page number, default {@code page}
	 * @param sizeParam query parameter carrying the page size, default {@code size}
	 * @param size records asked for per page, default {@value #DEFAULT_SIZE}
	 * @param firstPage number of the first page, default 1 (some APIs count from 0)
	 * @param cursorParam query parameter carrying the cursor, default {@code cursor}
	 * @param next cursor paging: path of the next cursor in a page, or of the next page's URL (a
	 * value starting with {@code http://}, {@code https://} or {@code /}); no value there ends the
	 * snapshot
	 * @param totalPages path of the number of pages in a page; numbered paging stops after it (without
	 * it, at the first page holding fewer than {@code size} records), and downloaded pages must be
	 * exactly that many
	 */
	public record Pagination(
			String type,
			@JsonProperty("page_param") String pageParam,
			@JsonProperty("size_param") String sizeParam,
			Integer size,
			@JsonProperty("first_page") Integer firstPage,
			@JsonProperty("cursor_param") String cursorParam,
			String next,
			@JsonProperty("total_pages") String totalPages) {

		public static final int DEFAULT_SIZE = 100;

		/** An endpoint answering the whole snapshot in one response. */
		public static final Pagination NONE = new Pagination("none", null, null, null, null, null, null, null);

		public String typeOrDefault() {
			return (this.type == null) ? "page" : this.type;
		}

		public String pageParamOrDefault() {
			return (this.pageParam == null) ? "page" : this.pageParam;
		}

		public String sizeParamOrDefault() {
			return (this.sizeParam == null) ? "size" : this.sizeParam;
		}

		public int sizeOrDefault() {
			return (this.size == null) ? DEFAULT_SIZE : this.size;
		}

		public int firstPageOrDefault() {
			return (this.firstPage == null) ? 1 : this.firstPage;
		}

		public String cursorParamOrDefault() {
			return (this.cursorParam == null) ? "cursor" : this.cursorParam;
		}

	}

	/**
	 * A database a jdbc source pulls from. The password is never written here: it comes from an
	 * environment variable or a file, so pipeline files can be kept in version control.
	 *
	 * @param url the JDBC URL ({@code jdbc:postgresql://}, {@code jdbc:mariadb://}, {@code jdbc:mysql://},
	 * {@code jdbc:dm://}), without a password
	 * @param user the login name, or
	 * @param userEnv the environment variable holding it
	 * @param passwordEnv the environment variable holding the password
	 * @param passwordFile a file holding the password (its first line), absolute or relative to the
	 * working directory
	 */
	public record Datasource(
			String url,
			String user,
			@JsonProperty("user_env") String userEnv,
			@JsonProperty("password_env") String passwordEnv,
			@JsonProperty("password_file") String passwordFile) {

		/** The URL as messages show it: any credential in it masked (validate refuses them anyway). */
		public String safeUrl() {
			if (this.url == null) {
				return "";
			}
			return this.url.replaceAll("(?i)(password|pwd|passwd)=[^&;]*", "$1=***").replaceAll("//[^/@]*:[^/@]*@", "//***@");
		}

	}

	/**
	 * How a jdbc pull maps to dated snapshots: {@code pull_date} (the whole table or query is one
	 * snapshot, dated the day of the pull) or {@code {date_column: X}} (each distinct date in column X
	 * is a snapshot of its own).
	 */
	public record JdbcSnapshot(String dateColumn) {

		public static final String PULL_DATE = "pull_date";

		@com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
		public static JdbcSnapshot of(com.fasterxml.jackson.databind.JsonNode node) {
			if (node.isTextual() && PULL_DATE.equals(node.asText())) {
				return new JdbcSnapshot(null);
			}
			if (node.isObject() && node.size() == 1 && node.get("date_column") != null && node.get("date_column").isTextual()) {
				return new JdbcSnapshot(node.get("date_column").asText());
			}
			throw new IllegalArgumentException("snapshot is pull_date or {date_column: <column>}");
		}

	}

}
