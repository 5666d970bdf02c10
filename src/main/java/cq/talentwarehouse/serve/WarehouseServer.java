package cq.talentwarehouse.serve;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cq.talentwarehouse.ServeProperties;
import cq.talentwarehouse.TalentProperties;
import cq.talentwarehouse.load.DuckDb;

import static cq.talentwarehouse.serve.ServingDatabase.execute;
import static cq.talentwarehouse.serve.ServingDatabase.reason;
import static cq.talentwarehouse.serve.ServingDatabase.schemaExists;

/**
 * Serves the published DuckDB warehouse on PostgreSQL: every {@code mart} view as a table of the
 * same name and columns in schema {@code mart}, and the dashboard's {@code ops} relations in schema
 * {@code ops}, with the DuckDB descriptions as comments, an index on (district_code, snapshot_date),
 * row-level security per district and read-only roles.
 * <p>
 * Atomic: everything is loaded (by COPY) into fresh schemas {@code mart_next}/{@code ops_next} inside
 * one transaction that ends by renaming the served schemas away and the fresh ones into their place,
 * so a BI user sees the previous load or the new one, never part of one; a serve that fails at any
 * point rolls back and leaves the served copy as it was. Queries running at the switch finish on the
 * old tables, which are dropped afterwards.
 */
public final class WarehouseServer {

	private static final Logger log = LoggerFactory.getLogger(WarehouseServer.class);

	static final List<String> SCHEMAS = List.of("mart", "ops");

	/** Suffix of the schemas a serve loads into before the switch. */
	static final String NEXT = "_next";

	/** Suffix of the schemas replaced by a switch, until they are dropped. */
	static final String REPLACED = "_replaced_";

	/** Serves to one database never overlap: the second waits for the first (pg_advisory_xact_lock). */
	private static final long SERVE_LOCK = 0x7461_6c65_6e74_7731L;

	private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss_SSS");

	/** Asia/Shanghai: the day a district code's validity is judged on. */
	private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private final ServeTarget target;

	private final Path workDir;

	/** What the failure message says the serve was doing. */
	private String phase = "connecting";

	/**
	 * The outcome of one serve.
	 *
	 * @param runId the published run that is served now
	 * @param tables tables served
	 * @param rows rows served in all
	 * @param seconds wall time of the serve
	 * @param notes things the operator should know (a replaced copy still in use, roles of ended codes)
	 */
	public record Result(String runId, int tables, long rows, double seconds, List<String> notes) {
	}

	public WarehouseServer(ServeTarget target, Path workDir) {
		this.target = target;
		this.workDir = workDir;
	}

	/**
	 * Serves the published warehouse of these settings when a serving database is configured and
	 * records the outcome beside it ({@link ServeState}); prints one line either way.
	 *
	 * @return null when serving is not configured, else the outcome
	 */
	public static ServeState servePublished(TalentProperties properties, PrintStream out) {
		ServeProperties settings = properties.getServe();
		if (settings == null || !settings.isConfigured()) {
			return null;
		}
		Path stateDir = properties.stateDir();
		String describe = "PostgreSQL (TALENT_SERVE_URL)";
		ServeState state;
		try {
			ServeTarget target = ServeTarget.of(settings);
			describe = target.describe();
			out.println("Serving the published warehouse to " + describe + " ...");
			Result result = new WarehouseServer(target, properties.workDir()).serve(properties.getWarehouse());
			state = ServeState.served(describe, result);
			out.printf(java.util.Locale.ROOT, "Served %s to %s: %d tables, %,d rows in %.1f s.%n", result.runId(), describe,
					result.tables(), result.rows(), result.seconds());
			result.notes().forEach((n) -> out.println("  note: " + n));
		}
		catch (ServeException ex) {
			state = ServeState.failed(describe, ex.getMessage());
			out.println("NOT SERVED: " + ex.getMessage());
		}
		try {
			state.write(ServeState.file(stateDir));
		}
		catch (IOException ex) {
			log.warn("Could not record the serve outcome in {}: {}", ServeState.file(stateDir), ex.getMessage());
		}
		return state;
	}

	/** Serves the published warehouse file; throws a {@link ServeException} naming the server on any failure. */
	public Result serve(Path warehouse) {
		long t0 = System.nanoTime();
		if (!Files.exists(warehouse)) {
			throw new ServeException("Nothing to serve: no published warehouse at " + warehouse + " yet (run `run` first).");
		}
		Path dir;
		try {
			Files.createDirectories(this.workDir);
			dir = Files.createTempDirectory(this.workDir, "serve-");
		}
		catch (IOException ex) {
			throw new ServeException("Cannot create a folder for the serve's files under " + this.workDir + ": " + ex.getMessage());
		}
		try {
			ExportedWarehouse exported = ExportedWarehouse.write(warehouse, dir);
			log.debug("exported {} tables in {} ms", exported.tables().size(), (System.nanoTime() - t0) / 1_000_000);
			List<String> notes = new ArrayList<>();
			long rows = load(exported, warehouse, notes);
			return new Result(exported.runId(), exported.tables().size(), rows, (System.nanoTime() - t0) / 1e9, notes);
		}
		finally {
			deleteTree(dir);
		}
	}

