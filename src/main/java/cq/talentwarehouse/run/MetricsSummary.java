package cq.talentwarehouse.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;

/** The Spring Batch timers of a registry as report rows: name, tags, count, total and max seconds. */
public final class MetricsSummary {

	private MetricsSummary() {
	}

	/**
	 * One timer.
	 *
	 * @param name meter name, e.g. spring.batch.step
	 * @param tags its tags as key=value
	 * @param count how many times it was recorded
	 * @param totalSeconds summed duration
	 * @param maxSeconds longest single recording (within the registry's decay window)
	 */
	public record Timing(String name, String tags, long count, double totalSeconds, double maxSeconds) {
	}

	public static List<Timing> of(MeterRegistry registry) {
		List<Timing> timings = new ArrayList<>();
		for (Meter meter : registry.getMeters()) {
			if (meter instanceof Timer timer && meter.getId().getName().startsWith("spring.batch")) {
				StringBuilder tags = new StringBuilder();
				for (Tag tag : meter.getId().getTags()) {
					if (tag.getKey().contains("name") || tag.getKey().contains("status")) {
						tags.append(tags.length() > 0 ? "," : "").append(tag.getKey()).append('=').append(tag.getValue());
					}
				}
				timings.add(new Timing(meter.getId().getName(), tags.toString(), timer.count(),
						timer.totalTime(TimeUnit.MILLISECONDS) / 1000.0, timer.max(TimeUnit.MILLISECONDS) / 1000.0));
			}
		}
		timings.sort(Comparator.comparing(Timing::name).thenComparing(Timing::tags));
		return timings;
	}

}
