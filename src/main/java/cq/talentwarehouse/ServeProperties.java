package cq.talentwarehouse;

import java.nio.file.Path;

/**
 * The {@code talent.serve} group of {@link TalentProperties}: where the published warehouse is served for
 * BI tools and analysts ({@code TALENT_SERVE_*}). The password is never printed, logged or written into a report.
 */
public class ServeProperties {

	/** JDBC URL of the PostgreSQL database, e.g. {@code jdbc:postgresql://bi-db:5432/talent} ({@code TALENT_SERVE_URL}). */
	private String url;

	/** Login that owns the served schemas and creates the reader roles ({@code TALENT_SERVE_USER}). */
	private String user;

	/** Its password ({@code TALENT_SERVE_PASSWORD}); prefer a password file. */
	private String password;

	/** File holding the password on its first line ({@code TALENT_SERVE_PASSWORD_FILE}); read only when no password is set. */
	private Path passwordFile;

	public boolean isConfigured() {
		return this.url != null && !this.url.isBlank();
	}

	public String getUrl() {
		return this.url;
	}

	public void setUrl(String url) {
		this.url = url;
	}

	public String getUser() {
		return this.user;
	}

	public void setUser(String user) {
		this.user = user;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public Path getPasswordFile() {
		if (this.passwordFile == null) {
			// relaxed binding reads TALENT_SERVE_PASSWORD_FILE as talent.serve.password.file, not password-file
			String env = System.getenv("TALENT_SERVE_PASSWORD_FILE");
			return (env != null && !env.isBlank()) ? Path.of(env) : null;
		}
		return this.passwordFile;
	}

	public void setPasswordFile(Path passwordFile) {
		this.passwordFile = passwordFile;
	}

	@Override
	public String toString() {
		return "Serve[url=" + this.url + ", user=" + this.user + ", password=" + ((this.password != null) ? "(set)" : "(none)")
				+ ", passwordFile=" + getPasswordFile() + "]";
	}

}
