package cq.talentwarehouse.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import cq.talentwarehouse.cli.TalentWarehouseApplication;
import cq.talentwarehouse.load.DuckDb;
import cq.talentwarehouse.publish.Publisher;
import cq.talentwarehouse.report.ReportWriter;
import cq.talentwarehouse.run.LoadRun;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the end-to-end tests share: the functional fixture landing zone
 * ({@code src/test/resources/functional}), the project's pipelines with a relaxed reject threshold,
 * loads run in this JVM against a test's folders, and the rows of the warehouses they publish.
 */
public final class Fixtures {

	public static final Path FUNCTIONAL_LANDING = Path.of("src/test/resources/functional/landing");

	private Fixtures() {
	}

	/** A load's exit code and everything it printed. */
	public record LoadResult(int exit, String output) {
	}

	/** Copies a folder tree. */
	public static Path copy(Path source, Path target) throws IOException {
		try (Stream<Path> files = Files.walk(source)) {
			for (Path p : files.toList()) {
				Path t = target.resolve(source.relativize(p).toString());
				if (Files.isDirectory(p)) {
					Files.createDirectories(t);
				}
				else {
					Files.copy(p, t, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
				}
			}
		}
		return target;
	}

	/** The functional fixture landing zone, copied to {@code dir/landing} so a test may change it. */
	public static Path functionalLanding(Path dir) throws IOException {
		return copy(FUNCTIONAL_LANDING, dir.resolve("landing"));
	}

	/**
	 * The project's pipeline files in {@code target} with a 50% reject threshold: the fixtures hold
	 * one broken record per rule among a dozen clean ones, far above what a real feed may reject.
	 */
	public static Path relaxedPipelines(Path target) throws IOException {
		Files.createDirectories(target);
		try (Stream<Path> files = Files.list(Path.of("pipelines"))) {
			for (Path p : files.toList()) {
				Files.writeString(target.resolve(p.getFileName().toString()), relaxed(Files.readString(p,
						StandardCharsets.UTF_8), "0.5"), StandardCharsets.UTF_8);
			}
		}
		return target;
	}

	/** A pipeline text with {@code reject_threshold} set on every source. */
	public static String relaxed(String yaml, String threshold) {
		return yaml.replaceAll("(?m)^(\\s+)file: (.*)$", "$1file: $2\n$1reject_threshold: " + threshold);
	}

	/** Spring arguments for a load of these folders; the job repository and key sit beside the warehouse. */
	public static List<String> arguments(Path pipelines, Path landing, Path warehouse, Path keyFile) {
		return List.of("--talent.warehouse=" + warehouse, "--talent.pipelines=" + pipelines, "--talent.landing=" + landing,
				"--talent.pseudonym-key-file=" + keyFile,
				"--spring.datasource.url=jdbc:h2:file:" + warehouse.toAbsolutePath().getParent().resolve("job-repository"));
	}

	public static LoadResult run(List<String> arguments) {
		return with(arguments, (load, out) -> load.run(Set.of(), out));
	}

	/** A load that must publish: fails the test with everything the load printed otherwise. */
	public static LoadResult runPublished(List<String> arguments) {
		LoadResult result = run(arguments);
		assertThat(result.exit()).as(result.output()).isEqualTo(LoadRun.PUBLISHED);
		return result;
	}

	/** A run that reloads every snapshot, changed or not. */
	public static LoadResult runForced(List<String> arguments) {
		return with(arguments, (load, out) -> load.run(Set.of(), true, out));
	}

	public static LoadResult restart(List<String> arguments) {
		return with(arguments, LoadRun::restart);
	}

	/** The fixture landing zone loaded into {@code dir/warehouse/talent.duckdb}; fails unless it published. */
	public static Path fixtureLoad(Path dir) throws IOException {
		copy(loadedFixture(), dir);
		return warehouse(dir);
	}

	/**
	 * A second, small load into {@link #fixtureLoad}'s folders: 江津's 2023-12-31 files again as its
	 * 2024-12-31 snapshot, the roster cut to its first {@code rosterRecords} records (a night's size).
	 */
	public static LoadResult smallJiangjinLoad(Path dir, Path warehouse, int rosterRecords) throws IOException {
		smallJiangjinSnapshot(dir, rosterRecords);
		return run(arguments(dir.resolve("pipelines"), dir.resolve("landing"), warehouse, dir.resolve("key")));
	}

	/** {@link #smallJiangjinLoad}'s snapshot, delivered into {@code dir/landing} and not loaded. */
	public static void smallJiangjinSnapshot(Path dir, int rosterRecords) throws IOException {
		Path fixture = FUNCTIONAL_LANDING.resolve("jiangjin/2023-12-31");
		Path folder = Files.createDirectories(dir.resolve("landing/jiangjin/2024-12-31"));
		for (String file : List.of("企业资质名单.csv", "创新平台名单.csv", "人才资源花名册.csv")) {
			Files.copy(fixture.resolve(file), folder.resolve(file));
		}
		Path roster = folder.resolve("人才资源花名册.csv");
		List<String> lines = Files.readAllLines(roster, StandardCharsets.UTF_8);
		Files.write(roster, lines.subList(0, 1 + rosterRecords), StandardCharsets.UTF_8);
	}

	/** The fixture load runs once per test JVM; each test gets a copy of its folders (a load is seconds, a copy milliseconds). */
	private static synchronized Path loadedFixture() throws IOException {
		if (loadedFixture == null) {
			Path dir = Files.createTempDirectory("talent-fixture-load");
			Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
			LoadResult result = load(dir, functionalLanding(dir));
			if (result.exit() != LoadRun.PUBLISHED) {
				throw new IllegalStateException("fixture load exited " + result.exit() + ":\n" + result.output());
			}
			// the publish removes the file it replaced and the run's staged files in the background: a
			// copy walking the folder meanwhile met a file gone under it (NoSuchFileException)
			Publisher.awaitRemovals();
			loadedFixture = dir;
		}
		return loadedFixture;
	}

	private static Path loadedFixture;

	private static void delete(Path dir) {
		try (Stream<Path> files = Files.walk(dir)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary folder left behind is harmless
		}
	}

	/** The warehouse a test load in {@code dir} publishes. */
	public static Path warehouse(Path dir) {
		return dir.resolve("warehouse/talent.duckdb");
	}

	/** A load of {@code landing} with the relaxed fixture pipelines into {@link #warehouse(Path)}, key in {@code dir}. */
	public static LoadResult load(Path dir, Path landing) throws IOException {
		return run(arguments(relaxedPipelines(dir.resolve("pipelines")), landing, warehouse(dir), dir.resolve("key")));
	}

	@FunctionalInterface
	private interface Action {

		int apply(LoadRun load, PrintStream out) throws Exception;

	}

	private static LoadResult with(List<String> arguments, Action action) {
		SpringApplication app = new SpringApplication(TalentWarehouseApplication.class);
		app.setWebApplicationType(WebApplicationType.NONE);
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		try (ConfigurableApplicationContext context = app.run(arguments.toArray(String[]::new));
				PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
			int exit = action.apply(context.getBean(LoadRun.class), out);
			return new LoadResult(exit, buffer.toString(StandardCharsets.UTF_8));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The rows of a query against a published warehouse, as text. */
	public static List<List<String>> rows(Path warehouse, String sql) throws Exception {
		try (Connection c = DuckDb.openReadOnly(warehouse)) {
			return rows(c, sql);
		}
	}

	/** The rows of a query on any JDBC connection (DuckDB or PostgreSQL), as text. */
	public static List<List<String>> rows(Connection connection, String sql) throws SQLException {
		List<List<String>> rows = new ArrayList<>();
		try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
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

	/** The HTML report of a published warehouse, written to {@code file}, as text. */
	public static String report(Path warehouse, Path file) throws Exception {
		try (Connection c = DuckDb.openReadOnly(warehouse)) {
			ReportWriter.write(c, file, "talent.duckdb");
		}
		return Files.readString(file, StandardCharsets.UTF_8);
	}

	/** Every mart an analyst reads, as text: equal texts mean equal warehouses for them. */
	public static String marts(Path warehouse) throws Exception {
		StringBuilder b = new StringBuilder();
		for (String view : List.of("district_talent_totals", "district_enterprise_counts", "district_indicators",
				"reported_vs_computed")) {
			b.append(view).append('\n');
			for (List<String> row : rows(warehouse, "select * from mart." + view + " order by all")) {
				b.append(row).append('\n');
			}
		}
		return b.toString();
	}

}
