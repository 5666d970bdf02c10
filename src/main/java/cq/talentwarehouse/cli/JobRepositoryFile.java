package cq.talentwarehouse.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

import cq.talentwarehouse.run.RunReport;
import cq.talentwarehouse.run.RunStatus;

/**
 * The Spring Batch job repository ({@code warehouse/job-repository.mv.db}) holds only restart
 * state. When H2 finds it damaged, a command says so with what to do; when no run is waiting to be
 * resumed it is moved aside with a warning and the command runs on a new one — nothing is lost.
 */
final class JobRepositoryFile {

	private JobRepositoryFile() {
	}

	/** Runs a command that needs the job repository, handling a damaged repository file once. */
	static Integer guard(WarehouseOptions options, Callable<Integer> command) throws Exception {
		try {
			return command.call();
		}
		catch (Exception ex) {
			String damage = damage(ex);
			if (damage == null) {
				throw ex;
			}
			Path file = options.warehouse.toAbsolutePath().getParent().resolve("job-repository.mv.db");
			RunReport resumable = resumable(options);
			if (resumable != null) {
				System.err.println("error: the job repository " + file + " is damaged (" + damage + "). It holds only the"
						+ " restart state of runs, and the last run " + resumable.runId() + " (" + resumable.status()
						+ ") could be resumed from it: restore the file from a backup and run `restart`, or move it aside"
						+ " (mv " + file + " " + file + ".damaged) and `run` to load again from the start. The published"
						+ " warehouse is not affected.");
				return 1;
			}
			Path aside = file.resolveSibling(file.getFileName() + ".damaged-"
					+ DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").format(LocalDateTime.now()));
			Files.move(file, aside);
			System.err.println("warning: the job repository " + file + " was damaged (" + damage + ") and no run was"
					+ " waiting to be resumed from it, so it was moved aside to " + aside.getFileName()
					+ " and a new one is used (it holds only restart state; the warehouse is not affected).");
			return command.call();
		}
	}

	/** H2's description of a damaged file, or null when the failure is something else. */
	static String damage(Throwable failure) {
		for (Throwable t = failure; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			String message = t.getMessage();
			if (t.getClass().getName().startsWith("org.h2.") && message != null
					&& (message.contains("corrupted") || message.contains("File corrupted"))) {
				return message.lines().findFirst().orElse(message);
			}
		}
		return null;
	}

	/** The last run when it did not finish publishing (what restart would resume), else null. */
	private static RunReport resumable(WarehouseOptions options) throws IOException {
		List<RunReport> reports = RunReport.list(options.warehouse.toAbsolutePath().getParent().resolve("runs"));
		if (reports.isEmpty()) {
			return null;
		}
		RunReport last = reports.get(0);
		return (last.is(RunStatus.RUNNING) || last.is(RunStatus.FAILED) || last.is(RunStatus.STOPPED)) ? last : null;
	}

}
