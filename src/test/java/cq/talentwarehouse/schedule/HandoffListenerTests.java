package cq.talentwarehouse.schedule;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The schedule's end of the hand-over on a real socket, with a stand-in for the load it runs. */
class HandoffListenerTests {

	@TempDir
	Path dir;

	@Test
	void streamsTheRunsOutputAsItComesAndEndsWithItsExitCode() throws Exception {
		// given a listener whose run prints Chinese text across many writes on both streams, and exits 3
		HandoffListener listener = HandoffListener.open(serving(), (request, out, err) -> {
			for (int i = 0; i < 2000; i++) {
				out.print("江津区 " + i + "\n");
			}
			err.println("warning: 永川区");
			return 3;
		});
		assertThat(listener).isNotNull();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		try {
			// when a run is handed over
			OptionalInt exit = RunHandoff.handOff(stateDir(), serving(), new PrintStream(out, true, StandardCharsets.UTF_8),
					new PrintStream(err, true, StandardCharsets.UTF_8));

			// then the client got every line whole, and the run's exit code
			assertThat(exit).hasValue(3);
			List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
			assertThat(lines).hasSize(2000).startsWith("江津区 0").endsWith("江津区 1999");
			assertThat(err.toString(StandardCharsets.UTF_8)).contains("Handed to the running schedule", "warning: 永川区");
		}
		finally {
			listener.close(60);
		}
	}

	@Test
	void aRunThatThrowsEndsTheCommandWithOneLineAndExit1() throws Exception {
		// given a run that stops on a full disk deep in a chain of wrapping exceptions
		HandoffListener listener = HandoffListener.open(serving(), (request, out, err) -> {
			throw new IllegalStateException("job failed", new java.io.UncheckedIOException(
					new java.nio.file.FileSystemException("/srv/warehouse/work/talent.duckdb", null, "No space left on device")));
		});
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		try {
			// when it is handed over
			OptionalInt exit = RunHandoff.handOff(stateDir(), serving(), new PrintStream(new ByteArrayOutputStream()),
					new PrintStream(err, true, StandardCharsets.UTF_8));

			// then the command exits 1 with the run's one-line reason, as a run in its own process says it
			assertThat(exit).hasValue(1);
			assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: ").contains("/srv/warehouse/work/talent.duckdb")
				.contains("No space left on device").doesNotContain("Exception");
		}
		finally {
			listener.close(60);
		}
	}

	@Test
	void closingDoesNotWaitForAClientThatNeverSentItsRequest() throws Exception {
		// given a handed run under way, and a client connected that never says anything
		CountDownLatch running = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		HandoffListener listener = HandoffListener.open(serving(), (request, out, err) -> {
			running.countDown();
			release.await();
			return 0;
		});
		AtomicReference<OptionalInt> handed = new AtomicReference<>();
		RunHandoff.Request request = serving();
		Thread client = new Thread(() -> handed.set(RunHandoff.handOff(stateDir(), request,
				new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()))));
		client.start();
		running.await();
		try (SocketChannel silent = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			silent.connect(UnixDomainSocketAddress.of(RunHandoff.socketFile(stateDir())));

			// when the schedule stops: the run under way ends (asked to stop), the silent client never speaks
			release.countDown();
			assertTimeoutPreemptively(Duration.ofSeconds(60), () -> listener.close(600));

			// then the run's client got its exit code, and the socket is gone
			client.join(60_000);
			assertThat(handed.get()).hasValue(0);
			assertThat(RunHandoff.socketFile(stateDir())).doesNotExist();
		}
	}

	private Path stateDir() {
		return this.dir.resolve("warehouse");
	}

	private RunHandoff.Request serving() throws Exception {
		Files.createDirectories(stateDir());
		return new RunHandoff.Request(stateDir().resolve("talent.duckdb"), this.dir.resolve("pipelines"),
				this.dir.resolve("landing"), this.dir.resolve("seeds"), List.of(), false);
	}

}
