package cq.talentwarehouse;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;


/**
 * Every setting of the warehouse, with defaults relative to the working directory so the jar run
 * from a fresh clone just works. Each can be overridden by an environment variable
 * ({@code TALENT_WAREHOUSE=/data/talent.duckdb}) or a {@code --talent.*} argument.
 */
@ConfigurationProperties("talent")
public class TalentProperties {

	/** The landing folder of a fresh clone, relative to the working directory. */
	public static final String DEFAULT_LANDING = "landing";

	/** The published DuckDB warehouse that analysts and BI tools open. */
	private Path warehouse = Path.of("warehouse/talent.duckdb");

	/** Folder of pipeline definitions, one YAML file per district feed. */
	private Path pipelines = Path.of("pipelines");

	/** Landing zone where districts deliver {@code <district>/<yyyy-mm-dd>/} snapshot folders. */
	private Path landing = Path.of(DEFAULT_LANDING);

	/** Folder of the reference seed CSVs, read at run time; the copy bundled in the jar only when it does not exist. */
	private Path seeds = Path.of("seeds");

	public Path getSeeds() {
		return this.seeds;
	}

	public void setSeeds(Path seeds) {
		this.seeds = seeds;
	}

	/** Key file for person pseudonyms, used when TALENT_PSEUDONYM_KEY is not set; created on first run. */
	private Path pseudonymKeyFile;

	/** Records per chunk (one transaction and one restart point per chunk). */
	private int chunkSize = 5000;

	/** District snapshots staged at once; the machine's cores by default. */
	private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

	/**
	 * Memory DuckDB may use while building and testing the warehouse (it spills to the work folder
	 * beyond it); docs/scaling.md has what the limits cost in time and peak memory.
	 */
	private String warehouseMemoryLimit = "1.25GB";

	public String getWarehouseMemoryLimit() {
		return this.warehouseMemoryLimit;
	}

	public void setWarehouseMemoryLimit(String warehouseMemoryLimit) {
		this.warehouseMemoryLimit = warehouseMemoryLimit;
	}

	/**
	 * Hash every landing file each run instead of reusing the last load's SHA-256 of a file whose
	 * size and modification time are unchanged (a file rewritten with the same size and time is
	 * otherwise taken as unchanged).
	 */
	private boolean rehashFiles = false;

	public boolean isRehashFiles() {
		return this.rehashFiles;
	}

	public void setRehashFiles(boolean rehashFiles) {
		this.rehashFiles = rehashFiles;
	}

	/** The default of {@code maxValueChars} (and of {@code source.SizeLimits.DEFAULT}). */
	public static final int DEFAULT_MAX_VALUE_CHARS = 4_000;

	/** The default of {@code maxFieldChars}: a megabyte of characters, far beyond any real cell. */
	public static final int DEFAULT_MAX_FIELD_CHARS = 1 << 20;

	/** Longest value (characters) a record may carry; a longer one quarantines it as value_too_long. */
	private int maxValueChars = DEFAULT_MAX_VALUE_CHARS;

	/** Longest field (characters) a delimited file may hold before its source fails as damaged. */
	private int maxFieldChars = DEFAULT_MAX_FIELD_CHARS;

	public int getMaxValueChars() {
		return this.maxValueChars;
	}

	public void setMaxValueChars(int maxValueChars) {
		this.maxValueChars = maxValueChars;
	}

	public int getMaxFieldChars() {
		return this.maxFieldChars;
	}

	public void setMaxFieldChars(int maxFieldChars) {
		this.maxFieldChars = maxFieldChars;
	}

	/** Also time every item read and processed (Spring Batch item observations); costs throughput. */
	private boolean itemMetrics;

	public boolean isItemMetrics() {
		return this.itemMetrics;
	}

	public void setItemMetrics(boolean itemMetrics) {
		this.itemMetrics = itemMetrics;
	}

	public Path getWarehouse() {
		return this.warehouse;
	}

	public void setWarehouse(Path warehouse) {
		this.warehouse = warehouse;
	}

	public Path getPipelines() {
		return this.pipelines;
	}

	public void setPipelines(Path pipelines) {
		this.pipelines = pipelines;
	}

	public Path getLanding() {
		return this.landing;
	}

	public void setLanding(Path landing) {
		this.landing = landing;
	}

	public Path getPseudonymKeyFile() {
		return (this.pseudonymKeyFile != null) ? this.pseudonymKeyFile : stateDir().resolve("pseudonym.key");
	}

	public void setPseudonymKeyFile(Path pseudonymKeyFile) {
		this.pseudonymKeyFile = pseudonymKeyFile;
	}

	public int getChunkSize() {
		return this.chunkSize;
	}

	public void setChunkSize(int chunkSize) {
		this.chunkSize = chunkSize;
	}

	public int getThreads() {
		return this.threads;
	}

	public void setThreads(int threads) {
		this.threads = threads;
	}

	/** Who is told when a night fails, partly fails or recovers, and how. */
	private final Notify notify = new Notify();

	/** Metrics and health: a Prometheus endpoint in {@code schedule}, a textfile for cron runs. */
	private final Monitor monitor = new Monitor();

	public Notify getNotify() {
		return this.notify;
	}

	public Monitor getMonitor() {
		return this.monitor;
	}

	/**
	 * Notifications of failed, partly failed, not served and empty nights and of the first good
	 * night after one. A channel is on when its URL (mail: its recipients) is set; URLs and secrets
	 * come from the environment or from files ({@code spring.config.import=configtree:DIR}), and
	 * are never printed or logged.
	 */
	public static class Notify {

