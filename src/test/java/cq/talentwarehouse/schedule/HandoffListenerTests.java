package cq.talentwarehouse.schedule;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The schedule's end of the hand-over on a real loopback port, with a stand-in for the load it runs. */
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
		RunHandoff.Endpoint endpoint = RunHandoff.Endpoint.read(RunHandoff.portFile(stateDir()));
		try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), endpoint.port())) {

			// when the schedule stops: the run under way ends (asked to stop), the silent client never speaks
			release.countDown();
			assertTimeoutPreemptively(Duration.ofSeconds(60), () -> listener.close(600));

			// then the run's client got its exit code, and the port file is gone
			client.join(60_000);
			assertThat(handed.get()).hasValue(0);
			assertThat(RunHandoff.portFile(stateDir())).doesNotExist();
		}
	}

	@Test
	void sendsALineLongerThanAClientReadsInPiecesThatJoinUp() throws Exception {
		// given a run printing one line of 20,000 characters, then a piece without a line end
		String longLine = "人".repeat(20_000);
		HandoffListener listener = HandoffListener.open(serving(), (request, out, err) -> {
			out.println(longLine);
			out.print("no line end");
			return 0;
		});
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			// when it is handed over
			OptionalInt exit = RunHandoff.handOff(stateDir(), serving(), new PrintStream(out, true, StandardCharsets.UTF_8),
					new PrintStream(new ByteArrayOutputStream()));

			// then the client printed exactly what the run printed
			assertThat(exit).hasValue(0);
			assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(longLine + System.lineSeparator() + "no line end");
		}
		finally {
			listener.close(60);
		}
	}

	@Test
	void writesItsPortAndTokenForTheOwnerOnlyAndDeclinesARequestWithoutTheToken() throws Exception {
		// given a listening schedule
		HandoffListener listener = HandoffListener.open(serving(), (request, out, err) -> 0);
		try {
			Path portFile = RunHandoff.portFile(stateDir());
			RunHandoff.Endpoint endpoint = RunHandoff.Endpoint.read(portFile);

			// when a client that could not read the port file guesses the token
			String answer = exchange(endpoint.port(), RunHandoff.PROTOCOL + "\n" + "0".repeat(64) + "\nrun\n");

			// then the file is the owner's alone, and the guess is declined without running anything
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(portFile))).isEqualTo("rw-------");
			assertThat(endpoint.token()).hasSize(64);
			assertThat(answer).isEqualTo("Dthe request was not a run of this version with this schedule's token\n");
		}
		finally {
			listener.close(60);
		}
	}

	@Test
	void takesOverThePortFileOfAKilledScheduleButNotThatOfARunningOne() throws Exception {
		// given the port file a schedule killed with -9 left (nobody listens on its port)
		Path portFile = RunHandoff.portFile(Files.createDirectories(stateDir()));
		int deadPort;
		try (ServerSocket killed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			deadPort = killed.getLocalPort();
		}
		Files.writeString(portFile, deadPort + " " + "ab".repeat(32) + "\n");

		// when a schedule starts, and then a second one for the same warehouse
		HandoffListener first = HandoffListener.open(serving(), (request, out, err) -> 0);
		HandoffListener second = HandoffListener.open(serving(), (request, out, err) -> 0);
		try {
			// then the first took the file over and the second leaves it to the first
			assertThat(first).isNotNull();
			assertThat(second).isNull();
			assertThat(RunHandoff.Endpoint.read(portFile).port()).isNotEqualTo(deadPort);
			assertThat(RunHandoff.handOff(stateDir(), serving(), new PrintStream(new ByteArrayOutputStream()),
					new PrintStream(new ByteArrayOutputStream()))).hasValue(0);
		}
		finally {
			first.close(60);
		}
	}

	/** What a schedule answers a raw request, up to its closing the connection. */
	private static String exchange(int port, String request) throws Exception {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
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
