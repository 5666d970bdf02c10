package cq.talentwarehouse;

import java.nio.file.Path;
import java.time.Duration;

/** The {@code talent.monitor} group of {@link TalentProperties}: metrics and health of the nightly load. */
public class MonitorProperties {

	/** Port of the Prometheus and health endpoint in {@code schedule}; unset: no endpoint. */
	private Integer port;

	/** Address the endpoint binds to; loopback unless set. */
	private String address = "127.0.0.1";

	/** Health is DOWN when the last successful publish is older than this. */
	private Duration maxPublishAge = Duration.ofHours(26);

	/** Prometheus textfile written after every run (node_exporter's textfile collector); unset: none. */
	private Path textfile;

	public Integer getPort() {
		return this.port;
	}

	public void setPort(Integer port) {
		this.port = port;
	}

	public String getAddress() {
		return this.address;
	}

	public void setAddress(String address) {
		this.address = address;
	}

	public Duration getMaxPublishAge() {
		return this.maxPublishAge;
	}

	public void setMaxPublishAge(Duration maxPublishAge) {
		this.maxPublishAge = maxPublishAge;
	}

	public Path getTextfile() {
		return this.textfile;
	}

	public void setTextfile(Path textfile) {
		this.textfile = textfile;
	}

}