	/** Makes an existing login a member of a district's role ({@code all}: the reader role); returns the role. */
	public String grantLogin(Path warehouse, String login, String district) {
		List<DistrictRoles.District> districts;
		try (Connection duckdb = DuckDb.openLockedReadOnly(warehouse)) {
			districts = DistrictRoles.read(duckdb);
		}
		catch (SQLException ex) {
			throw new ServeException("Cannot read the districts of " + warehouse + ": " + ex.getMessage());
		}
		this.phase = "granting a role to " + login;
		try (Connection pg = connect()) {
			return DistrictRoles.grant(pg, login, district, districts, LocalDate.now(ZONE));
		}
		catch (SQLException ex) {
			throw failure(ex);
		}
	}

	private long load(ExportedWarehouse exported, Path warehouse, List<String> notes) {
		String suffix = SUFFIX.format(LocalDateTime.now());
		try (Connection pg = connect()) {
			dropReplaced(pg, notes);
			pg.setAutoCommit(false);
			this.phase = "waiting for another serve to this database to finish";
			execute(pg, "select pg_advisory_xact_lock(" + SERVE_LOCK + ")");
			this.phase = "creating the reader roles";
			List<DistrictRoles.District> valid = DistrictRoles.ensure(pg, exported.districts(), LocalDate.now(ZONE));
			this.phase = "preparing the schemas";
			for (String schema : SCHEMAS) {
				execute(pg, "drop schema if exists " + schema + NEXT + " cascade");
				execute(pg, "create schema " + schema + NEXT);
			}
			long rows = 0;
			for (ExportedWarehouse.ExportedTable t : exported.tables()) {
				this.phase = "copying " + t.table().qualifiedName();
				long c0 = System.nanoTime();
				rows += copy(pg, t, valid);
				log.debug("served {} in {} ms", t.table().qualifiedName(), (System.nanoTime() - c0) / 1_000_000);
			}
			this.phase = "recording the serve";
			execute(pg, "create table ops" + NEXT + ".served (run_id text, published_at timestamp, served_at timestamptz not null"
					+ " default now(), tables integer, rows bigint)");
			try (var insert = pg.prepareStatement("insert into ops" + NEXT + ".served (run_id, published_at, tables, rows)"
					+ " values (?, ?, ?, ?)")) {
				insert.setString(1, exported.runId());
				insert.setObject(2, LocalDateTime.ofInstant(Files.getLastModifiedTime(warehouse).toInstant(), ZoneId.systemDefault()));
				insert.setInt(3, exported.tables().size());
				insert.setLong(4, rows);
				insert.executeUpdate();
			}
			execute(pg, "comment on table ops" + NEXT + ".served is " + DistrictRoles.literal("本次服务的数据。One row: the"
					+ " published run these tables hold, when its DuckDB file was published and when it was served here."));
			execute(pg, "grant select on ops" + NEXT + ".served to " + DistrictRoles.READER);
			this.phase = "granting the reader roles";
			String districtRoles = valid.stream().map((d) -> ServedTable.quote(d.role())).collect(Collectors.joining(", "));
			execute(pg, "grant usage on schema mart" + NEXT + " to " + DistrictRoles.READER
					+ (districtRoles.isEmpty() ? "" : ", " + districtRoles));
			execute(pg, "grant usage on schema ops" + NEXT + " to " + DistrictRoles.READER);
			execute(pg, "comment on schema mart" + NEXT + " is " + DistrictRoles.literal("人才数据仓库分析表。The talent"
					+ " warehouse's analyst marts, served from DuckDB run " + exported.runId() + "; replaced by every publish."));
			execute(pg, "comment on schema ops" + NEXT + " is " + DistrictRoles.literal("人才数据仓库运行情况。Runs, district"
					+ " results, source counts and quarantine counts of the talent warehouse; replaced by every publish."));
			this.phase = "switching to the new copy";
			for (String schema : SCHEMAS) {
				if (schemaExists(pg, schema)) {
					execute(pg, "alter schema " + schema + " rename to " + schema + REPLACED + suffix);
				}
				execute(pg, "alter schema " + schema + NEXT + " rename to " + schema);
			}
			pg.commit();
			pg.setAutoCommit(true);
			try {
				dropReplaced(pg, notes);
			}
			catch (SQLException ex) {
				// served all the same: the next serve drops what is left
				notes.add("the replaced copy could not be dropped yet (" + reason(ex) + "); the next serve drops it");
			}
			return rows;
		}
		catch (SQLException ex) {
			throw failure(ex);
		}
		catch (IOException ex) {
			throw new ServeException("Not served to " + this.target.describe() + " while " + this.phase + ": " + ex.getMessage()
					+ "; the DuckDB warehouse stays published and the served copy is unchanged.");
		}
	}

