package cq.talentwarehouse.schedule;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import cq.talentwarehouse.run.LoadRun;

/**
 * A {@code run} started by cron or by hand, handed to the {@code schedule} process that serves the
 * same warehouse: that process has its JVM, Spring context, DuckDB library and compiled code warm,
 * so the night costs only its own work. The schedule listens on a loopback TCP port and writes it,
 * with a token every request must carry, to {@link #PORT_FILE} beside the run lock, readable only by
 * the warehouse's owner; the schedule runs the load as a {@code run} in its own process would and
 * streams its output and exit code back.
 *
 * <p>The protocol is lines of text so that the launcher (bin/talent-warehouse) speaks it with bash
 * alone, through {@code /dev/tcp}, before any JVM starts. A request is {@link #PROTOCOL}, the token,
 * {@code run}, the four folders (absolute), {@code true|false} for {@code --force}, the number of
 * districts and one district a line. Each answer line starts with its kind: {@code A}ccepted or
 * {@code D}eclined and why, then the run's output as {@code O} (a line of stdout), {@code E} (of
 * stderr), {@code o}/{@code e} (a piece without its line end), and last {@code X} and the exit code.
 *
 * <p>Only a schedule loading the same warehouse, pipelines, landing zone and seeds takes a run;
 * otherwise (or with no schedule listening) the caller runs the load itself.
 */
public final class RunHandoff {

	/** The port file's name in the warehouse's state folder, beside {@code run.lock}: "port token". */
	public static final String PORT_FILE = "schedule.port";

	/** First line a client sends, so a stray connection or another version is declined, not misread. */
	static final String PROTOCOL = "talent-warehouse-run/2";

	/** What a request asks: a run, or whether a schedule listens here (another schedule starting). */
	static final String RUN = "run";

	static final String PROBE = "probe";

	/** Kinds of the schedule's answer lines. */
	static final byte ACCEPTED = 'A';

	static final byte DECLINED = 'D';

	static final byte LISTENING = 'P';

	static final byte OUT = 'O';

	static final byte OUT_PIECE = 'o';

	static final byte ERR = 'E';

	static final byte ERR_PIECE = 'e';

	static final byte EXIT = 'X';

	/**
	 * 127.0.0.1, where the launcher's bash connects: the JVM's loopback address is ::1 where IPv6 is
	 * preferred ({@code java.net.preferIPv6Addresses}).
	 */
	static final InetAddress LOOPBACK = loopback();

	/** The longest line either side reads; longer output goes as pieces. */
	static final int MAX_LINE = 8192;

	/** How long a client waits for the schedule's first answer (a port another program took answers never). */
	private static final int ANSWER_MILLIS = 10_000;

	private RunHandoff() {
	}

	/** What a {@code run} asks for: the folders it names (absolute) and the districts it limits the load to. */
	public record Request(Path warehouse, Path pipelines, Path landing, Path seeds, List<String> districts,
			boolean force) {

		public Request {
			warehouse = warehouse.toAbsolutePath().normalize();
			pipelines = pipelines.toAbsolutePath().normalize();
			landing = landing.toAbsolutePath().normalize();
			seeds = seeds.toAbsolutePath().normalize();
			districts = List.copyOf(districts);
		}

		/** The request's lines after the token; null when a value cannot travel on a line of its own. */
		List<String> lines() {
			List<String> lines = new ArrayList<>(List.of(RUN, this.warehouse.toString(), this.pipelines.toString(),
					this.landing.toString(), this.seeds.toString(), Boolean.toString(this.force),
					Integer.toString(this.districts.size())));
			lines.addAll(this.districts);
			return lines.stream().anyMatch((line) -> line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) ? null : lines;
		}

		/** The request after its {@code run} line, or null when it is not one a client of this version sends. */
		static Request readFrom(InputStream in) throws IOException {
			String warehouse = readText(in);
			String pipelines = readText(in);
			String landing = readText(in);
			String seeds = readText(in);
			String force = readText(in);
			String count = readText(in);
			if (warehouse == null || pipelines == null || landing == null || seeds == null || force == null
					|| count == null || !(force.equals("true") || force.equals("false"))
					|| !count.matches("[0-9]{1,3}")) {
				return null;
			}
			int n = Integer.parseInt(count);
			List<String> districts = new ArrayList<>(n);
			for (int i = 0; i < n; i++) {
				String district = readText(in);
				if (district == null) {
					return null;
				}
				districts.add(district);
			}
			if (!Path.of(warehouse).isAbsolute() || !Path.of(pipelines).isAbsolute() || !Path.of(landing).isAbsolute()
					|| !Path.of(seeds).isAbsolute()) {
				return null;
			}
			return new Request(Path.of(warehouse), Path.of(pipelines), Path.of(landing), Path.of(seeds), districts,
					Boolean.parseBoolean(force));
		}

	}

