package cq.talentwarehouse.monitor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import cq.talentwarehouse.TalentProperties;
import cq.talentwarehouse.run.RunLogContext;
import cq.talentwarehouse.run.RunOutcome;
import cq.talentwarehouse.run.RunOutcomeListener;
import cq.talentwarehouse.run.RunReport;

/**
 * The metrics of the nightly load — the entry point of this package. After every run it refreshes
 * the gauges (last publish, last run, stale districts, records per district and source, job and
 * step times) that {@code schedule} serves on its Prometheus endpoint, and writes them as a
 * Prometheus textfile when {@code talent.monitor.textfile} is set (for cron-started runs, which
 * have no process left to scrape).
 */
@Component
public class RunMetrics implements RunOutcomeListener {

	private static final Logger log = LoggerFactory.getLogger(RunMetrics.class);

	private final TalentProperties properties;

	private volatile LoadState state;

	private final Object refreshing = new Object();

	/** Made on first use: a {@code run} without an endpoint or textfile never loads Prometheus' classes. */
	private PrometheusMeterRegistry registry;

	private List<MultiGauge> multiGauges = List.of();

	public RunMetrics(TalentProperties properties) {
		this.properties = properties;
	}

	/** The registry the Prometheus endpoint scrapes: these gauges, the Spring Batch timers, the JVM. */
	public PrometheusMeterRegistry registry() {
		synchronized (this.refreshing) {
			if (this.registry == null) {
				this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
				this.multiGauges = register(this.registry, this::state);
				if (this.state != null) {
					updateRows(this.multiGauges, this.state);
				}
			}
			return this.registry;
		}
	}

	/** The current state, read from the run reports and the warehouse after each run (and at first use). */
	public LoadState state() {
		LoadState current = this.state;
		if (current != null) {
			return current;
		}
		synchronized (this.refreshing) {
			if (this.state == null) {
				try {
					this.state = LoadState.read(this.properties.stateDir().resolve("runs"), this.properties.getWarehouse());
				}
				catch (IOException | RuntimeException ex) {
					log.warn("Could not read the run reports for the metrics: {}", ex.getMessage());
					return LoadState.NONE;
				}
				if (!this.multiGauges.isEmpty()) {
					updateRows(this.multiGauges, this.state);
				}
			}
			return this.state;
		}
	}

	@Override
	public void runEnded(RunOutcome outcome) throws IOException {
		logOutcome(outcome);
		this.state = null;
		Path textfile = this.properties.getMonitor().getTextfile();
		if (textfile != null) {
			writeTextfile(textfile, state());
		}
		else if (this.properties.getMonitor().getPort() != null) {
			state();
		}
	}

	/**
	 * The run's end as log lines a log system can count: one for the run, one per failed district
	 * carrying that district's code in the MDC.
	 */
	private static void logOutcome(RunOutcome outcome) {
		for (RunReport.DistrictResult d : outcome.failedDistricts()) {
			try (MDC.MDCCloseable district = MDC.putCloseable(RunLogContext.DISTRICT, d.district())) {
				log.warn("District {} {} @ {} failed: {}", d.district(), d.name(), d.snapshotDate(), d.message());
			}
		}
		log.info("Run {} ended {} (exit {}): {} district snapshot(s) staged, {} failed, {} unchanged{}",
				outcome.runId(), outcome.status(), outcome.exitCode(), outcome.stagedDistricts().size(),
				outcome.failedDistricts().size(), outcome.skippedDistricts().size(),
				(outcome.message() != null) ? "; " + outcome.message() : "");
	}

