package cq.talentwarehouse;

/** A chat robot or webhook of {@code talent.notify} ({@link NotifyProperties}). */
public class RobotProperties {

	/** The webhook URL with its access token; empty: this channel is off. */
	private String url;

	/** Signing secret (DingTalk 加签, Feishu 签名校验, webhook HMAC); empty: unsigned. */
	private String secret;

	/** Message type where the robot has a choice: text or markdown. */
	private String format = "text";

	public String getUrl() {
		return this.url;
	}

	public void setUrl(String url) {
		this.url = url;
	}

	public String getSecret() {
		return this.secret;
	}

	public void setSecret(String secret) {
		this.secret = secret;
	}

	public String getFormat() {
		return this.format;
	}

	public void setFormat(String format) {
		this.format = format;
	}

	public boolean isEnabled() {
		return this.url != null && !this.url.isBlank();
	}

	@Override
	public String toString() {
		return "Robot[" + (isEnabled() ? "on" : "off") + ", secrets not shown]";
	}

}
