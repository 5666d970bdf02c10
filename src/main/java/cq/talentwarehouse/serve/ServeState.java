package cq.talentwarehouse.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The outcome of the latest serve — by a run or by the {@code serve} command — kept beside the
 * warehouse ({@code warehouse/serve/last-serve.json}) for {@code status}. It names the server as
 * {@link ServeTarget#describe()} does: never a password.
 *
 * @param at local time the serve ended
 * @param server the server, database and user
 * @param served whether the switch to the new copy happened
 * @param runId the run now served (null when the serve failed)
 * @param tables tables served
 * @param rows rows served
 * @param seconds how long the serve took
 * @param message why it failed, null when served
 * @param lastServedRunId the run served by the latest serve that succeeded, if any
 * @param lastServedAt when that was
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServeState(String at, String server, boolean served, String runId, int tables, long rows, double seconds,
		String message, String lastServedRunId, String lastServedAt) {

	private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

	static ServeState served(String server, WarehouseServer.Result result) {
		String now = LocalDateTime.now().toString();
		return new ServeState(now, server, true, result.runId(), result.tables(), result.rows(), result.seconds(), null,
				result.runId(), now);
	}

	static ServeState failed(String server, String message) {
		return new ServeState(LocalDateTime.now().toString(), server, false, null, 0, 0, 0, message, null, null);
	}

	public static Path file(Path stateDir) {
		return stateDir.resolve("serve").resolve("last-serve.json");
	}

	/** The recorded outcome, or null when nothing was ever served from this state folder. */
	public static ServeState read(Path stateDir) throws IOException {
		Path file = file(stateDir);
		return Files.exists(file) ? JSON.readValue(file.toFile(), ServeState.class) : null;
	}

	/** Writes atomically; a failure keeps the last successful serve's run and time from the previous record. */
	void write(Path file) throws IOException {
		ServeState record = this;
		if (!this.served && Files.exists(file)) {
			ServeState previous = JSON.readValue(file.toFile(), ServeState.class);
			record = new ServeState(this.at, this.server, false, null, 0, 0, this.seconds, this.message,
					previous.lastServedRunId(), previous.lastServedAt());
		}
		Files.createDirectories(file.getParent());
		Path temp = file.resolveSibling(file.getFileName() + ".tmp");
		JSON.writeValue(temp.toFile(), record);
		Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	/** One line for {@code status}. */
	public String describe() {
		if (this.served) {
			return String.format(java.util.Locale.ROOT, "Served: %s to %s at %s (%d tables, %,d rows, %.1f s).", this.runId,
					this.server, this.at, this.tables, this.rows, this.seconds);
		}
		return "NOT SERVED at " + this.at + ": " + this.message + ((this.lastServedRunId != null)
				? " PostgreSQL still serves " + this.lastServedRunId + " (served " + this.lastServedAt + ")." : "");
	}

}
