package cq.talentwarehouse.schedule;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cq.talentwarehouse.run.LoadRun;
import cq.talentwarehouse.run.RunFailures;

/**
 * The schedule's end of {@link RunHandoff}: accepts runs on the warehouse's socket, each on its own
 * thread (a second one while a load runs is refused by the run lock, exit 4, as in another
 * process), and streams each run's output back as frames.
 */
final class HandoffListener implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(HandoffListener.class);

	/** Runs a request the listener accepted; returns its exit code. */
	@FunctionalInterface
	interface Runs {

		int run(RunHandoff.Request request, PrintStream out, PrintStream err) throws Exception;

	}

	private final Path socket;

	private final ServerSocketChannel server;

	private final RunHandoff.Request serving;

	private final Runs runs;

	private final ExecutorService handed;

	private final AtomicInteger connections = new AtomicInteger();

	/** Connections whose request is still being read: closed on stop, so a silent client cannot hold it up. */
	private final java.util.Set<SocketChannel> reading = java.util.concurrent.ConcurrentHashMap.newKeySet();

	private volatile boolean closing;

	private HandoffListener(Path socket, ServerSocketChannel server, RunHandoff.Request serving, Runs runs) {
		this.socket = socket;
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
	 * Listens on the socket of {@code serving}'s warehouse, taking over a socket file a killed schedule
	 * left behind; null (and a warning) when another schedule listens there or the socket cannot be made.
	 */
	static HandoffListener open(RunHandoff.Request serving, Runs runs) {
		Path socket = RunHandoff.socketFile(serving.warehouse().getParent());
		try {
			if (Files.exists(socket)) {
				if (listening(socket)) {
					log.warn("Another schedule already takes handed runs for this warehouse on {}; this one does not", socket);
					return null;
				}
				Files.delete(socket);
			}
			ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
			server.bind(UnixDomainSocketAddress.of(socket));
			// whoever may start a load may already read the warehouse folder; nobody else may connect
			Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
			HandoffListener listener = new HandoffListener(socket, server, serving, runs);
			Thread acceptor = new Thread(listener::accept, "handoff-listener");
			acceptor.setDaemon(true);
			acceptor.start();
			log.info("Taking runs handed over on {}", socket);
			return listener;
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Runs started by cron or by hand load in their own process: the schedule cannot listen on {} ({})",
					socket, ex.toString());
			return null;
		}
	}

	private static boolean listening(Path socket) {
		try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			probe.connect(UnixDomainSocketAddress.of(socket));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private void accept() {
		while (!this.closing) {
			SocketChannel connection;
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

	private void serve(SocketChannel connection) {
		try (connection) {
			DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(connection)));
			DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(connection)));
			RunHandoff.Request request;
			this.reading.add(connection);
			try {
				request = this.closing ? null : RunHandoff.Request.readFrom(in);
			}
			catch (IOException | RuntimeException ex) {
				request = null;
			}
			finally {
				this.reading.remove(connection);
			}
			String declined = declines(request);
			if (declined != null) {
				frame(out, RunHandoff.DECLINED, declined.getBytes(StandardCharsets.UTF_8));
				out.flush();
				return;
			}
			frame(out, RunHandoff.ACCEPTED, ("schedule pid " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8));
			out.flush();
			Frames frames = new Frames(out);
			int exit;
			try (PrintStream runOut = frames.stream(RunHandoff.OUT); PrintStream runErr = frames.stream(RunHandoff.ERR)) {
				try {
					exit = this.runs.run(request, runOut, runErr);
				}
				catch (Exception ex) {
					runErr.println("error: " + RunFailures.rootMessage(ex));
					exit = LoadRun.NOTHING_PUBLISHED;
				}
			}
			frames.exit(exit);
		}
		catch (IOException ex) {
			log.debug("a handed run's connection closed early: {}", ex.toString());
		}
	}

	/** Why this schedule does not take {@code request}, or null when it does. */
	private String declines(RunHandoff.Request request) {
		if (request == null) {
			return "the request was not a run of this version";
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

	private static void frame(DataOutputStream out, byte type, byte[] bytes) throws IOException {
		out.writeByte(type);
		out.writeInt(bytes.length);
		out.write(bytes);
	}

	/** A run's two output streams as frames on one connection; a client gone away ends the frames, not the run. */
	private static final class Frames {

		private final DataOutputStream out;

		private boolean broken;

		Frames(DataOutputStream out) {
			this.out = out;
		}

		PrintStream stream(byte type) {
			OutputStream frames = new OutputStream() {

				@Override
				public void write(int b) {
					write(new byte[] { (byte) b }, 0, 1);
				}

				@Override
				public void write(byte[] bytes, int offset, int length) {
					send(type, bytes, offset, length);
				}

			};
			return new PrintStream(new BufferedOutputStream(frames, 8192), true, StandardCharsets.UTF_8);
		}

		synchronized void send(byte type, byte[] bytes, int offset, int length) {
			if (this.broken || length == 0) {
				return;
			}
			try {
				this.out.writeByte(type);
				this.out.writeInt(length);
				this.out.write(bytes, offset, length);
				this.out.flush();
			}
			catch (IOException ex) {
				this.broken = true;
			}
		}

		synchronized void exit(int exit) throws IOException {
			if (this.broken) {
				return;
			}
			this.out.writeByte(RunHandoff.EXIT);
			this.out.writeInt(exit);
			this.out.flush();
		}

	}

	/**
	 * Takes no more runs and removes the socket; waits up to {@code waitSeconds} for handed runs under
	 * way (the caller has asked them to stop after their current chunk).
	 */
	void close(long waitSeconds) {
		this.closing = true;
		closeQuietly(this.server);
		for (SocketChannel connection : this.reading) {
			closeQuietly(connection);
		}
		try {
			Files.deleteIfExists(this.socket);
		}
		catch (IOException ex) {
			log.debug("could not remove {}: {}", this.socket, ex.toString());
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