	/**
	 * Writes the gauges of a state in Prometheus' text format the way node_exporter's textfile
	 * collector wants it: to a temporary file beside the target (not ending in {@code .prom}, so
	 * the collector skips it), then renamed over it, so a scrape never reads half a file.
	 */
	static void writeTextfile(Path file, LoadState state) throws IOException {
		PrometheusMeterRegistry textfile = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		updateRows(register(textfile, () -> state), state);
		Path parent = file.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		Path temp = parent.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
		Files.writeString(temp, textfile.scrape(), StandardCharsets.UTF_8);
		Files.move(temp, file.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		textfile.close();
	}

	/** Registers the gauges; returns the multi-row ones, whose rows are replaced on every refresh. */
	private static List<MultiGauge> register(MeterRegistry registry, Supplier<LoadState> state) {
		Gauge.builder("talent.last.publish.timestamp", state, (s) -> epochSeconds(s.get().lastPublish()))
			.description("End of the last run that published (or found every snapshot unchanged); 0 if none")
			.baseUnit("seconds").strongReference(true).register(registry);
		Gauge.builder("talent.last.run.timestamp", state,
				(s) -> (s.get().lastRun() != null) ? epochSeconds(LoadState.instant(s.get().lastRun().finishedAt())) : 0)
			.description("End of the last run that finished").baseUnit("seconds").strongReference(true).register(registry);
		Gauge.builder("talent.last.run.duration", state, (s) -> s.get().lastRunSeconds())
			.description("Wall time of the last run that finished").baseUnit("seconds").strongReference(true)
			.register(registry);
		Gauge.builder("talent.last.run.exit.code", state,
				(s) -> (s.get().lastRun() != null) ? s.get().lastRun().exitCode() : Double.NaN)
			.description("Exit code of the last run: 0 published, 1 nothing published, 3 districts failed,"
					+ " 5 published but not served, 6 nothing to load")
			.strongReference(true).register(registry);
		Gauge.builder("talent.last.run.success", state, (s) -> s.get().lastRunFailed() ? 0 : 1)
			.description("1 when the last run published everything (or found nothing new), 0 when it failed")
			.strongReference(true).register(registry);
		Gauge.builder("talent.stale.districts", state, (s) -> s.get().staleDistricts().size())
			.description("Districts whose marts show an older snapshot because their last load failed")
			.strongReference(true).register(registry);
		Gauge.builder("talent.run.in.progress", state,
				(s) -> (s.get().runningSince() != null)
						? Math.max(0, Instant.now().getEpochSecond() - s.get().runningSince().getEpochSecond()) : 0)
			.description("How long the newest run has been going without finishing (running now, or killed); 0 if none")
			.baseUnit("seconds").strongReference(true).register(registry);
		return List.of(
				MultiGauge.builder("talent.records.read").description("Records read by the last run, per district and source")
					.register(registry),
				MultiGauge.builder("talent.records.loaded")
					.description("Records loaded by the last run, per district and source").register(registry),
				MultiGauge.builder("talent.records.quarantined")
					.description("Records quarantined by the last run, per district and source").register(registry),
				MultiGauge.builder("talent.district.stale").description("1 for each district whose last load failed")
					.register(registry),
				MultiGauge.builder("talent.last.run.job.duration").baseUnit("seconds")
					.description("Time of the last run per Spring Batch job").register(registry),
				MultiGauge.builder("talent.last.run.step.duration").baseUnit("seconds")
					.description("Time of the last run per Spring Batch step, summed over districts").register(registry));
	}

	private static void updateRows(List<MultiGauge> gauges, LoadState state) {
		List<RunReport.SourceResult> sources = state.sources();
		gauges.get(0).register(sources.stream()
			.map((s) -> MultiGauge.Row.of(Tags.of("district", s.district(), "source", s.source()), s.read()))
			.toList(), true);
		gauges.get(1).register(sources.stream()
			.map((s) -> MultiGauge.Row.of(Tags.of("district", s.district(), "source", s.source()), s.staged()))
			.toList(), true);
		gauges.get(2).register(sources.stream()
			.map((s) -> MultiGauge.Row.of(Tags.of("district", s.district(), "source", s.source()), s.quarantined()))
			.toList(), true);
		gauges.get(3).register(state.staleDistricts().stream()
			.map((d) -> MultiGauge.Row.of(Tags.of("district", d), 1))
			.toList(), true);
		gauges.get(4).register(rows("job", state.jobSeconds()), true);
		gauges.get(5).register(rows("step", state.stepSeconds()), true);
	}

	private static List<MultiGauge.Row<?>> rows(String tag, Map<String, Double> values) {
		return values.entrySet().stream()
			.<MultiGauge.Row<?>>map((e) -> MultiGauge.Row.of(Tags.of(tag, e.getKey()), e.getValue()))
			.toList();
	}

	private static double epochSeconds(Instant instant) {
		return (instant != null) ? instant.toEpochMilli() / 1000.0 : 0;
	}

}
