package cq.talentwarehouse.cli;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.schedule.RunHandoff;
import cq.talentwarehouse.testing.ChildJvm;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher's light JVM reads a cron line's folders itself and leaves every other command line to picocli. */
class HandoffOnlyTests {

	@TempDir
	Path dir;

	@Test
	void readsACronLinesFoldersAndExits75WhenNoScheduleServesTheWarehouse() throws Exception {
		// given a pipelines folder and a warehouse folder no schedule serves
		Path pipelines = Files.createDirectories(this.dir.resolve("pipelines"));
		Path warehouse = this.dir.resolve("warehouse/talent.duckdb");

		// when the light JVM is started with a cron line's options, in both spellings
		OptionalInt spaced = HandoffOnly.tryQuickly("run", "--warehouse", warehouse.toString(), "--pipelines",
				pipelines.toString(), "--landing", this.dir.resolve("landing").toString(), "--force", "--handoff-only");
		OptionalInt joined = HandoffOnly.tryQuickly("run", "--warehouse=" + warehouse, "--pipelines=" + pipelines,
				"--handoff-only");

		// then it answers without the command line: not handed, for the launcher to load; nothing is created
		assertThat(spaced).hasValue(RunCommand.NOT_HANDED);
		assertThat(joined).hasValue(RunCommand.NOT_HANDED);
		assertThat(this.dir.resolve("warehouse")).doesNotExist();
	}

	@Test
	void leavesEveryOtherCommandLineToPicocli() throws Exception {
		String pipelines = Files.createDirectories(this.dir.resolve("pipelines")).toString();
		String warehouse = this.dir.resolve("warehouse/talent.duckdb").toString();

		// a district (named or coded: the seeds resolve it), help, a missing or empty value, an option
		// given twice, a missing pipelines folder (RunCommand words that usage error), another command,
		// and a load in this process
		assertThat(HandoffOnly.tryQuickly("run", "--pipelines", pipelines, "--district", "500116", "--handoff-only")).isEmpty();
		assertThat(HandoffOnly.tryQuickly("run", "--pipelines", pipelines, "--help", "--handoff-only")).isEmpty();
		assertThat(HandoffOnly.tryQuickly("run", "--pipelines", pipelines, "--warehouse", "--handoff-only")).isEmpty();
		assertThat(HandoffOnly.tryQuickly("run", "--pipelines", pipelines, "--warehouse=", "--handoff-only")).isEmpty();
		assertThat(HandoffOnly.tryQuickly("run", "--pipelines", pipelines, "--warehouse", warehouse, "--warehouse",
				warehouse, "--handoff-only")).isEmpty();
		assertThat(HandoffOnly.tryQuickly("run", "--pipelines", pipelines, "--force", "--force", "--handoff-only")).isEmpty();
		assertThat(HandoffOnly.tryQuickly("run", "--pipelines", this.dir.resolve("none").toString(), "--handoff-only"))
			.isEmpty();
		assertThat(HandoffOnly.tryQuickly("status", "--handoff-only")).isEmpty();
		assertThat(HandoffOnly.tryQuickly("run", "--pipelines", pipelines)).isEmpty();
	}

	@Test
	void givesTheUsageErrorOfAMissingPipelinesFolderThroughTheCommandLine() {
		// when the light JVM is started for a pipelines folder that does not exist
		int exit = TalentCommand.execute("run", "--pipelines", this.dir.resolve("none").toString(), "--warehouse",
				this.dir.resolve("warehouse/talent.duckdb").toString(), "--handoff-only");

		// then it is the command's usage error (exit 2), as without the light JVM
		assertThat(exit).isEqualTo(2);
	}

	@Test
	void endsALightJvmWithoutLoadingTheCommandLine() throws Exception {
		// given a pipelines folder and a warehouse folder no schedule serves
		Path pipelines = Files.createDirectories(this.dir.resolve("pipelines"));
		Path classes = this.dir.resolve("classes.log");

		// when the product's main runs a cron line's light JVM, its class loading logged
		int exit = lightJvm(this.dir.resolve("warehouse/talent.duckdb"), pipelines, classes);

		// then it exits 75 for the launcher to load, having loaded neither picocli nor Spring, and created nothing
		assertThat(exit).isEqualTo(RunCommand.NOT_HANDED);
		String loaded = Files.readString(classes);
		assertThat(loaded).contains("cq.talentwarehouse.cli.HandoffOnly ")
			.doesNotContain("picocli.", "org.springframework.", "cq.talentwarehouse.cli.TalentCommand ");
		assertThat(this.dir.resolve("warehouse")).doesNotExist();
	}

	@Test
	void opensTheSocketWithoutLookingUpTheChannelProviderAsAService() throws Exception {
		// given the socket file a killed schedule left beside the warehouse (nobody listens on it)
		Path pipelines = Files.createDirectories(this.dir.resolve("pipelines"));
		Path warehouse = Files.createDirectories(this.dir.resolve("warehouse"));
		Path socket = RunHandoff.socketFile(warehouse);
		try (ServerSocketChannel killed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			killed.bind(UnixDomainSocketAddress.of(socket));
		}
		Path classes = this.dir.resolve("classes.log");

		// when the light JVM tries it, its class loading logged
		int exit = lightJvm(warehouse.resolve("talent.duckdb"), pipelines, classes);

		// then it connected (and removed the dead socket) with the JDK's provider named, not found by
		// a service lookup that opens every jar of the class path, and exits 75 for the launcher to load
		assertThat(exit).isEqualTo(RunCommand.NOT_HANDED);
		assertThat(socket).doesNotExist();
		assertThat(Files.readString(classes)).contains("java.nio.channels.spi.SelectorProvider ")
			.doesNotContain("java.util.ServiceLoader$LazyClassPathLookupIterator");
	}

	/** A cron line's light JVM (`run --handoff-only`) in a child JVM, its class loading logged to {@code classes}; its exit code. */
	private static int lightJvm(Path warehouse, Path pipelines, Path classes) throws Exception {
		Process light = new ProcessBuilder(ChildJvm.command(TalentWarehouseApplication.class,
				List.of("-Xlog:class+load:file=" + classes), "run", "--warehouse", warehouse.toString(),
				"--pipelines", pipelines.toString(), "--handoff-only"))
			.redirectErrorStream(true)
			.start();
		String output = new String(light.getInputStream().readAllBytes());
		assertThat(light.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
		return light.exitValue();
	}

}
