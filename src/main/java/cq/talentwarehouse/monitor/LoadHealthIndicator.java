package cq.talentwarehouse.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import cq.talentwarehouse.TalentProperties;
import cq.talentwarehouse.run.RunReport;

/**
 * The nightly load's health ({@code /actuator/health} in {@code schedule}): DOWN when the last run
 * failed (nothing published, districts failed, not served, nothing to load) or the last successful
 * publish is older than {@code talent.monitor.max-publish-age} (26 h by default: one missed night
 * and a margin).
 */
@Component("nightlyLoad")
public class LoadHealthIndicator implements HealthIndicator {

	private final RunMetrics metrics;

	private final TalentProperties properties;

	public LoadHealthIndicator(RunMetrics metrics, TalentProperties properties) {
		this.metrics = metrics;
		this.properties = properties;
	}

	@Override
	public Health health() {
		LoadState state = this.metrics.state();
		Duration maxAge = this.properties.getMonitor().getMaxPublishAge();
		Map<String, Object> details = new LinkedHashMap<>();
		if (state.lastRun() != null) {
			details.put("lastRun", state.lastRun().runId());
			details.put("lastRunStatus", state.lastRun().status());
			details.put("lastRunExitCode", state.lastRun().exitCode());
			details.put("failedDistricts",
					state.lastRun().failedDistricts().stream().map(RunReport.DistrictResult::district).toList());
		}
		details.put("lastPublish", (state.lastPublish() != null) ? state.lastPublish().toString() : "never");
		details.put("maxPublishAge", maxAge.toString());
		details.put("staleDistricts", state.staleDistricts());
		if (state.lastRunFailed()) {
			return Health.down().withDetail("reason", "the last run failed").withDetails(details).build();
		}
		if (state.lastPublish() == null || state.lastPublish().isBefore(Instant.now().minus(maxAge))) {
			return Health.down().withDetail("reason", "no publish within " + maxAge).withDetails(details).build();
		}
		return Health.up().withDetails(details).build();
	}

}
