package cq.talentwarehouse.monitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reader of Prometheus' text exposition format (version 0.0.4) for tests: {@code # HELP} and
 * {@code # TYPE} lines, then {@code name{label="value",...} number} samples. It refuses a line it
 * cannot read, so a malformed exposition fails the test.
 */
public final class PrometheusText {

	private static final Pattern SAMPLE = Pattern
		.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)( -?[0-9]+)?");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

	private PrometheusText() {
	}

	/** One sample. */
	public record Sample(String name, Map<String, String> labels, double value) {
	}

	public static List<Sample> parse(String exposition) {
		List<Sample> samples = new ArrayList<>();
		for (String line : exposition.split("\n")) {
			if (line.isBlank()) {
				continue;
			}
			if (line.startsWith("#")) {
				if (!line.matches("# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*") && !line.equals("# EOF")) {
					throw new IllegalArgumentException("not a HELP or TYPE line: " + line);
				}
				continue;
			}
			Matcher m = SAMPLE.matcher(line);
			if (!m.matches()) {
				throw new IllegalArgumentException("not a sample line: " + line);
			}
			Map<String, String> labels = new LinkedHashMap<>();
			if (m.group(3) != null) {
				Matcher l = LABEL.matcher(m.group(3));
				int end = 0;
				while (l.find() && l.start() == end) {
					labels.put(l.group(1), l.group(2));
					end = l.end();
				}
				if (end != m.group(3).length()) {
					throw new IllegalArgumentException("bad labels: " + line);
				}
			}
			samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4).replace("+Inf", "Infinity")
				.replace("-Inf", "-Infinity"))));
		}
		return samples;
	}

	/** The value of the one sample of this name with these labels (name, value pairs); fails if none. */
	public static double value(List<Sample> samples, String name, String... labels) {
		return samples.stream().filter((s) -> s.name().equals(name)).filter((s) -> {
			for (int i = 0; i < labels.length; i += 2) {
				if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
					return false;
				}
			}
			return true;
		}).map(Sample::value).reduce((a, b) -> {
			throw new IllegalStateException("more than one sample of " + name);
		}).orElseThrow(() -> new AssertionError("no sample " + name + " " + String.join(",", labels)));
	}

	/** Whether a sample of this name exists. */
	public static boolean has(List<Sample> samples, String name) {
		return samples.stream().anyMatch((s) -> s.name().equals(name));
	}

}
