package cq.talentwarehouse.run;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import cq.talentwarehouse.TalentProperties;
import cq.talentwarehouse.stage.DistrictStageJobConfiguration;
import cq.talentwarehouse.stage.StagingArea;
import cq.talentwarehouse.testing.JobRepositoryFiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stop (SIGTERM to a schedule) closes the job repository under the jobs still running: H2's own
 * shutdown hook closes it beside the schedule's. What fails then failed because the run was being
 * stopped, not on its data, and is left for restart instead of being reported (and alerted) as failed.
 */
class DistrictStagingTests {

	@TempDir
	Path dir;

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	private JobRepository repository;

	private TaskExecutorJobOperator operator;

	private HikariDataSource pool;

	@AfterEach
	void closePool() {
		if (this.pool != null) {
			this.pool.close();
		}
	}

	@Test
	void leavesForRestartADistrictWhoseJobFailsWhileTheRunIsBeingStopped() throws Exception {
		// given: a district job that fails the way a job repository closed by shutdown makes it fail,
		// as the stop is requested
		RunState run = run();
		Job job = jobWhoseStepFails(() -> run.stopRequested = true, "Database is already closed");

		// when: the district is staged
		List<RunReport.DistrictResult> results = stage(job, run);

		// then: it is pending, not failed
		assertThat(results).singleElement().satisfies((r) -> {
			assertThat(r.status()).isEqualTo(DistrictStatus.PENDING.key());
			assertThat(r.message()).isNull();
		});
		assertThat(this.output.toString(StandardCharsets.UTF_8)).doesNotContain("FAILED").contains("stopped");
	}

	@Test
	void leavesForRestartADistrictWhoseJobCannotStartWhileTheRunIsBeingStopped() throws Exception {
		// given: a district job whose start fails (as on a closed job repository) once the stop is requested
		RunState run = run();
		Job job = job((repository, dataSource) -> new JobBuilder(DistrictStageJobConfiguration.JOB_NAME, repository)
			.validator((parameters) -> {
				run.stopRequested = true;
				throw new InvalidJobParametersException("Could not open JDBC Connection for transaction");
			})
			.start(new StepBuilder("rosterStageStep", repository)
				.tasklet((contribution, context) -> null, new DataSourceTransactionManager(dataSource))
				.build())
			.build());

		// when: the district is staged
		List<RunReport.DistrictResult> results = stage(job, run);

		// then: it is pending, not failed
		assertThat(results).singleElement().satisfies((r) -> assertThat(r.status()).isEqualTo(DistrictStatus.PENDING.key()));
		assertThat(this.output.toString(StandardCharsets.UTF_8)).doesNotContain("FAILED");
	}

	@Test
	void reportsADistrictWhoseJobFailsOnItsOwnAsFailed() throws Exception {
		// given: a district job that fails while nobody asked the run to stop
		RunState run = run();
		Job job = jobWhoseStepFails(() -> { }, "talent_roster.csv:3: no such column");

		// when: the district is staged
		List<RunReport.DistrictResult> results = stage(job, run);

		// then: it failed, with the job's own message
		assertThat(results).singleElement().satisfies((r) -> {
			assertThat(r.status()).isEqualTo(DistrictStatus.FAILED.key());
			assertThat(r.message()).contains("no such column");
		});
	}