	/** Where a schedule listens: its loopback port and the token a request must carry. */
	record Endpoint(int port, String token) {

		/** The endpoint a port file names, or null when there is none or it is not one. */
		static Endpoint read(Path file) {
			String text;
			try {
				text = Files.readString(file, StandardCharsets.US_ASCII);
			}
			catch (NoSuchFileException ex) {
				return null;
			}
			catch (IOException | RuntimeException ex) {
				return null;
			}
			String[] fields = text.strip().split(" ");
			if (fields.length != 2 || !fields[0].matches("[0-9]{1,5}") || !fields[1].matches("[0-9a-f]{16,128}")) {
				return null;
			}
			int port = Integer.parseInt(fields[0]);
			return (port > 0 && port < 65536) ? new Endpoint(port, fields[1]) : null;
		}

		String text() {
			return this.port + " " + this.token + "\n";
		}

	}

	private static InetAddress loopback() {
		try {
			return InetAddress.getByAddress("localhost", new byte[] { 127, 0, 0, 1 });
		}
		catch (java.net.UnknownHostException ex) {
			// only for an address of another length
			throw new IllegalStateException(ex);
		}
	}

	/** The port file of the schedule serving the warehouse whose state folder this is. */
	public static Path portFile(Path stateDir) {
		return stateDir.toAbsolutePath().resolve(PORT_FILE);
	}

	/**
	 * Hands the run to the schedule listening for {@code stateDir}, prints what it prints and returns
	 * its exit code; empty when no schedule takes it (none listening, a leftover port file of a killed
	 * one, or one serving other folders — then {@code err} says why), and the caller runs the load.
	 * Once taken, the run is the schedule's: this process ending early does not stop it.
	 */
	public static OptionalInt handOff(Path stateDir, Request request, PrintStream out, PrintStream err) {
		Path file = portFile(stateDir);
		Endpoint endpoint = Endpoint.read(file);
		List<String> lines = request.lines();
		if (endpoint == null || lines == null) {
			return OptionalInt.empty();
		}
		try (Socket socket = new Socket()) {
			try {
				socket.connect(new InetSocketAddress(LOOPBACK, endpoint.port()), ANSWER_MILLIS);
			}
			catch (IOException ex) {
				// a schedule killed with -9 leaves its port file and nobody listens on the port: removed
				if (ex instanceof ConnectException) {
					removeIfUnchanged(file, endpoint);
				}
				return OptionalInt.empty();
			}
			socket.setSoTimeout(ANSWER_MILLIS);
			send(socket, endpoint, lines);
			InputStream in = new BufferedInputStream(socket.getInputStream());
			byte[] first;
			try {
				first = readLine(in);
			}
			catch (SocketTimeoutException ex) {
				err.println("Not handed to the running schedule (no answer on port " + endpoint.port() + "); running here.");
				return OptionalInt.empty();
			}
			if (first != null && first.length > 0 && first[0] == DECLINED) {
				err.println("Not handed to the running schedule (" + rest(first) + "); running here.");
				return OptionalInt.empty();
			}
			if (first == null || first.length == 0 || first[0] != ACCEPTED) {
				err.println("Not handed to the running schedule (it answered with an unknown line); running here.");
				return OptionalInt.empty();
			}
			err.println("Handed to the running schedule (" + rest(first) + "); its log has the details.");
			socket.setSoTimeout(0);
			return OptionalInt.of(relay(in, out, err));
		}
		catch (IOException ex) {
			err.println("The handed run's connection failed (" + ex.getMessage() + "); `talent-warehouse status` shows"
					+ " how the run ended.");
			return OptionalInt.of(LoadRun.NOTHING_PUBLISHED);
		}
	}

