package cq.talentwarehouse.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Options shared by commands that touch the warehouse; defaults follow the environment. */
class WarehouseOptions {

	static final String WAREHOUSE_VARIABLE = "TALENT_WAREHOUSE";

	static final String WAREHOUSE_DEFAULT = "warehouse/talent.duckdb";

	static final String PIPELINES_VARIABLE = "TALENT_PIPELINES";

	static final String PIPELINES_DEFAULT = "pipelines";

	static final String LANDING_VARIABLE = "TALENT_LANDING";

	static final String LANDING_DEFAULT = "landing";

	static final String SEEDS_VARIABLE = "TALENT_SEEDS";

	static final String SEEDS_DEFAULT = "seeds";

	@Option(names = "--warehouse", paramLabel = "FILE",
			description = "Published DuckDB file (default: $TALENT_WAREHOUSE or ${DEFAULT-VALUE}).",
			defaultValue = "${env:" + WAREHOUSE_VARIABLE + ":-" + WAREHOUSE_DEFAULT + "}")
	Path warehouse;

	@Option(names = "--pipelines", paramLabel = "DIR",
			description = "Pipeline definitions folder (default: $TALENT_PIPELINES or ${DEFAULT-VALUE}).",
			defaultValue = "${env:" + PIPELINES_VARIABLE + ":-" + PIPELINES_DEFAULT + "}")
	Path pipelines;

	@Option(names = "--landing", paramLabel = "DIR",
			description = "Landing zone of district snapshots (default: $TALENT_LANDING or ${DEFAULT-VALUE}).",
			defaultValue = "${env:" + LANDING_VARIABLE + ":-" + LANDING_DEFAULT + "}")
	Path landing;

	@Option(names = "--seeds", paramLabel = "DIR",
			description = "Reference seed CSVs, read at run time (default: $TALENT_SEEDS or ${DEFAULT-VALUE}; the copy in the jar when the folder does not exist).",
			defaultValue = "${env:" + SEEDS_VARIABLE + ":-" + SEEDS_DEFAULT + "}")
	Path seeds;

	/** A folder option must name an existing folder: a usage error (exit 2) otherwise. */
	void requireFolder(String option, Path folder, CommandSpec spec) {
		requireFolderIfPresent(option, folder, spec);
		if (!Files.isDirectory(folder)) {
			throw new ParameterException(spec.commandLine(), option + " " + folder + ": no such folder");
		}
	}

	/** As {@link #requireFolder}, but a folder that does not exist is allowed (the bundled seeds are used then). */
	void requireFolderIfPresent(String option, Path folder, CommandSpec spec) {
		if (Files.isRegularFile(folder)) {
			throw new ParameterException(spec.commandLine(), option + " " + folder
					+ " is a file, not a folder: give the folder that holds the files");
		}
	}

	/** The folder beside the warehouse that holds the run lock, the job repository and the rest of the state. */
	Path stateDir() {
		return this.warehouse.toAbsolutePath().getParent();
	}

	/** The run lock beside the warehouse. */
	Path lockFile() {
		return stateDir().resolve("run.lock");
	}

	/**
	 * Refuses at once, before Spring and the job repository start, when another process is
	 * loading: prints who holds the lock and returns the exit code, or null when the way is free.
	 */
	Integer refuseIfRunInProgress() throws java.io.IOException {
		try {
			cq.talentwarehouse.run.RunLock.checkFree(lockFile());
			return null;
		}
		catch (cq.talentwarehouse.run.RunLock.RunInProgressException ex) {
			System.err.println(ex.getMessage());
			return cq.talentwarehouse.run.LoadRun.RUN_IN_PROGRESS;
		}
	}

	/**
	 * The JDBC URL of the job repository kept in {@code stateDir} (beside the warehouse).
	 * AUTO_SERVER: a second process (a manual run while the schedule process is up) reaches the
	 * job repository through the first one's loopback server instead of failing on the file lock.
	 * TRACE_LEVEL_FILE=0: every start re-runs the job repository's schema script, and H2 would trace
	 * each "already exists" with a stack trace to a file that grew by kilobytes every night.
	 * H2's write delay is left at its default (a commit on disk within half a second): a chunk's
	 * progress may be lost to a kill -9 and is redone; a job's or step's transition is stored at once
	 * ({@code run.DurableJobTransitions}).
	 * QUERY_CACHE_SIZE=64: Spring Batch prepares each statement anew for every chunk and step, and
	 * with H2's default of 8 cached statements a session parsed most of them again every time.
	 */
	static String jobRepositoryUrl(Path stateDir) {
		return "jdbc:h2:file:" + stateDir.resolve("job-repository")
				+ ";AUTO_SERVER=TRUE;TRACE_LEVEL_FILE=0;QUERY_CACHE_SIZE=64";
	}

	/** Spring arguments carrying these options into {@code TalentProperties} and the job repository. */
	List<String> springArguments() {
		Path stateDir = this.warehouse.toAbsolutePath().getParent();
		List<String> args = new ArrayList<>();
		args.add("--talent.warehouse=" + this.warehouse.toAbsolutePath());
		args.add("--talent.pipelines=" + this.pipelines.toAbsolutePath());
		args.add("--talent.landing=" + this.landing.toAbsolutePath());
		args.add("--talent.seeds=" + this.seeds.toAbsolutePath());
		args.add("--spring.datasource.url=" + jobRepositoryUrl(stateDir));
		// Spring Boot's file appender rolls at 10 MB and keeps 7 days
		args.add("--logging.file.name=" + stateDir.resolve("logs").resolve("talent-warehouse.log"));
		return args;
	}

}
