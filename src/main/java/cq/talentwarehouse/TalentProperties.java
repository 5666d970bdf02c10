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

	/**
	 * Whether a {@code schedule} prepares the next run's working copy once a run ends (a copy of the
	 * published file, seeded, migrated, its key columns read into memory and held there until the
	 * next run): a night then stages on both cores and builds at once.
	 */
	private boolean prepareBetweenRuns = true;

	public boolean isPrepareBetweenRuns() {
		return this.prepareBetweenRuns;
	}

	public void setPrepareBetweenRuns(boolean prepareBetweenRuns) {
		this.prepareBetweenRuns = prepareBetweenRuns;
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
	private String warehouseMemoryLimit = "1.5GB";

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
	private final NotifyProperties notify = new NotifyProperties();

	/** Metrics and health: a Prometheus endpoint in {@code schedule}, a textfile for cron runs. */
	private final MonitorProperties monitor = new MonitorProperties();

	public NotifyProperties getNotify() {
		return this.notify;
	}

	public MonitorProperties getMonitor() {
		return this.monitor;
	}

	/** The optional PostgreSQL serving database every publish copies the marts into (unset: no serving). */
	private final ServeProperties serve = new ServeProperties();

	public ServeProperties getServe() {
		return this.serve;
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