	/** Whether a schedule answers on {@code endpoint} (for a schedule starting where a port file is left). */
	static boolean listening(Endpoint endpoint) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(LOOPBACK, endpoint.port()), 1000);
			socket.setSoTimeout(2000);
			send(socket, endpoint, List.of(PROBE));
			byte[] answer = readLine(socket.getInputStream());
			return answer != null && answer.length == 1 && answer[0] == LISTENING;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void send(Socket socket, Endpoint endpoint, List<String> lines) throws IOException {
		OutputStream out = new BufferedOutputStream(socket.getOutputStream());
		StringBuilder text = new StringBuilder(PROTOCOL).append('\n').append(endpoint.token()).append('\n');
		for (String line : lines) {
			text.append(line).append('\n');
		}
		out.write(text.toString().getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	/** Prints the run's lines as they come; its exit code, or that of a schedule gone away. */
	private static int relay(InputStream in, PrintStream out, PrintStream err) throws IOException {
		while (true) {
			byte[] line = readLine(in);
			if (line == null) {
				// the schedule ended (SIGTERM, kill) while the run was under way: its report says how far it got
				err.println("The schedule went away before the handed run ended; `talent-warehouse status` shows how it ended"
						+ " and `restart` resumes it.");
				return LoadRun.NOTHING_PUBLISHED;
			}
			if (line.length == 0) {
				continue;
			}
			byte kind = line[0];
			if (kind == EXIT) {
				String code = rest(line);
				return code.matches("[0-9]{1,3}") ? Integer.parseInt(code) : LoadRun.NOTHING_PUBLISHED;
			}
			PrintStream target = (kind == ERR || kind == ERR_PIECE) ? err : (kind == OUT || kind == OUT_PIECE) ? out : null;
			if (target != null) {
				target.write(line, 1, line.length - 1);
				if (kind == OUT || kind == ERR) {
					target.write('\n');
				}
				target.flush();
			}
		}
	}

	private static void removeIfUnchanged(Path file, Endpoint endpoint) {
		try {
			// a schedule started since may have written its own: that one stays
			if (endpoint.equals(Endpoint.read(file))) {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException | SecurityException cannotRemove) {
			// the next schedule takes the file over
		}
	}

	/** A line's text after its kind byte. */
	static String rest(byte[] line) {
		return new String(line, 1, line.length - 1, StandardCharsets.UTF_8);
	}

	/** The next line's text, or null at the end of the stream. */
	static String readText(InputStream in) throws IOException {
		byte[] line = readLine(in);
		return (line == null) ? null : new String(line, StandardCharsets.UTF_8);
	}

	/**
	 * The next line's bytes without its end, or null at the end of the stream (a last line without an
	 * end counts as none: the other side went away mid-line).
	 * @throws IOException also for a line longer than {@link #MAX_LINE}
	 */
	static byte[] readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(128);
		while (true) {
			int b = in.read();
			if (b < 0) {
				return null;
			}
			if (b == '\n') {
				return line.toByteArray();
			}
			if (line.size() >= MAX_LINE) {
				throw new IOException("a line longer than " + MAX_LINE + " bytes");
			}
			line.write(b);
		}
	}

}
