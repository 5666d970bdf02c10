package cq.talentwarehouse.run;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.testing.ChildJvm;
import cq.talentwarehouse.testing.Fixtures;

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
		Path landing = Fixtures.functionalLanding(this.dir);
		Path warehouse = this.dir.resolve("warehouse/talent.duckdb");
		List<String> arguments = Fixtures.arguments(Fixtures.relaxedPipelines(this.dir.resolve("pipelines")), landing,
				warehouse, this.dir.resolve("key"));
		assertThat(Fixtures.run(arguments).exit()).isEqualTo(LoadRun.PUBLISHED);
		Process holder = new ProcessBuilder(ChildJvm.command(ReadOnlyHolder.class, List.of(), warehouse.toString()))
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
				PrintWriter in = new PrintWriter(holder.getOutputStream(), true, StandardCharsets.UTF_8)) {
			assertThat(out.readLine()).isEqualTo("READY 1");

			// when
			Fixtures.LoadResult second = Fixtures.runForced(arguments);

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

}
