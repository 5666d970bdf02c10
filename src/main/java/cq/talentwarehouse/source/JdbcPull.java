package cq.talentwarehouse.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import cq.talentwarehouse.pipeline.SourceDefinition;
import cq.talentwarehouse.pipeline.SourceKind;

/**
 * Pulls a {@code format: jdbc} source out of a district's database into the run's staging folder
 * before a record is staged, as the HTTP reader spools its pages: a pull that fails midway leaves no
 * spool and loads nothing, and a restarted run reads the same spooled rows again instead of asking
 * the database a second time.
 *
 * <p>Each snapshot is read by one statement — {@link PostgresCopySpool COPY} from PostgreSQL where it
 * writes the same text, otherwise a cursor of {@code fetch_size} rows per round trip; never the whole
 * result in memory — and every snapshot of a source within one read-only repeatable-read
 * transaction, so the dates listed and the rows pulled are one consistent state. While spooling,
 * the rows are summed into an order-independent digest (a MurmurHash3 per row, added up)
 * which is written beside the spool as {@code <source>.jdbc}; the run's fingerprint of the snapshot
 * is that small file, so a snapshot whose rows did not change is skipped like an unchanged file.
 */
public final class JdbcPull {

	/** The digest file of a source's spool, {@code roster.jdbc}: the snapshot's fingerprint. */
	public static final String DIGEST_SUFFIX = ".jdbc";

	/** The spooled rows of a source: {@code <snapshot folder>/<source>/rows.csv}, UTF-8 with a header. */
	public static final String ROWS_FILE = "rows.csv";

	private final SourceDefinition source;

	private final SourceKind kind;

	private final Function<String, String> environment;

	public JdbcPull(SourceDefinition source, SourceKind kind, Function<String, String> environment) {
		this.source = source;
		this.kind = kind;
		this.environment = environment;
	}

	/** The data source and table or query, as ops.source_counts.file and messages name it (no password). */
	public static String describe(SourceDefinition source) {
		String url = (source.datasource() != null) ? source.datasource().safeUrl() : "(no datasource)";
		if (source.table() != null) {
			return url + " table " + source.table();
		}
		String query = String.valueOf(source.query()).strip().replaceAll("\\s+", " ");
		return url + " query " + ((query.length() > 80) ? query.substring(0, 77) + "..." : query);
	}

	/** The spooled rows of a source inside a pulled snapshot's folder. */
	public static Path rowsFile(Path snapshotFolder, SourceKind kind) {
		return snapshotFolder.resolve(kind.key()).resolve(ROWS_FILE);
	}

	public static Path digestFile(Path snapshotFolder, SourceKind kind) {
		return snapshotFolder.resolve(kind.key() + DIGEST_SUFFIX);
	}

