package cq.talentwarehouse.schedule;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import cq.talentwarehouse.run.LoadRun;

/**
 * A {@code run} started by cron or by hand, handed to the {@code schedule} process that serves the
 * same warehouse: that process has its JVM, Spring context, DuckDB library and compiled code warm,
 * so the night costs only its own work. The two talk over a Unix domain socket beside the run lock
 * ({@link #socketFile}), readable only by the warehouse's owner; the schedule runs the load as a
 * {@code run} in its own process would and streams its output and exit code back.
 *
 * <p>Only a schedule loading the same warehouse, pipelines, landing zone and seeds takes a run;
 * otherwise (or with no schedule listening) the caller runs the load itself.
 */
public final class RunHandoff {

	/** The socket's name in the warehouse's state folder, beside {@code run.lock}. */
	public static final String SOCKET_FILE = "schedule.sock";

	/** First thing a client sends, so a stray connection or another version is declined, not misread. */
	static final String PROTOCOL = "talent-warehouse-run/1";

	/** Frame types from the schedule to the client. */
	static final byte ACCEPTED = 'A';

	static final byte DECLINED = 'D';

	static final byte OUT = 'O';

	static final byte ERR = 'E';

	static final byte EXIT = 'X';

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

		void writeTo(DataOutputStream out) throws IOException {
			out.writeUTF(PROTOCOL);
			out.writeUTF(this.warehouse.toString());
			out.writeUTF(this.pipelines.toString());
			out.writeUTF(this.landing.toString());
			out.writeUTF(this.seeds.toString());
			out.writeBoolean(this.force);
			out.writeInt(this.districts.size());
			for (String district : this.districts) {
				out.writeUTF(district);
			}
			out.flush();
		}

		/** The request a client sent, or null when it does not speak this protocol. */
		static Request readFrom(DataInputStream in) throws IOException {
			if (!PROTOCOL.equals(in.readUTF())) {
				return null;
			}
			Path warehouse = Path.of(in.readUTF());
			Path pipelines = Path.of(in.readUTF());
			Path landing = Path.of(in.readUTF());
			Path seeds = Path.of(in.readUTF());
			boolean force = in.readBoolean();
			int n = in.readInt();
			if (n < 0 || n > 1000) {
				return null;
			}
			List<String> districts = new ArrayList<>(n);
			for (int i = 0; i < n; i++) {
				districts.add(in.readUTF());
			}
			return new Request(warehouse, pipelines, landing, seeds, districts, force);
		}

	}

	/** The socket of the schedule serving the warehouse whose state folder this is. */
	public static Path socketFile(Path stateDir) {
		return stateDir.toAbsolutePath().resolve(SOCKET_FILE);
	}

	/**
	 * Hands the run to the schedule listening in {@code stateDir}, prints what it prints and returns
	 * its exit code; empty when no schedule takes it (none listening, a leftover socket of a killed
	 * one, or one serving other folders — then {@code err} says why), and the caller runs the load.
	 * Once taken, the run is the schedule's: this process ending early does not stop it.
	 */
	public static OptionalInt handOff(Path stateDir, Request request, PrintStream out, PrintStream err) {
		Path socket = socketFile(stateDir);
		if (!Files.exists(socket)) {
			return OptionalInt.empty();
		}
		try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			try {
				channel.connect(UnixDomainSocketAddress.of(socket));
			}
			catch (IOException ex) {
				// a schedule killed with -9 leaves its socket file and nobody listens on it: removed, so
				// that the launcher starts the next run with its class cache again (bin/talent-warehouse)
				if (ex instanceof ConnectException) {
					try {
						Files.deleteIfExists(socket);
					}
					catch (IOException | SecurityException cannotRemove) {
						// the next schedule takes the path over
					}
				}
				return OptionalInt.empty();
			}
			DataOutputStream requestOut = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
			DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
			request.writeTo(requestOut);
			byte type = in.readByte();
			String first = readText(in);
			if (type == DECLINED) {
				err.println("Not handed to the running schedule (" + first + "); running here.");
				return OptionalInt.empty();
			}
			if (type != ACCEPTED) {
				err.println("Not handed to the running schedule (it answered with an unknown frame); running here.");
				return OptionalInt.empty();
			}
			err.println("Handed to the running schedule (" + first + "); its log has the details.");
			while (true) {
				type = in.readByte();
				if (type == EXIT) {
					return OptionalInt.of(in.readInt());
				}
				// bytes as they come: a frame may end inside a character the next one completes
				byte[] bytes = readBytes(in);
				PrintStream target = (type == ERR) ? err : out;
				target.write(bytes, 0, bytes.length);
				target.flush();
			}
		}
		catch (EOFException ex) {
			// the schedule ended (SIGTERM, kill) while the run was under way: its report says how far it got
			err.println("The schedule went away before the handed run ended; `talent-warehouse status` shows how it ended"
					+ " and `restart` resumes it.");
			return OptionalInt.of(LoadRun.NOTHING_PUBLISHED);
		}
		catch (IOException ex) {
			err.println("The handed run's connection failed (" + ex.getMessage() + "); `talent-warehouse status` shows"
					+ " how the run ended.");
			return OptionalInt.of(LoadRun.NOTHING_PUBLISHED);
		}
	}

	static String readText(DataInputStream in) throws IOException {
		return new String(readBytes(in), StandardCharsets.UTF_8);
	}

	static byte[] readBytes(DataInputStream in) throws IOException {
		int length = in.readInt();
		if (length < 0 || length > (16 << 20)) {
			throw new IOException("a frame of " + length + " bytes");
		}
		byte[] bytes = new byte[length];
		in.readFully(bytes);
		return bytes;
	}

}
