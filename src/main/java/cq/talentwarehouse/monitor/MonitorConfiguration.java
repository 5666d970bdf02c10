package cq.talentwarehouse.monitor;

import java.util.Properties;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import cq.talentwarehouse.run.RunLogContext;

/**
 * Wires the run's observations to logging and metrics: every Spring Batch step puts its name into
 * the MDC; with {@code talent.monitor.port} set ({@code schedule} then serves HTTP on it), the
 * Prometheus scrape endpoint serves {@link RunMetrics}' registry, which also records the Spring
 * Batch job and step timers across runs (the run report keeps its own per-run registry).
 */
@Configuration(proxyBeanMethods = false)
public class MonitorConfiguration {

	/** Registered eagerly: the observation registry must know the handler before the first job runs. */
	@Bean
	@Lazy(false)
	RunObservations runObservations(ObservationRegistry observationRegistry) {
		observationRegistry.observationConfig().observationHandler(RunLogContext.stepHandler());
		return new RunObservations(observationRegistry);
	}

	@Bean
	@ConditionalOnProperty("talent.monitor.port")
	PrometheusScrapeEndpoint prometheusScrapeEndpoint(RunMetrics metrics, RunObservations observations) {
		observations.registry().observationConfig()
			.observationHandler(new DefaultMeterObservationHandler(metrics.registry()));
		new JvmMemoryMetrics().bindTo(metrics.registry());
		new JvmThreadMetrics().bindTo(metrics.registry());
		new ProcessorMetrics().bindTo(metrics.registry());
		new UptimeMetrics().bindTo(metrics.registry());
		metrics.state();
		return new PrometheusScrapeEndpoint(metrics.registry().getPrometheusRegistry(), new Properties());
	}

	/** The observation registry of the jobs, once the run's handlers are on it. */
	record RunObservations(ObservationRegistry registry) {
	}

}
