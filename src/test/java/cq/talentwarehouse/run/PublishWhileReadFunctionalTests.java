package cq.talentwarehouse.run;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An analyst's tool holding the published file open in another process neither blocks a load nor
 * is broken by it: the load publishes by atomic rename, the tool's open connection keeps reading
 * the old file consistently, and once it reconnects it reads the new one. (DuckDB shares one
 * database instance among a process's connections to a path, so a second connection opened while
 * the first is still open sees the old file too: tools must reconnect, not just open another.)
 */
class PublishWhileReadFunctionalTests {

	@TempDir
	Path dir;

	@Test
	void loadPublishesWhileAnotherProcessHoldsTheWarehouseOpenReadOnly() throws Exception {
		// given: a published warehouse, open read-only in a child process
		Path landing = copy(Path.of("src/test/resources/functional/landing"), this.dir.resolve("landing"));
		Path warehouse = this.dir.resolve("warehouse/talent.duckdb");
		List<String> arguments = TestLoads.arguments(relaxedPipelines(), landing, warehouse, this.dir.resolve("key"));
		assertThat(TestLoads.run(arguments).exit()).isEqualTo(LoadRun.PUBLISHED);
		Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), ReadOnlyHolder.class.getName(), warehouse.toString())
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
				PrintWriter in = new PrintWriter(holder.getOutputStream(), true, StandardCharsets.UTF_8)) {
			assertThat(out.readLine()).isEqualTo("READY 1");

			// when
			TestLoads.Result second = TestLoads.runForced(arguments);

			// then
			assertThat(second.exit()).as(second.output()).isEqualTo(LoadRun.PUBLISHED);
			in.println("query");
			assertThat(out.readLine()).as("the open connection keeps reading the file it opened").isEqualTo("RUNS 1");
			in.println("reconnect");
			assertThat(out.readLine()).as("a new connection reads the published file").isEqualTo("RUNS 2");
		}
		finally {
			holder.destroy();
			holder.waitFor();
		}
	}

	private Path relaxedPipelines() throws Exception {
		Path target = Files.createDirectories(this.dir.resolve("pipelines"));
		try (Stream<Path> files = Files.list(Path.of("pipelines"))) {
			for (Path p : files.toList()) {
				String yaml = Files.readString(p, StandardCharsets.UTF_8)
					.replaceAll("(?m)^(\\s+)file: (.*)$", "$1file: $2\n$1reject_threshold: 0.5");
				Files.writeString(target.resolve(p.getFileName().toString()), yaml, StandardCharsets.UTF_8);
			}
		}
		return target;
	}

	private static Path copy(Path source, Path target) throws Exception {
		try (Stream<Path> files = Files.walk(source)) {
			for (Path p : files.toList()) {
				Path t = target.resolve(source.relativize(p).toString());
				if (Files.isDirectory(p)) {
					Files.createDirectories(t);
				}
				else {
					Files.copy(p, t);
				}
			}
		}
		return target;
	}

}