	private long copy(Connection pg, ExportedWarehouse.ExportedTable t, List<DistrictRoles.District> valid) throws SQLException, IOException {
		ServedTable table = t.table();
		String name = table.schema() + NEXT + "." + ServedTable.quote(table.name());
		String columns = table.columns().stream()
			.map((c) -> ServedTable.quote(c.name()) + " " + c.postgresType(table.qualifiedName()))
			.collect(Collectors.joining(", "));
		execute(pg, "create table " + name + " (" + columns + ")");
		long copied;
		try (InputStream in = new BufferedInputStream(Files.newInputStream(t.file()), 1 << 16)) {
			copied = pg.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + name + " from stdin (format csv)", in);
		}
		if (copied != t.rows()) {
			throw new ServeException("Not served to " + this.target.describe() + ": " + table.qualifiedName() + " took " + copied
					+ " rows of the " + t.rows() + " DuckDB wrote; the served copy is unchanged.");
		}
		if (table.hasColumn("district_code") && table.hasColumn("snapshot_date")) {
			execute(pg, "create index on " + name + " (district_code, snapshot_date)");
		}
		else if (table.hasColumn("district_code")) {
			execute(pg, "create index on " + name + " (district_code)");
		}
		if (table.description() != null) {
			execute(pg, "comment on table " + name + " is " + DistrictRoles.literal(table.description()));
		}
		for (ServedTable.Column c : table.columns()) {
			if (c.description() != null) {
				execute(pg, "comment on column " + name + "." + ServedTable.quote(c.name()) + " is "
						+ DistrictRoles.literal(c.description()));
			}
		}
		// district roles read the mart tables that have a district column, and only their rows; the
		// municipal totals and ops are for the all-districts role alone
		boolean perDistrict = table.schema().equals("mart") && table.hasColumn("district_code");
		if (table.hasColumn("district_code")) {
			for (String sql : DistrictRoles.policies(name, perDistrict ? valid : List.of())) {
				execute(pg, sql);
			}
		}
		String readers = DistrictRoles.READER;
		if (perDistrict && !valid.isEmpty()) {
			readers += ", " + valid.stream().map((d) -> ServedTable.quote(d.role())).collect(Collectors.joining(", "));
		}
		execute(pg, "grant select on " + name + " to " + readers);
		execute(pg, "analyze " + name);
		return copied;
	}

	/**
	 * Drops the copies earlier switches replaced. Each waits for the queries still reading it, at most
	 * a minute; one still in use then is left for the next serve.
	 */
	private void dropReplaced(Connection pg, List<String> notes) throws SQLException {
		this.phase = "dropping the replaced copy";
		List<String> replaced = new ArrayList<>();
		try (Statement s = pg.createStatement(); ResultSet rs = s.executeQuery("select nspname from pg_namespace"
				+ " where (nspname like 'mart\\_replaced\\_%' or nspname like 'ops\\_replaced\\_%')"
				+ " and pg_has_role(nspowner, 'usage') order by 1")) {
			while (rs.next()) {
				replaced.add(rs.getString(1));
			}
		}
		for (String schema : replaced) {
			try {
				execute(pg, "set lock_timeout = '60s'");
				execute(pg, "drop schema " + schema + " cascade");
			}
			catch (SQLException ex) {
				if (!"55P03".equals(ex.getSQLState())) {
					throw ex;
				}
				notes.add("the replaced copy " + schema + " is still read by a long query; the next serve drops it");
			}
			finally {
				execute(pg, "reset lock_timeout");
			}
		}
	}

	private Connection connect() throws SQLException {
		this.phase = "connecting";
		return ServingDatabase.connect(this.target);
	}

	/** One sentence naming the server and what the serve was doing, never the password. */
	private ServeException failure(SQLException ex) {
		String reason = reason(ex);
		if (this.target.password() != null && !this.target.password().isEmpty()) {
			reason = reason.replace(this.target.password(), "…");
		}
		return new ServeException("Not served to " + this.target.describe() + " while " + this.phase + ": " + reason
				+ "; the DuckDB warehouse stays published and the served copy is unchanged.", ex);
	}

	private static void deleteTree(Path dir) {
		try (var walk = Files.walk(dir)) {
			for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
		catch (IOException ex) {
			log.warn("Could not delete the serve's files in {}: {}", dir, ex.getMessage());
		}
	}

}
