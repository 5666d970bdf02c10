package cq.talentwarehouse.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's choices (src/main/bin/talent-warehouse): which Java it runs, and whether that
 * runtime gets the class-data-sharing archive (Java 17) or the AOT cache (Java 25+), written by the
 * first {@code run} and used afterwards. The JDKs here are stand-ins — a {@code release} file and a
 * {@code bin/java} script that logs its arguments and writes the file a JVM would — so the choices
 * are tested on any machine, with or without a JDK 25.
 */
class LauncherTests {

	private static final Path LAUNCHER = Path.of("src/main/bin/talent-warehouse");

	@TempDir
	Path dir;

	private Path app;

	private Path jdks;

	private Path pathJdk;

	@BeforeEach
	void installLauncher() throws IOException {
		app = dir.resolve("app");
		Files.createDirectories(app.resolve("bin"));
		Path launcher = app.resolve("bin/talent-warehouse");
		Files.copy(LAUNCHER, launcher);
		launcher.toFile().setExecutable(true);
		Files.writeString(app.resolve("talent-warehouse.jar"), "stand-in");
		Files.setLastModifiedTime(app.resolve("talent-warehouse.jar"), FileTime.from(Instant.now().minusSeconds(3600)));
		jdks = dir.resolve("jvm");
		pathJdk = jdk(dir.resolve("path-jdk"), "17.0.15", "17.0.15+6");
	}

	@Test
	void java17WritesAClassDataSharingArchiveOnTheFirstRunAndMapsItAfterwards() throws Exception {
		// given only a Java 17 (on the PATH)
		// when run twice
		List<String> first = launch(Map.of(), "run");
		List<String> second = launch(Map.of(), "run");

		// then the first run writes app.jsa, the second maps it; neither touches AOT options
		assertThat(first).singleElement().asString().startsWith(pathJdk + "/bin/java ")
			.contains("-XX:ArchiveClassesAtExit=" + app.resolve("app.jsa."))
			.doesNotContain("AOT");
		assertThat(app.resolve("app.jsa")).exists();
		assertThat(second).singleElement().asString().contains("-XX:SharedArchiveFile=" + app.resolve("app.jsa"))
			.doesNotContain("AOT").endsWith("-jar " + app.resolve("talent-warehouse.jar") + " run");
	}

	@Test
	void prefersAnInstalledJdk25AndBuildsItsAotCacheAfterTheFirstRun() throws Exception {
		// given Java 17 on the PATH and a JDK 25 installed beside an older one
		Path jdk25 = jdk(jdks.resolve("temurin-25"), "25.0.3", "25.0.3+9-LTS");
		jdk(jdks.resolve("java-21"), "21.0.2", "21.0.2+13");

		// when run, then run again
		List<String> first = launch(Map.of("TALENT_JDK_DIRS", jdks.toString()), "run");
		List<String> second = launch(Map.of("TALENT_JDK_DIRS", jdks.toString()), "run", "--district", "500116");

		// then the first run runs on Java 25 as it would without a cache; the cache is then recorded from
		// a training load of a generated city and built, under the runtime's version
		Path cache = app.resolve(cacheName(app));
		assertThat(first).hasSize(4);
		assertThat(first.get(0)).startsWith(jdk25 + "/bin/java ")
			.doesNotContain("AOT", "SharedArchiveFile", "ArchiveClassesAtExit").endsWith(" run");
		assertThat(first.get(1)).startsWith(jdk25 + "/bin/java ").doesNotContain("AOT")
			.contains(" generate --districts all --scale 0.01 --seed-pipelines " + app.resolve("training/pipelines")
					+ " --out city");
		assertThat(first.get(2)).contains("-XX:AOTMode=record").endsWith(" run --no-handoff --pipelines city/pipelines"
				+ " --landing city/landing --warehouse city/warehouse/talent.duckdb");
		assertThat(first.get(3)).contains("-XX:AOTMode=create", "-XX:AOTCache=" + cache + ".");
		assertThat(cache).exists();
		try (var files = Files.list(app)) {
			assertThat(files.map((f) -> f.getFileName().toString()))
				.noneMatch((f) -> f.endsWith(".conf") || f.startsWith("aot-training"));
		}
		// and the next run starts from it
		assertThat(second).singleElement().asString().startsWith(jdk25 + "/bin/java ")
			.contains("-XX:AOTCache=" + cache, "-Xlog:all=warning,aot*=off,cds*=off")
			.endsWith(" run --district 500116");
	}

