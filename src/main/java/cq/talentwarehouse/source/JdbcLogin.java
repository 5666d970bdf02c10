package cq.talentwarehouse.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;

import cq.talentwarehouse.pipeline.SourceDefinition;

/** How a pull logs in to a district's database: kept apart from what it reads so no password reaches a message. */
final class JdbcLogin {

	private JdbcLogin() {
	}

	/**
	 * Opens a connection: the password from the named variable or file, the connect timeout set the
	 * way the URL's driver takes it; a failure is one sentence naming the data source, never the
	 * password.
	 */
	static Connection connect(SourceDefinition source, Function<String, String> environment) {
		SourceDefinition.Datasource ds = source.datasource();
		String user = (ds.user() != null) ? ds.user() : environment.apply(ds.userEnv());
		if (user == null || user.isEmpty()) {
			throw new SourceException(JdbcPull.describe(source) + ": the environment variable " + ds.userEnv()
					+ " (user_env) is not set, so there is no login to connect with");
		}
		String password = password(source, ds, environment);
		Properties properties = new Properties();
		properties.setProperty("user", user);
		if (password != null) {
			properties.setProperty("password", password);
		}
		long connectSeconds = Math.max(1, (long) Math.ceil(source.connectTimeout().toMillis() / 1000.0));
		long queryMillis = source.queryTimeout().toMillis();
		String url = ds.url();
		String scheme = url.toLowerCase(Locale.ROOT);
		if (scheme.startsWith("jdbc:postgresql:") || scheme.startsWith("jdbc:kingbase8:") || scheme.startsWith("jdbc:opengauss:")) {
			properties.setProperty("connectTimeout", Long.toString(connectSeconds));
			properties.setProperty("loginTimeout", Long.toString(connectSeconds));
			// a network that goes quiet mid-read fails the pull instead of hanging the night
			properties.setProperty("socketTimeout", Long.toString(queryMillis / 1000 + 60));
			properties.setProperty("ApplicationName", "talent-warehouse");
		}
		else if (scheme.startsWith("jdbc:mariadb:") || scheme.startsWith("jdbc:mysql:")) {
			properties.setProperty("connectTimeout", Long.toString(connectSeconds * 1000));
			properties.setProperty("socketTimeout", Long.toString(queryMillis + 60_000));
			// the MariaDB driver answers jdbc:mysql:// URLs only when asked to
			properties.setProperty("permitMysqlScheme", "true");
		}
		else if (scheme.startsWith("jdbc:dm:")) {
			properties.setProperty("connectTimeout", Long.toString(connectSeconds * 1000));
			properties.setProperty("socketTimeout", Long.toString(queryMillis + 60_000));
		}
		try {
			return DriverManager.getConnection(url, properties);
		}
		catch (SQLException ex) {
			throw new SourceException(JdbcPull.describe(source) + ": cannot connect (" + mask(ex.getMessage(), password)
					+ "); check that the database is up and the login is right", ex);
		}
	}

	private static String password(SourceDefinition source, SourceDefinition.Datasource ds, Function<String, String> environment) {
		if (ds.passwordEnv() != null) {
			String value = environment.apply(ds.passwordEnv());
			if (value == null) {
				throw new SourceException(JdbcPull.describe(source) + ": the environment variable " + ds.passwordEnv()
						+ " (password_env) is not set");
			}
			return value;
		}
		if (ds.passwordFile() != null) {
			try {
				List<String> lines = Files.readAllLines(Path.of(ds.passwordFile()), StandardCharsets.UTF_8);
				return lines.isEmpty() ? "" : lines.get(0).strip();
			}
			catch (IOException ex) {
				throw new SourceException(JdbcPull.describe(source) + ": cannot read the password file " + ds.passwordFile()
						+ " (" + ex.getClass().getSimpleName() + ")", ex);
			}
		}
		return null;
	}

	static String mask(String message, String password) {
		String m = String.valueOf(message).replaceAll("\\s+", " ").strip();
		return (password != null && password.length() >= 3) ? m.replace(password, "***") : m;
	}

}
