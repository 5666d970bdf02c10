package cq.talentwarehouse.schedule;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cq.talentwarehouse.run.LoadRun;
import cq.talentwarehouse.run.RunFailures;

/**
 * The schedule's end of {@link RunHandoff}: accepts runs on a loopback port, each on its own
 * thread (a second one while a load runs is refused by the run lock, exit 4, as in another
 * process), and streams each run's output back as lines.
 */
final class HandoffListener implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(HandoffListener.class);

	/** How long a connected client may take to send its request. */
	private static final int REQUEST_MILLIS = 10_000;

	/** Runs a request the listener accepted; returns its exit code. */
	@FunctionalInterface
	interface Runs {

		int run(RunHandoff.Request request, PrintStream out, PrintStream err) throws Exception;

	}

	private final Path portFile;

	private final RunHandoff.Endpoint endpoint;

	private final ServerSocket server;

	private final RunHandoff.Request serving;

	private final Runs runs;

	private final ExecutorService handed;

	private final AtomicInteger connections = new AtomicInteger();

	/** Connections whose request is still being read: closed on stop, so a silent client cannot hold it up. */
	private final Set<Socket> reading = ConcurrentHashMap.newKeySet();

	private volatile boolean closing;

	private HandoffListener(Path portFile, RunHandoff.Endpoint endpoint, ServerSocket server, RunHandoff.Request serving,
			Runs runs) {
		this.portFile = portFile;
		this.endpoint = endpoint;
		this.server = server;
		this.serving = serving;
		this.runs = runs;
		this.handed = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "handed-run-" + this.connections.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Listens on a loopback port for {@code serving}'s warehouse and writes it with a fresh token to the
	 * port file, taking over one a killed schedule left behind; null (and a warning) when another
	 * schedule listens there or the port or file cannot be made.
	 */
	static HandoffListener open(RunHandoff.Request serving, Runs runs) {
		Path portFile = RunHandoff.portFile(serving.warehouse().getParent());
		ServerSocket server = null;
		try {
			RunHandoff.Endpoint left = RunHandoff.Endpoint.read(portFile);
			if (left != null && RunHandoff.listening(left)) {
				log.warn("Another schedule already takes handed runs for this warehouse (port {}); this one does not", left.port());
				return null;
			}
			server = new ServerSocket(0, 50, RunHandoff.LOOPBACK);
			byte[] secret = new byte[32];
			new SecureRandom().nextBytes(secret);
			RunHandoff.Endpoint endpoint = new RunHandoff.Endpoint(server.getLocalPort(), HexFormat.of().formatHex(secret));
			writePortFile(portFile, endpoint);
			HandoffListener listener = new HandoffListener(portFile, endpoint, server, serving, runs);
			Thread acceptor = new Thread(listener::accept, "handoff-listener");
			acceptor.setDaemon(true);
			acceptor.start();
			log.info("Taking runs handed over on 127.0.0.1:{} ({})", endpoint.port(), portFile);
			return listener;
		}
		catch (IOException | RuntimeException ex) {
			if (server != null) {
				closeQuietly(server);
			}
			log.warn("Runs started by cron or by hand load in their own process: the schedule cannot take them ({}: {})",
					portFile, ex.toString());
			return null;
		}
	}

	/**
	 * Whoever may start a load may read the warehouse folder; only they may read the token. Written
	 * under a private name and renamed, so a client never reads half a file.
	 */
	private static void writePortFile(Path portFile, RunHandoff.Endpoint endpoint) throws IOException {
		Path written = portFile.resolveSibling(portFile.getFileName() + "." + ProcessHandle.current().pid());
		Files.deleteIfExists(written);
		Files.createFile(written, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		try {
			Files.writeString(written, endpoint.text(), StandardCharsets.US_ASCII);
			Files.move(written, portFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(written);
		}
	}

	private void accept() {
		while (!this.closing) {
			Socket connection;
			try {
				connection = this.server.accept();
			}
			catch (IOException ex) {
				if (!this.closing) {
					log.warn("Stopped taking handed runs: {}", ex.toString());
				}
				return;
			}
			try {
				this.handed.execute(() -> serve(connection));
			}
			catch (RuntimeException ex) {
				// closing: the executor takes no more work
				closeQuietly(connection);
			}
		}
	}

	private void serve(Socket connection) {
		try (connection) {
			InputStream in = new BufferedInputStream(connection.getInputStream());
			OutputStream out = new BufferedOutputStream(connection.getOutputStream());
			String kind;
			RunHandoff.Request request = null;
			this.reading.add(connection);
			try {
				connection.setSoTimeout(REQUEST_MILLIS);
				kind = this.closing ? null : readHeader(in);
				if (RunHandoff.RUN.equals(kind)) {
					request = RunHandoff.Request.readFrom(in);
				}
				connection.setSoTimeout(0);
			}
			catch (IOException | RuntimeException ex) {
				kind = null;
			}
			finally {
				this.reading.remove(connection);
			}
			if (RunHandoff.PROBE.equals(kind)) {
				HandedRunLines.line(out, RunHandoff.LISTENING, "");
				out.flush();
				return;
			}
			String declined = declines(kind, request);
			if (declined != null) {
				HandedRunLines.line(out, RunHandoff.DECLINED, declined);
				out.flush();
				return;
			}
			HandedRunLines.line(out, RunHandoff.ACCEPTED, "schedule pid " + ProcessHandle.current().pid());
			out.flush();
			HandedRunLines lines = new HandedRunLines(out);
			int exit;
			try (PrintStream runOut = lines.stream(RunHandoff.OUT, RunHandoff.OUT_PIECE);
					PrintStream runErr = lines.stream(RunHandoff.ERR, RunHandoff.ERR_PIECE)) {
				try {
					exit = this.runs.run(request, runOut, runErr);
				}
				catch (Exception ex) {
					runErr.println("error: " + RunFailures.rootMessage(ex));
					exit = LoadRun.NOTHING_PUBLISHED;
				}
			}
			lines.exit(exit);
		}
		catch (IOException ex) {
			log.debug("a handed run's connection closed early: {}", ex.toString());
		}
	}

	/** The request's kind once its protocol and token check out; null for anything else. */
	private String readHeader(InputStream in) throws IOException {
		if (!RunHandoff.PROTOCOL.equals(RunHandoff.readText(in))) {
			return null;
		}
		String token = RunHandoff.readText(in);
		if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.US_ASCII),
				this.endpoint.token().getBytes(StandardCharsets.US_ASCII))) {
			return null;
		}
		return RunHandoff.readText(in);
	}

	/** Why this schedule does not take {@code request}, or null when it does. */
	private String declines(String kind, RunHandoff.Request request) {
		if (request == null) {
			return (kind == null) ? "the request was not a run of this version with this schedule's token"
					: "the request was not a run of this version";
		}
		if (this.closing) {
			return "the schedule is stopping";
		}
		if (!request.warehouse().equals(this.serving.warehouse())) {
			return "the schedule loads " + this.serving.warehouse();
		}
		if (!request.pipelines().equals(this.serving.pipelines())) {
			return "the schedule reads the pipelines in " + this.serving.pipelines();
		}
		if (!request.landing().equals(this.serving.landing())) {
			return "the schedule reads the landing zone " + this.serving.landing();
		}
		if (!request.seeds().equals(this.serving.seeds())) {
			return "the schedule reads the seeds in " + this.serving.seeds();
		}
		return null;
	}

	/**
	 * Takes no more runs and removes the port file; waits up to {@code waitSeconds} for handed runs
	 * under way (the caller has asked them to stop after their current chunk).
	 */
	void close(long waitSeconds) {
		this.closing = true;
		closeQuietly(this.server);
		for (Socket connection : this.reading) {
			closeQuietly(connection);
		}
		try {
			// a schedule started since (this one stopping slowly) may have written its own
			if (this.endpoint.equals(RunHandoff.Endpoint.read(this.portFile))) {
				Files.deleteIfExists(this.portFile);
			}
		}
		catch (IOException ex) {
			log.debug("could not remove {}: {}", this.portFile, ex.toString());
		}
		this.handed.shutdown();
		try {
			if (!this.handed.awaitTermination(waitSeconds, TimeUnit.SECONDS) && waitSeconds > 0) {
				log.warn("A handed run did not end within {} s of the stop", waitSeconds);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		close(600);
	}

	private static void closeQuietly(java.io.Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException ex) {
			// nothing left to tell: it is closing
		}
	}

}