	@Test
	void theCacheIsTrainedWithoutTheOperatorsSettingsAndTheRunKeepsItsExitCode() throws Exception {
		// given a JDK 25, a run that serves and notifies, and JAVA_OPTS with a heap and a property
		jdk(jdks.resolve("temurin-25"), "25.0.3", "25.0.3+9-LTS");
		Map<String, String> env = Map.of("TALENT_JDK_DIRS", jdks.toString(),
				"TALENT_SERVE_URL", "jdbc:postgresql://db/talent", "TALENT_NOTIFY_WEBHOOK_URL", "http://hook",
				"SPRING_MAIL_HOST", "mail", "TALENT_PSEUDONYM_KEY", "secret-key-material",
				"JAVA_OPTS", "-Xmx2g -Dtalent.serve-url=jdbc:postgresql://db/x", "STAND_IN_EXIT", "5");

		// when the first run ends with exit 5
		Result result = launchWithResult(env, "run");

		// then that exit stands; the command itself had the settings
		assertThat(result.exitCode()).isEqualTo(5);
		List<String> environments = Files.readAllLines(dir.resolve("environments.log"), StandardCharsets.UTF_8);
		assertThat(result.calls()).hasSize(4);
		assertThat(result.calls().get(0)).contains("-Xmx2g", "-Dtalent.serve-url=");
		assertThat(environments.get(0)).contains("TALENT_SERVE_URL=", "TALENT_NOTIFY_WEBHOOK_URL=", "SPRING_MAIL_HOST=");
		// and the training's three JVMs ran in a folder of their own with the JVM options but none of the
		// operator's TALENT_*/SPRING_* variables or -D properties: nothing served, notified or mailed
		for (int call = 1; call <= 3; call++) {
			assertThat(result.calls().get(call)).contains("-Xmx2g").doesNotContain("-Dtalent.serve-url");
			assertThat(environments.get(call)).startsWith("cwd=" + app.toRealPath().resolve("aot-training."))
				.doesNotContain("TALENT_", "SPRING_", "secret-key-material");
		}
		assertThat(app.resolve(cacheName(app))).exists();
	}

