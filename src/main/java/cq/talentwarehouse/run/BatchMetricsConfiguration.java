package cq.talentwarehouse.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cq.talentwarehouse.TalentProperties;

/**
 * Spring Batch's Micrometer observations (job, step, item read/process, chunk write) recorded in
 * an in-process registry; each run summarises them in its JSON report. No metrics server is
 * needed for a nightly batch.
 */
@Configuration(proxyBeanMethods = false)
public class BatchMetricsConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	@Bean
	@ConditionalOnMissingBean
	public ObservationRegistry observationRegistry(MeterRegistry meterRegistry, TalentProperties properties) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
		if (!properties.isItemMetrics()) {
			// a timer per record costs microseconds on a path that has a few in all; job, step and
			// chunk timers stay on
			registry.observationConfig()
				.observationPredicate((name, context) -> !name.startsWith("spring.batch.item"));
		}
		return registry;
	}

}