		/** Deliveries tried again after a failed one, per channel. */
		private int retries = 2;

		/** Wait before the first retry; doubled for each further one. */
		private java.time.Duration retryBackoff = java.time.Duration.ofSeconds(2);

		/** Connect and response timeout of one delivery. */
		private java.time.Duration timeout = java.time.Duration.ofSeconds(10);

		/** How messages spell the command that resumes a run (the launcher path or java -jar ...). */
		private String command = "talent-warehouse";

		/** WeCom (企业微信) group robot. */
		private final Robot wecom = new Robot();

		/** DingTalk (钉钉) custom robot; with a secret every message is signed. */
		private final Robot dingtalk = new Robot();

		/** Feishu (飞书) custom bot; with a secret every message is signed. */
		private final Robot feishu = new Robot();

		/** Any HTTP endpoint that takes the outcome as JSON; with a secret the body is signed. */
		private final Robot webhook = new Robot();

		/** E-mail over SMTP; the server is Spring Boot's {@code spring.mail.*}. */
		private final Mail mail = new Mail();

		public int getRetries() {
			return this.retries;
		}

		public void setRetries(int retries) {
			this.retries = retries;
		}

		public java.time.Duration getRetryBackoff() {
			return this.retryBackoff;
		}

		public void setRetryBackoff(java.time.Duration retryBackoff) {
			this.retryBackoff = retryBackoff;
		}

		public java.time.Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(java.time.Duration timeout) {
			this.timeout = timeout;
		}

		public String getCommand() {
			return this.command;
		}

		public void setCommand(String command) {
			this.command = command;
		}

		public Robot getWecom() {
			return this.wecom;
		}

		public Robot getDingtalk() {
			return this.dingtalk;
		}

		public Robot getFeishu() {
			return this.feishu;
		}

		public Robot getWebhook() {
			return this.webhook;
		}

		public Mail getMail() {
			return this.mail;
		}

		@Override
		public String toString() {
			return "Notify[secrets not shown]";
		}

	}

	/** A chat robot or webhook. */
	public static class Robot {

		/** The webhook URL with its access token; empty: this channel is off. */
		private String url;

		/** Signing secret (DingTalk 加签, Feishu 签名校验, webhook HMAC); empty: unsigned. */
		private String secret;

		/** Message type where the robot has a choice: text or markdown. */
		private String format = "text";

		public String getUrl() {
			return this.url;
		}

		public void setUrl(String url) {
			this.url = url;
		}

		public String getSecret() {
			return this.secret;
		}

		public void setSecret(String secret) {
			this.secret = secret;
		}

		public String getFormat() {
			return this.format;
		}

		public void setFormat(String format) {
			this.format = format;
		}

		public boolean isEnabled() {
			return this.url != null && !this.url.isBlank();
		}

		@Override
		public String toString() {
			return "Robot[" + (isEnabled() ? "on" : "off") + ", secrets not shown]";
		}

	}

	/** Mail recipients and sender. */
	public static class Mail {

		/** Recipients; empty: no mail. */
		private java.util.List<String> to = new java.util.ArrayList<>();

		/** Sender address. */
		private String from = "talent-warehouse@localhost";

		public java.util.List<String> getTo() {
			return this.to;
		}

		public void setTo(java.util.List<String> to) {
			this.to = to;
		}

		public String getFrom() {
			return this.from;
		}

		public void setFrom(String from) {
			this.from = from;
		}

		public boolean isEnabled() {
			return this.to != null && !this.to.isEmpty();
		}

	}

	/** Metrics and health of the nightly load. */
	public static class Monitor {

		/** Port of the Prometheus and health endpoint in {@code schedule}; unset: no endpoint. */
		private Integer port;

		/** Address the endpoint binds to; loopback unless set. */
		private String address = "127.0.0.1";

		/** Health is DOWN when the last successful publish is older than this. */
		private java.time.Duration maxPublishAge = java.time.Duration.ofHours(26);

		/** Prometheus textfile written after every run (node_exporter's textfile collector); unset: none. */
		private Path textfile;

		public Integer getPort() {
			return this.port;
		}

		public void setPort(Integer port) {
			this.port = port;
		}

		public String getAddress() {
			return this.address;
		}

		public void setAddress(String address) {
			this.address = address;
		}

		public java.time.Duration getMaxPublishAge() {
			return this.maxPublishAge;
		}

		public void setMaxPublishAge(java.time.Duration maxPublishAge) {
			this.maxPublishAge = maxPublishAge;
		}

		public Path getTextfile() {
			return this.textfile;
		}

		public void setTextfile(Path textfile) {
			this.textfile = textfile;
		}

	}

	/** The optional PostgreSQL serving database every publish copies the marts into (unset: no serving). */
	private final Serve serve = new Serve();

	public Serve getServe() {
		return this.serve;
	}

	/**
	 * Where the published warehouse is served for BI tools and analysts ({@code TALENT_SERVE_*}).
	 * The password is never printed, logged or written into a report.
	 */
	public static class Serve {

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

	/** The folder beside the published file that holds all other state (work copy, job repository, keys). */
	public Path stateDir() {
		Path parent = this.warehouse.toAbsolutePath().getParent();
		return (parent != null) ? parent : Path.of(".").toAbsolutePath();
	}

	/** Where a run builds its working copy and staging files before publishing. */
	public Path workDir() {
		return stateDir().resolve("work");
	}

}
