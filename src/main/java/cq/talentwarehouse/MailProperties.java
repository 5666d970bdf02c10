package cq.talentwarehouse;

import java.util.ArrayList;
import java.util.List;

/** Mail recipients and sender of {@code talent.notify.mail} ({@link NotifyProperties}). */
public class MailProperties {

	/** Recipients; empty: no mail. */
	private List<String> to = new ArrayList<>();

	/** Sender address. */
	private String from = "talent-warehouse@localhost";

	public List<String> getTo() {
		return this.to;
	}

	public void setTo(List<String> to) {
		this.to = to;
	}

	public String getFrom() {
		return this.from;
	}

	public void setFrom(String from) {
		this.from = from;
	}

	public boolean isEnabled() {
		return this.to != null && !this.to.isEmpty();
	}

}