	@Test
	void anInterruptedTrainingLeavesNothingBehindAndTheRunKeepsItsExitCode() throws Exception {
		// given a JDK 25, and a service stop (SIGTERM to the launcher) while the training generates its city
		jdk(jdks.resolve("temurin-25"), "25.0.3", "25.0.3+9-LTS");

		// when the first run ends and its training is interrupted
		Result result = launchWithResult(Map.of("TALENT_JDK_DIRS", jdks.toString(), "STAND_IN_INTERRUPT", "1"), "run");

		// then the run's own exit code stands, the training went no further, and neither its folder
		// (a generated city) nor a cache or configuration is left in the installation
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.calls()).hasSize(2);
		assertThat(result.calls().get(1)).contains(" generate ");
		try (var files = Files.list(app)) {
			assertThat(files.map((f) -> f.getFileName().toString()))
				.noneMatch((f) -> f.startsWith("aot-training") || f.endsWith(".aot") || f.endsWith(".conf")
						|| f.matches(".*\\.aot\\.[0-9]+"));
		}
	}

	@Test
	void anExplicitJavaHomeIsNeverReplaced() throws Exception {
		// given JAVA_HOME naming a Java 17 while a JDK 25 is installed
		jdk(jdks.resolve("temurin-25"), "25.0.3", "25.0.3+9-LTS");
		Path explicit = jdk(dir.resolve("explicit-17"), "17.0.15", "17.0.15+6");

		// when run
		List<String> calls = launch(Map.of("TALENT_JDK_DIRS", jdks.toString(), "JAVA_HOME", explicit.toString()), "run");

		// then that Java runs, with the class-data-sharing archive
		assertThat(calls).singleElement().asString().startsWith(explicit + "/bin/java ")
			.contains("-XX:ArchiveClassesAtExit=").doesNotContain("AOT");
	}

	@Test
	void aCacheOlderThanTheJarIsRebuiltAndQueriesNeverBuildOne() throws Exception {
		// given a JDK 25 and a cache older than the jar
		jdk(jdks.resolve("temurin-25"), "25.0.3", "25.0.3+9-LTS");
		Path cache = app.resolve(cacheName(app));
		Files.writeString(cache, "old");
		Files.setLastModifiedTime(cache, FileTime.from(Instant.now().minusSeconds(7200)));
		Map<String, String> env = Map.of("TALENT_JDK_DIRS", jdks.toString());

		// when a query runs, then a run
		List<String> query = launch(env, "query", "select 1");
		List<String> run = launch(env, "run");

		// then the query runs without the stale cache and builds none; the run records and builds a new one
		assertThat(query).singleElement().asString().doesNotContain("AOT").endsWith("query select 1");
		assertThat(run).hasSize(4);
		assertThat(run.get(2)).contains("-XX:AOTMode=record");
		assertThat(Files.readString(cache)).isNotEqualTo("old");
	}

	@Test
	void theCacheCanBeSwitchedOffAndTheJdkSearchToo() throws Exception {
		// given a JDK 25 installed and its cache built
		Path jdk25 = jdk(jdks.resolve("temurin-25"), "25.0.3", "25.0.3+9-LTS");
		Files.writeString(app.resolve(cacheName(app)), "cache");

		// when run with TALENT_AOT=off, and with TALENT_JDK_DIRS=none
		List<String> noCache = launch(Map.of("TALENT_JDK_DIRS", jdks.toString(), "TALENT_AOT", "off"), "run");
		List<String> noSearch = launch(Map.of("TALENT_JDK_DIRS", "none"), "status");

		// then Java 25 runs without the cache, and the PATH's Java 17 without the search
		assertThat(noCache).singleElement().asString().startsWith(jdk25 + "/bin/java ").doesNotContain("AOT");
		assertThat(noSearch).singleElement().asString().startsWith(pathJdk + "/bin/java ").doesNotContain("AOT");
	}

	@Test
	void aCacheThatCouldNotBeBuiltIsSaidOnceAndTheRunKeepsItsExitCode() throws Exception {
		// given a JDK 25 whose cache build fails
		jdk(jdks.resolve("temurin-25"), "25.0.3", "25.0.3+9-LTS");
		Files.writeString(dir.resolve("fail-create"), "");

		// when run
		Result result = launchWithResult(Map.of("TALENT_JDK_DIRS", jdks.toString()), "run");

		// then the run's own exit code stands, stderr says where the log is, and no cache, configuration
		// or training folder is left
		assertThat(result.exitCode()).isZero();
		assertThat(result.stderr()).contains("the AOT cache was not built (see " + app.resolve(cacheName(app) + ".log"));
		try (var files = Files.list(app)) {
			assertThat(files.map((f) -> f.getFileName().toString()))
				.noneMatch((f) -> f.endsWith(".aot") || f.endsWith(".conf") || f.startsWith("aot-training"));
		}
	}

	@Test
	void aCopiedInstallationBuildsItsOwnCacheInsteadOfMappingTheOriginalsClassPath() throws Exception {
		// given a JDK 25 and an installation whose cache was built, copied elsewhere (target/ to /srv)
		jdk(jdks.resolve("temurin-25"), "25.0.3", "25.0.3+9-LTS");
		Map<String, String> env = Map.of("TALENT_JDK_DIRS", jdks.toString());
		launch(env, "run");
		Path copy = dir.resolve("srv/app");
		Files.createDirectories(copy.resolve("bin"));
		try (var files = Files.list(app)) {
			for (Path f : files.filter(Files::isRegularFile).toList()) {
				Files.copy(f, copy.resolve(f.getFileName()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
			}
		}
		Files.copy(app.resolve("bin/talent-warehouse"), copy.resolve("bin/talent-warehouse"));
		app = copy;

		// when the copy runs a query, then a run
		List<String> query = launch(env, "query", "select 1");
		List<String> run = launch(env, "run");

		// then the query does not map the original's cache, the run builds the copy's own and drops the original's
		assertThat(query).singleElement().asString().doesNotContain("AOT");
		assertThat(run.get(2)).contains("-XX:AOTMode=record");
		try (var files = Files.list(copy)) {
			assertThat(files.map((f) -> f.getFileName().toString()).filter((f) -> f.endsWith(".aot")))
				.containsExactly(cacheName(copy));
		}
	}

	@Test
	void runAndRestartStartSpringFromTheBuildTimeContextOnEitherJava() throws Exception {
		// given Java 17 on the PATH and a JDK 25 installed
		Path jdk25 = jdk(jdks.resolve("temurin-25"), "25.0.3", "25.0.3+9-LTS");
		Map<String, String> java25 = Map.of("TALENT_JDK_DIRS", jdks.toString());
		Map<String, String> java17 = Map.of("TALENT_JDK_DIRS", "none");

		// when each command runs on each Java
		List<String> run17 = launch(java17, "run");
		List<String> restart25 = launch(java25, "restart");
		List<String> schedule25 = launch(java25, "schedule");
		List<String> query17 = launch(java17, "query", "select 1");
		List<String> off = launch(Map.of("TALENT_JDK_DIRS", "none", "JAVA_OPTS", "-Dspring.aot.enabled=false"), "run");

		// then run and restart ask for Spring AOT, schedule and queries do not, and JAVA_OPTS can switch it off
		assertThat(run17.get(0)).startsWith(pathJdk + "/bin/java ").contains(" -Dspring.aot.enabled=true ");
		assertThat(restart25.get(0)).startsWith(jdk25 + "/bin/java ").contains(" -Dspring.aot.enabled=true ");
		assertThat(schedule25).singleElement().asString().doesNotContain("spring.aot");
		assertThat(query17).singleElement().asString().doesNotContain("spring.aot");
		assertThat(off).singleElement().asString()
			.containsSubsequence("-Dspring.aot.enabled=true", "-Dspring.aot.enabled=false", "-jar");
	}

	@Test
	void aRunTheScheduleMayTakeIsHandedOverByBashWithoutAJvmAndLoadsAsAlwaysWhenNotTaken() throws Exception {
		// given a JDK 25 with its cache built, and a stand-in schedule listening for one warehouse that
		// takes runs of its landing zone (printing a line to each stream, exit 3) and declines others
		jdk(jdks.resolve("temurin-25"), "25.0.3", "25.0.3+9-LTS");
		Path cache = app.resolve(cacheName(app));
		Files.writeString(cache, "cache");
		// (folders with spaces, as an operator's may have)
		Path served = Files.createDirectories(dir.resolve("served warehouse"));
		Path pipelines = Files.createDirectories(dir.resolve("pipe lines"));
		String warehouse = served.resolve("talent.duckdb").toString();
		String landing = dir.resolve("landing").toString();
		String lostLanding = dir.resolve("landing of a schedule killed mid-run").toString();
		// a cron line naming no folder, in a folder laid out as the defaults expect
		Path home = Files.createDirectories(dir.resolve("home"));
		Files.createDirectories(home.resolve(WarehouseOptions.PIPELINES_DEFAULT));
		Path defaultWarehouse = home.resolve(WarehouseOptions.WAREHOUSE_DEFAULT);
		Files.createDirectories(defaultWarehouse.getParent());
		List<List<String>> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
		try (java.net.ServerSocket schedule = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
			String token = "5a".repeat(32);
			Files.writeString(served.resolve("schedule.port"), schedule.getLocalPort() + " " + token + "\n");
			Files.writeString(defaultWarehouse.resolveSibling("schedule.port"), schedule.getLocalPort() + " " + token + "\n");
			Thread listener = new Thread(() -> standInSchedule(schedule, landing, lostLanding, requests));
			listener.setDaemon(true);
			listener.start();
			Map<String, String> env = Map.of("TALENT_JDK_DIRS", jdks.toString());
			String[] folders = { "--pipelines", pipelines.toString(), "--landing", landing };

			// when runs name that warehouse (as an option, as option=value, in the environment), one names
			// another landing zone, one another warehouse, one loads here and one names a district
			Result handed = launchWithResult(env, args("run", "--warehouse", warehouse, "--force", folders));
			Result handedEquals = launchWithResult(env, args("run", "--warehouse=" + warehouse, folders));
			Result handedEnv = launchWithResult(Map.of("TALENT_JDK_DIRS", jdks.toString(), "TALENT_WAREHOUSE", warehouse),
					args("run", folders));
			List<String> declined = launch(env, "run", "--warehouse", warehouse, "--pipelines", pipelines.toString(),
					"--landing", dir.resolve("elsewhere").toString());
			List<String> elsewhere = launch(env, args("run", "--warehouse", dir.resolve("other/talent.duckdb").toString(), folders));
			List<String> here = launch(env, args("run", "--no-handoff", "--warehouse", warehouse, folders));
			List<String> district = launch(env, args("run", "--district", "500116", "--warehouse", warehouse, folders));
			Result lost = launchWithResult(env, args("run", "--warehouse", warehouse, "--pipelines", pipelines.toString(),
					"--landing", lostLanding));
			Result defaults = launchIn(home, env, "run");

			// then a run the schedule takes starts no JVM: the launcher prints the run's lines and ends with its exit
			for (Result result : List.of(handed, handedEquals, handedEnv)) {
				assertThat(result.calls()).isEmpty();
				assertThat(result.exitCode()).isEqualTo(3);
				assertThat(result.stdout()).isEqualTo("江津区 published\nno line end");
				assertThat(result.stderr()).isEqualTo("Handed to the running schedule (schedule pid 42); its log has the"
						+ " details.\nwarning: 永川区\n");
			}
			// and it asked with the token, the folders absolute, --force as said and no districts
			assertThat(requests.get(0)).containsExactly("talent-warehouse-run/2", token, "run", warehouse,
					pipelines.toString(), landing, Path.of("").toAbsolutePath().toRealPath().resolve("seeds").toString(), "true", "0");
			assertThat(requests.get(1).get(7)).isEqualTo("false");
			// and one it declines loads next in a JVM set up for a load, not trying again
			assertThat(declined).singleElement().asString().contains("-XX:AOTCache=" + cache)
				.endsWith(" --landing " + dir.resolve("elsewhere") + " --no-handoff");
			// and a schedule that went away mid-run leaves the launcher saying so, exit 1, no JVM started
			assertThat(lost.calls()).isEmpty();
			assertThat(lost.exitCode()).isEqualTo(1);
			assertThat(lost.stdout()).isEqualTo("half a table\n");
			assertThat(lost.stderr()).contains("The schedule went away before the handed run ended");
			// and a cron line naming no folder asks for the command line's defaults, from the physical working folder
			Path real = home.toRealPath();
			assertThat(requests.get(5)).containsSubsequence(real.resolve(WarehouseOptions.WAREHOUSE_DEFAULT).toString(),
					real.resolve(WarehouseOptions.PIPELINES_DEFAULT).toString(),
					real.resolve(WarehouseOptions.LANDING_DEFAULT).toString(), real.resolve(WarehouseOptions.SEEDS_DEFAULT).toString());
			assertThat(defaults.calls()).singleElement().asString().endsWith(" run --no-handoff");
			assertThat(requests).hasSize(6);
			// and the rest load in a JVM, which may hand over itself (a district's code needs the seeds read)
			for (List<String> calls : List.of(elsewhere, here, district)) {
				assertThat(calls).singleElement().asString().contains("-XX:AOTCache=" + cache).doesNotEndWith("--no-handoff");
			}
			assertThat(Files.readString(cache)).isEqualTo("cache");
		}
	}

	/**
	 * Answers each request as a schedule loading {@code landing} would, recording its lines; one for
	 * {@code lostLanding} it takes and then goes away mid-run (killed).
	 */
	private static void standInSchedule(java.net.ServerSocket schedule, String landing, String lostLanding,
			List<List<String>> requests) {
		while (!schedule.isClosed()) {
			try (java.net.Socket client = schedule.accept()) {
				java.io.BufferedReader in = new java.io.BufferedReader(
						new java.io.InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
				List<String> lines = new ArrayList<>();
				for (int i = 0; i < 9; i++) {
					lines.add(in.readLine());
				}
				requests.add(lines);
				java.io.OutputStream out = client.getOutputStream();
				String answer = lines.get(5).equals(landing)
						? "Aschedule pid 42\nO江津区 published\nEwarning: 永川区\nono line end\nX3\n"
						: lines.get(5).equals(lostLanding) ? "Aschedule pid 42\nOhalf a table\n"
								: "Dthe schedule reads the landing zone " + landing + "\n";
				out.write(answer.getBytes(StandardCharsets.UTF_8));
				out.flush();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	/** Arguments from single ones and groups of them. */
	private static String[] args(Object... parts) {
		List<String> args = new ArrayList<>();
		for (Object part : parts) {
			if (part instanceof String[] group) {
				args.addAll(List.of(group));
			}
			else {
				args.add((String) part);
			}
		}
		return args.toArray(String[]::new);
	}

	/** The cache's name for an installation: the runtime's version and a checksum of the folder's path. */
	private static String cacheName(Path home) throws Exception {
		Process cksum = new ProcessBuilder("bash", "-c", "printf '%s' \"$1\" | cksum | cut -d' ' -f1", "cksum",
				home.toAbsolutePath().toString()).start();
		String place = new String(cksum.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		assertThat(cksum.waitFor()).isZero();
		return "app-25.0.3+9-LTS-" + place + ".aot";
	}

	/** A stand-in JDK: a release file and a java that logs its arguments and writes what the JVM would. */
	private Path jdk(Path home, String version, String runtimeVersion) throws IOException {
		Files.createDirectories(home.resolve("bin"));
		Files.writeString(home.resolve("release"),
				"JAVA_VERSION=\"" + version + "\"\nJAVA_RUNTIME_VERSION=\"" + runtimeVersion + "\"\n");
		Path java = home.resolve("bin/java");
		Files.writeString(java, """
				#!/usr/bin/env bash
				echo "$0 $*" >> "%s"
				echo "cwd=$PWD $(printenv | grep -E '^(TALENT|SPRING)_' | sort | tr '\\n' ' ')" >> "%s"
				# a service stop while the training generates its city: SIGTERM to the launcher (the
				# parent of the subshell that started this)
				if [[ -n "${STAND_IN_INTERRUPT:-}" && " $* " == *" generate "* ]]; then
					mkdir -p city && echo generated > city/roster.csv
					kill -TERM "$(awk '{print $4}' /proc/$PPID/stat)"
					exit 143
				fi
				# a run no schedule takes: the light JVM's exit that sends the launcher on to load
				[[ -n "${STAND_IN_NOT_HANDED:-}" && " $* " == *" --handoff-only"* ]] && exit 75
				mode=""; config=""; cache=""
				for a in "$@"; do
					case "$a" in
						-XX:ArchiveClassesAtExit=*) echo archive > "${a#*=}" ;;
						-XX:AOTMode=*) mode="${a#*=}" ;;
						-XX:AOTConfiguration=*) config="${a#*=}" ;;
						-XX:AOTCache=*) cache="${a#*=}" ;;
					esac
				done
				[[ "$mode" == record ]] && echo configuration > "$config"
				if [[ "$mode" == create ]]; then
					[[ -f "%s" ]] && { echo "cannot create" >&2; exit 1; }
					echo cache > "$cache"
				fi
				# the command's own exit (STAND_IN_EXIT), not the training's
				[[ "$PWD" == */aot-training.* ]] || exit "${STAND_IN_EXIT:-0}"
				exit 0
				""".formatted(dir.resolve("calls.log"), dir.resolve("environments.log"), dir.resolve("fail-create")));
		Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
		return home;
	}

	private record Result(int exitCode, String stdout, String stderr, List<String> calls) {
	}

	private List<String> launch(Map<String, String> env, String... args) throws Exception {
		Result result = launchWithResult(env, args);
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		return result.calls();
	}

	private Result launchWithResult(Map<String, String> env, String... args) throws Exception {
		return launchIn(null, env, args);
	}

	/** The launcher run in {@code directory} (null: this JVM's). */
	private Result launchIn(Path directory, Map<String, String> env, String... args) throws Exception {
		Path calls = dir.resolve("calls.log");
		Files.deleteIfExists(calls);
		Files.deleteIfExists(dir.resolve("environments.log"));
		List<String> command = new ArrayList<>(List.of(app.resolve("bin/talent-warehouse").toString()));
		command.addAll(List.of(args));
		Path stdout = dir.resolve("stdout.txt");
		ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile());
		if (directory != null) {
			builder.directory(directory.toFile());
		}
		Map<String, String> environment = builder.environment();
		environment.remove("JAVA_HOME");
		environment.remove("TALENT_JAVA_HOME");
		environment.remove("JAVA_OPTS");
		environment.remove("TALENT_CDS");
		environment.remove("TALENT_AOT");
		for (String folder : List.of("TALENT_WAREHOUSE", "TALENT_PIPELINES", "TALENT_LANDING", "TALENT_SEEDS")) {
			environment.remove(folder);
		}
		environment.put("TALENT_JDK_DIRS", dir.resolve("no-jdks").toString());
		environment.put("PATH", pathJdk.resolve("bin") + ":/usr/bin:/bin");
		environment.putAll(env);
		Path stderr = dir.resolve("stderr.txt");
		builder.redirectError(stderr.toFile());
		Process process = builder.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		List<String> lines = Files.exists(calls) ? Files.readAllLines(calls, StandardCharsets.UTF_8) : List.of();
		return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr), lines);
	}

}
