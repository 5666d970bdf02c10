package cq.talentwarehouse.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import cq.talentwarehouse.ServeProperties;


/**
 * The PostgreSQL database the warehouse is served to, with its credentials. {@link #toString()} and
 * {@link #describe()} name the server, database and user — never the password, which is also not
 * taken from the URL into any message (a URL may carry {@code password=}).
 *
 * @param url the {@code jdbc:postgresql://} URL
 * @param user the login, null for the driver's default
 * @param password the password, null when none (the driver then tries {@code ~/.pgpass})
 */
public record ServeTarget(String url, String user, String password) {

	/** The configured target, or null when no serving database is configured. */
	public static ServeTarget of(ServeProperties serve) {
		if (serve == null || !serve.isConfigured()) {
			return null;
		}
		String password = serve.getPassword();
		Path file = serve.getPasswordFile();
		if ((password == null || password.isEmpty()) && file != null) {
			try {
				String text = Files.readString(file, StandardCharsets.UTF_8);
				int end = text.indexOf('\n');
				password = ((end >= 0) ? text.substring(0, end) : text).strip();
			}
			catch (IOException ex) {
				throw new ServeException("Cannot read the serving password file " + file + " (" + ex.getClass().getSimpleName()
						+ "); TALENT_SERVE_PASSWORD_FILE must name a readable file whose first line is the password.");
			}
		}
		if (!serve.getUrl().startsWith("jdbc:postgresql:")) {
			throw new ServeException("TALENT_SERVE_URL must be a jdbc:postgresql://host:port/database URL, not '"
					+ redact(serve.getUrl()) + "'.");
		}
		return new ServeTarget(serve.getUrl(), serve.getUser(), password);
	}

	/** "PostgreSQL at host:port/database as user" — what a message may show of the target. */
	public String describe() {
		Properties parsed = org.postgresql.Driver.parseURL(this.url, new Properties());
		String where;
		if (parsed == null) {
			where = redact(this.url);
		}
		else {
			where = parsed.getProperty("PGHOST", "localhost") + ":" + parsed.getProperty("PGPORT", "5432") + "/"
					+ parsed.getProperty("PGDBNAME", "");
		}
		String as = (this.user != null) ? this.user : (parsed != null) ? parsed.getProperty("user") : null;
		return "PostgreSQL at " + where + ((as != null) ? " as " + as : "");
	}

	/** The URL without its query string, which may hold a password. */
	static String redact(String url) {
		int q = url.indexOf('?');
		return (q >= 0) ? url.substring(0, q) + "?…" : url;
	}

	@Override
	public String toString() {
		return describe();
	}

}