	/** How many rows a finished spool holds (from its digest), or -1 when the source was not pulled. */
	public static long spooledRows(Path snapshotFolder, SourceKind kind) {
		Path digest = digestFile(snapshotFolder, kind);
		if (!Files.exists(digest)) {
			return -1;
		}
		try {
			for (String line : Files.readAllLines(digest, StandardCharsets.UTF_8)) {
				if (line.startsWith("rows: ")) {
					return Long.parseLong(line.substring(6).trim());
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			throw new SourceException(digest + ": cannot read the spooled pull (" + ex.getMessage() + ")", ex);
		}
		return -1;
	}

	/** The table or query as a relation to select from. */
	private String relation() {
		if (this.source.table() != null) {
			return this.source.table();
		}
		String q = this.source.query().strip();
		if (q.endsWith(";")) {
			q = q.substring(0, q.length() - 1);
		}
		return "(" + q + ") talent_pull";
	}

	/**
	 * The column labels the source's table or query returns, read without fetching a row; for
	 * {@code validate --connect}.
	 */
	/** Opens a connection to the source's database ({@link JdbcLogin}). */
	public Connection connect() {
		return JdbcLogin.connect(this.source, this.environment);
	}

	public List<String> columns() {
		try (Connection c = connect(); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("select * from " + relation() + " where 1 = 0")) {
			return labels(rs.getMetaData());
		}
		catch (SQLException ex) {
			throw new SourceException(describe(this.source) + ": cannot read the columns (" + JdbcLogin.mask(ex.getMessage(), null) + ")",
					ex);
		}
	}

	/**
	 * Connects and checks that the table or query returns a column for every mapped field (and the
	 * date column); throws a {@link SourceException} naming the data source and what is missing.
	 *
	 * @return the columns the table or query returns
	 */
	public List<String> checkColumns() {
		List<String> labels = columns();
		HeaderMatcher.columns(labels, this.kind, this.source, describe(this.source), "the table or query returns");
		String dateColumn = this.source.snapshotDateColumn();
		if (dateColumn != null && labels.stream().noneMatch((l) -> l.equalsIgnoreCase(dateColumn.replace("\"", "")
			.replace("`", "")))) {
			throw new SourceException(describe(this.source) + ": no column " + dateColumn + " (snapshot.date_column); the"
					+ " table or query returns " + labels);
		}
		return labels;
	}

	private static List<String> labels(ResultSetMetaData meta) throws SQLException {
		List<String> labels = new ArrayList<>();
		for (int i = 1; i <= meta.getColumnCount(); i++) {
			labels.add(meta.getColumnLabel(i));
		}
		return labels;
	}

	/**
	 * Pulls every snapshot of the source: with {@code date_column} one per distinct date (each
	 * spooled into {@code folderFor.apply(date)}), else one dated {@code pullDate}.
	 *
	 * @return the rows pulled per snapshot date, oldest first
	 */
	public Map<LocalDate, Long> pullAll(LocalDate pullDate, Function<LocalDate, Path> folderFor) {
		Map<LocalDate, Long> pulled = new TreeMap<>();
		try (Connection c = connect()) {
			c.setAutoCommit(false); // pgjdbc uses a cursor only inside a transaction
			c.setReadOnly(true);
			try {
				c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
			}
			catch (SQLException ex) {
				// a driver without it reads each snapshot in one statement, consistent on its own
			}
			try {
				String dateColumn = this.source.snapshotDateColumn();
				if (dateColumn == null) {
					pulled.put(pullDate, spool(c, null, List.of(), folderFor.apply(pullDate)));
				}
				else {
					for (Map.Entry<LocalDate, List<Object>> date : dates(c, dateColumn).entrySet()) {
						pulled.put(date.getKey(), spool(c, dateColumn, date.getValue(), folderFor.apply(date.getKey())));
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				try {
					c.rollback();
				}
				catch (SQLException closed) {
					// the connection is gone: the first failure is the one to report
				}
				throw ex;
			}
			c.rollback(); // read only: nothing to keep
		}
		catch (SQLException ex) {
			throw new SourceException(describe(this.source) + ": the pull failed (" + JdbcLogin.mask(ex.getMessage(), null)
					+ "); nothing of it is loaded", ex);
		}
		return pulled;
	}

	/** The distinct values of the date column, by the date each means (two spellings of a day are one snapshot). */
	private Map<LocalDate, List<Object>> dates(Connection c, String dateColumn) throws SQLException {
		Map<LocalDate, List<Object>> dates = new TreeMap<>();
		try (PreparedStatement s = c.prepareStatement("select distinct " + dateColumn + " from " + relation())) {
			s.setQueryTimeout(queryTimeoutSeconds());
			try (ResultSet rs = s.executeQuery()) {
				while (rs.next()) {
					Object raw = rs.getObject(1);
					LocalDate date = JdbcCells.asDate(raw);
					if (date == null) {
						throw new SourceException(describe(this.source) + ": date_column " + dateColumn + " holds '" + raw
								+ "', which is not a date; its rows would belong to no snapshot (allowed: a date, or text"
								+ " such as 2023-12-31, 2023年12月31日)");
					}
					dates.computeIfAbsent(date, (d) -> new ArrayList<>()).add(raw);
				}
			}
		}
		return dates;
	}

	private int queryTimeoutSeconds() {
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, this.source.queryTimeout().toSeconds()));
	}

	/** Spools the rows of one snapshot (all rows, or those whose {@code dateColumn} is one of {@code parameters}). */
	private long spool(Connection c, String dateColumn, List<Object> parameters, Path folder) throws SQLException {
		Path rows = rowsFile(folder, this.kind);
		Path digest = digestFile(folder, this.kind);
		String select = "select * from " + relation();
		StringBuilder sql = new StringBuilder(select);
		if (dateColumn != null) {
			sql.append(" where ").append(dateColumn).append(" in (");
			for (int i = 0; i < parameters.size(); i++) {
				sql.append((i == 0) ? "?" : ", ?");
			}
			sql.append(')');
		}
		long count = 0;
		try {
			Files.deleteIfExists(digest);
			Files.createDirectories(rows.getParent());
			String literal = PostgresCopySpool.inline(select, dateColumn, parameters);
			List<String> copyLabels = PostgresCopySpool.labelsIfSameText(c, literal);
			if (copyLabels != null) {
				RowDigest sum = new RowDigest();
				try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(rows), 1 << 16)) {
					count = PostgresCopySpool.copy(c, literal, queryTimeoutSeconds() * 1000L, out, sum);
				}
				writeDigest(digest, copyLabels, count, sum);
				return count;
			}
			try (PreparedStatement s = c.prepareStatement(sql.toString(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
				s.setFetchSize(this.source.fetchSizeOrDefault());
				s.setQueryTimeout(queryTimeoutSeconds());
				for (int i = 0; i < parameters.size(); i++) {
					s.setObject(i + 1, parameters.get(i));
				}
				try (ResultSet rs = s.executeQuery();
						CsvOutput csv = new CsvOutput(java.nio.channels.FileChannel.open(rows, java.nio.file.StandardOpenOption.CREATE,
								java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE), 1 << 16)) {
					List<String> labels = labels(rs.getMetaData());
					int n = labels.size();
					csv.row(labels);
					RowDigest sum = new RowDigest();
					String[] values = new String[n];
					while (rs.next()) {
						for (int i = 0; i < n; i++) {
							values[i] = JdbcCells.text(rs.getObject(i + 1));
							if (i > 0) {
								csv.comma();
							}
							csv.cell(values[i]);
						}
						csv.newline();
						sum.add(values);
						count++;
					}
					csv.flush();
					writeDigest(digest, labels, count, sum);
				}
			}
		}
		catch (IOException ex) {
			throw new SourceException(rows + ": cannot spool the rows of " + describe(this.source) + " ("
					+ ex.getMessage() + ")", ex);
		}
		catch (SQLException | RuntimeException ex) {
			try {
				Files.deleteIfExists(rows);
			}
			catch (IOException ignored) {
				// the digest is missing, so the half spool is never read
			}
			if (ex instanceof SQLException lost && count > 0) {
				throw new SQLException("failed after " + count + " rows: " + lost.getMessage(), lost);
			}
			throw ex;
		}
		return count;
	}

	/** The spool's fingerprint: written last, so a pull cut short has none and is never read. */
	private void writeDigest(Path digest, List<String> labels, long rows, RowDigest sum) throws IOException {
		Files.writeString(digest, "source: " + describe(this.source) + "\ncolumns: " + String.join(", ", labels) + "\nrows: "
				+ rows + "\nrows_sha256: " + sum.hex(labels) + "\n", StandardCharsets.UTF_8);
	}



}