	@Test
	void runsWhatWaitsForTheQueueToDrainOnceEverySnapshotHasAThread() throws Exception {
		// given: three snapshots for two staging threads, each job counting the snapshots staged
		RunState run = run();
		AtomicInteger staged = new AtomicInteger();
		Job job = job((repository, dataSource) -> new JobBuilder(DistrictStageJobConfiguration.JOB_NAME, repository)
			.start(new StepBuilder("rosterStageStep", repository).tasklet((contribution, context) -> {
				staged.incrementAndGet();
				return null;
			}, new DataSourceTransactionManager(dataSource)).build())
			.build());
		Path landing = this.dir.resolve("landing");
		TalentProperties properties = new TalentProperties();
		properties.setLanding(landing);
		DistrictStaging staging = new DistrictStaging(job, new BatchJobs(this.operator, this.repository),
				new SnapshotPlanner(properties), () -> 2);
		List<RunReport.DistrictResult> plan = new ArrayList<>();
		for (String district : List.of("jiangjin", "qianjiang", "qijiang")) {
			Path snapshot = Files.createDirectories(landing.resolve(district + "/2024-12-31"));
			plan.add(new RunReport.DistrictResult(district, district, "2024-12-31",
					Path.of("pipelines/" + district + ".yaml").toAbsolutePath().toString(), snapshot.toString(),
					DistrictStatus.PENDING.key(), null));
		}
		List<Integer> stagedWhenDrained = new CopyOnWriteArrayList<>();

		// when: they stage, with work for the thread that finds the queue empty
		List<RunReport.DistrictResult> results = staging.stageAll("run-1", LocalDateTime.now(), plan,
				new StagingArea(this.dir.resolve("staging")), this.dir.resolve("report.json"), false, run,
				() -> stagedWhenDrained.add(staged.get()));

		// then: it ran once, done before stageAll returned, when at most the other thread's one snapshot
		// was still staging (run first, it would have seen none staged)
		assertThat(results).extracting(RunReport.DistrictResult::status).containsOnly(DistrictStatus.STAGED.key());
		assertThat(stagedWhenDrained).singleElement().satisfies((n) -> assertThat(n).isGreaterThanOrEqualTo(2));
	}

	private RunState run() {
		PrintStream out = new PrintStream(this.output, true, StandardCharsets.UTF_8);
		return new RunState(out, out);
	}

	@FunctionalInterface
	private interface JobFactory {

		Job create(JobRepository repository, DataSource dataSource) throws Exception;

	}

	private Job job(JobFactory factory) throws Exception {
		// a connection per staging thread: two jobs sharing one connection's transaction failed one of them now and then
		this.pool = JobRepositoryFiles.pooledDataSource(this.dir);
		DataSource dataSource = this.pool;
		this.repository = JobRepositoryFiles.repository(dataSource);
		this.operator = JobRepositoryFiles.operator(this.repository);
		return factory.create(this.repository, dataSource);
	}

	/** A district job whose one step does {@code first} and then fails with {@code message}. */
	private Job jobWhoseStepFails(Runnable first, String message) throws Exception {
		return job((repository, dataSource) -> new JobBuilder(DistrictStageJobConfiguration.JOB_NAME, repository)
			.start(new StepBuilder("rosterStageStep", repository).tasklet((contribution, context) -> {
				first.run();
				throw new IllegalStateException(message);
			}, new DataSourceTransactionManager(dataSource)).build())
			.build());
	}

	/** One district snapshot in a landing folder of its own, staged by {@code job}. */
	private List<RunReport.DistrictResult> stage(Job job, RunState run) throws Exception {
		Path landing = this.dir.resolve("landing");
		Path snapshot = Files.createDirectories(landing.resolve("jiangjin/2024-12-31"));
		TalentProperties properties = new TalentProperties();
		properties.setLanding(landing);
		DistrictStaging staging = new DistrictStaging(job, new BatchJobs(this.operator, this.repository),
				new SnapshotPlanner(properties), () -> 1);
		RunReport.DistrictResult planned = new RunReport.DistrictResult("500116", "江津区", "2024-12-31",
				Path.of("pipelines/jiangjin.yaml").toAbsolutePath().toString(), snapshot.toString(),
				DistrictStatus.PENDING.key(), null);
		return staging.stageAll("run-1", LocalDateTime.now(), List.of(planned),
				new StagingArea(this.dir.resolve("staging")), this.dir.resolve("report.json"), false, run, null);
	}

}
