package cq.talentwarehouse;

import java.time.Duration;

/**
 * The {@code talent.notify} group of {@link TalentProperties}: its own file so the root reads as the list
 * of settings. Notifications of failed, partly failed, not served and empty nights and of the first good
 * night after one. A channel is on when its URL (mail: its recipients) is set; URLs and secrets
 * come from the environment or from files ({@code spring.config.import=configtree:DIR}), and
 * are never printed or logged.
 */
public class NotifyProperties {

	/** Deliveries tried again after a failed one, per channel. */
	private int retries = 2;

	/** Wait before the first retry; doubled for each further one. */
	private Duration retryBackoff = Duration.ofSeconds(2);

	/** Connect and response timeout of one delivery. */
	private Duration timeout = Duration.ofSeconds(10);

	/** How messages spell the command that resumes a run (the launcher path or java -jar ...). */
	private String command = "talent-warehouse";

	/** WeCom (企业微信) group robot. */
	private final RobotProperties wecom = new RobotProperties();

	/** DingTalk (钉钉) custom robot; with a secret every message is signed. */
	private final RobotProperties dingtalk = new RobotProperties();

	/** Feishu (飞书) custom bot; with a secret every message is signed. */
	private final RobotProperties feishu = new RobotProperties();

	/** Any HTTP endpoint that takes the outcome as JSON; with a secret the body is signed. */
	private final RobotProperties webhook = new RobotProperties();

	/** E-mail over SMTP; the server is Spring Boot's {@code spring.mail.*}. */
	private final MailProperties mail = new MailProperties();

	public int getRetries() {
		return this.retries;
	}

	public void setRetries(int retries) {
		this.retries = retries;
	}

	public Duration getRetryBackoff() {
		return this.retryBackoff;
	}

	public void setRetryBackoff(Duration retryBackoff) {
		this.retryBackoff = retryBackoff;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public String getCommand() {
		return this.command;
	}

	public void setCommand(String command) {
		this.command = command;
	}

	public RobotProperties getWecom() {
		return this.wecom;
	}

	public RobotProperties getDingtalk() {
		return this.dingtalk;
	}

	public RobotProperties getFeishu() {
		return this.feishu;
	}

	public RobotProperties getWebhook() {
		return this.webhook;
	}

	public MailProperties getMail() {
		return this.mail;
	}

	@Override
	public String toString() {
		return "Notify[secrets not shown]";
	}

}
