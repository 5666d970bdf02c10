package cq.talentwarehouse.notify;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

import cq.talentwarehouse.NotifyProperties;
import cq.talentwarehouse.RobotProperties;
import cq.talentwarehouse.TalentProperties;
import cq.talentwarehouse.run.RunLogContext;
import cq.talentwarehouse.run.RunOutcome;
import cq.talentwarehouse.run.RunOutcomeListener;
import cq.talentwarehouse.run.RunReport;
import cq.talentwarehouse.run.RunStatus;

/**
 * Tells people about a night — the entry point of this package. After a run that failed (exit 1),
 * partly failed (3), published but was not served (5) or found nothing to load (6), it sends one
 * message to every configured channel (WeCom, DingTalk, Feishu, a webhook, mail); after the first
 * good run following such a night, one "recovered". Each channel is tried a few times with a
 * growing pause; a message that cannot be delivered is logged and never changes the run's exit code.
 * Whether a failure is still open is kept in {@code warehouse/notify-state.json}, so that cron runs
 * (a new process each night) send "recovered" too.
 */
@Component
public class Notifier implements RunOutcomeListener {

	private static final Logger log = LoggerFactory.getLogger(Notifier.class);

	private static final ObjectMapper JSON = new ObjectMapper();

	private final TalentProperties properties;

	private final ObjectProvider<JavaMailSender> mailSender;

	public Notifier(TalentProperties properties, ObjectProvider<JavaMailSender> mailSender) {
		this.properties = properties;
		this.mailSender = mailSender;
	}

	/**
	 * The state kept between runs.
	 *
	 * @param openIncident the run id (or "unknown") of the last notified failure not yet followed by a
	 * good night; null when none is open
	 */
	record State(String openIncident) {
	}

	/** A channel's result: delivered or not, after how many attempts, and the last error. */
	public record Delivery(String channel, boolean delivered, int attempts, String error) {
	}

	@Override
	public void runEnded(RunOutcome outcome) throws IOException {
		List<Channel> channels = channels();
		if (channels.isEmpty()) {
			return;
		}
		Notification notification = decide(outcome);
		if (notification != null) {
			deliver(notification, channels);
		}
	}

	/** The message this outcome calls for, if any, and the state moved on accordingly. */
	Notification decide(RunOutcome outcome) throws IOException {
		String command = this.properties.getNotify().getCommand();
		if (outcome.isIncident()) {
			writeState(new State((outcome.runId() != null) ? outcome.runId() : "unknown"));
			return NotificationText.incident(outcome, command);
		}
		if (outcome.isGood()) {
			String open = openIncident(outcome);
			writeState(new State(null));
			return (open != null) ? NotificationText.recovered(outcome, open.equals("unknown") ? null : open, command)
					: null;
		}
		return null;
	}

	/** Sends one notification to every channel at once (a dead one does not delay the others). */
	List<Delivery> deliver(Notification notification, List<Channel> channels) {
		ExecutorService pool = Executors.newFixedThreadPool(channels.size());
		try {
			List<Future<Delivery>> futures = new ArrayList<>();
			for (Channel channel : channels) {
				futures.add(pool.submit(RunLogContext.carry(null, () -> deliver(notification, channel))));
			}
			List<Delivery> deliveries = new ArrayList<>();
			for (Future<Delivery> f : futures) {
				try {
					deliveries.add(f.get());
				}
				catch (Exception ex) {
					log.error("A notification thread failed: {}", ex.toString());
				}
			}
			return deliveries;
		}
		finally {
			pool.shutdown();
		}
	}

	private Delivery deliver(Notification notification, Channel channel) throws InterruptedException {
		int attempts = 1 + Math.max(0, this.properties.getNotify().getRetries());
		Duration pause = this.properties.getNotify().getRetryBackoff();
		String error = null;
		for (int attempt = 1; attempt <= attempts; attempt++) {
			try {
				channel.send(notification);
				log.info("Sent the {} notification of {} to {}{}", notification.event(), notification.outcome().runId(),
						channel.name(), (attempt > 1) ? " (attempt " + attempt + ")" : "");
				return new Delivery(channel.name(), true, attempt, null);
			}
			catch (Exception ex) {
				error = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
				if (attempt < attempts) {
					log.warn("Could not send the {} notification to {} (attempt {} of {}): {}; trying again in {} ms",
							notification.event(), channel.name(), attempt, attempts, error, pause.toMillis());
					Thread.sleep(pause.toMillis());
					pause = pause.multipliedBy(2);
				}
			}
		}
		log.error("Gave up sending the {} notification of {} to {} after {} attempt(s): {}", notification.event(),
				notification.outcome().runId(), channel.name(), attempts, error);
		return new Delivery(channel.name(), false, attempts, error);
	}

	/** The configured channels; a channel is on when its URL (mail: its recipients) is set. */
	List<Channel> channels() {
		NotifyProperties notify = this.properties.getNotify();
		List<Channel> channels = new ArrayList<>();
		HttpClient http = null;
		Map<RobotChannel.Kind, RobotProperties> robots = new LinkedHashMap<>();
		robots.put(RobotChannel.Kind.WECOM, notify.getWecom());
		robots.put(RobotChannel.Kind.DINGTALK, notify.getDingtalk());
		robots.put(RobotChannel.Kind.FEISHU, notify.getFeishu());
		robots.put(RobotChannel.Kind.WEBHOOK, notify.getWebhook());
		for (Map.Entry<RobotChannel.Kind, RobotProperties> robot : robots.entrySet()) {
			if (robot.getValue().isEnabled()) {
				if (http == null) {
					http = HttpClient.newBuilder().connectTimeout(notify.getTimeout()).build();
				}
				channels.add(new RobotChannel(robot.getKey(), robot.getValue(), http, notify.getTimeout(),
						Clock.systemUTC()));
			}
		}
		if (notify.getMail().isEnabled()) {
			JavaMailSender sender = smtpServer(this.mailSender.getIfAvailable());
			if (sender != null) {
				channels.add(new MailChannel(sender, notify.getMail()));
			}
			else {
				log.warn("talent.notify.mail.to is set but no SMTP server is (spring.mail.host): no mail is sent");
			}
		}
		return channels;
	}

	/**
	 * The mail sender when it has an SMTP server, else null. The context generated at build time
	 * (Spring AOT, pom.xml) always holds a sender; without spring.mail.host it has no host.
	 */
	static JavaMailSender smtpServer(JavaMailSender sender) {
		return (sender instanceof JavaMailSenderImpl impl && impl.getHost() == null) ? null : sender;
	}

	/** The failure still open before this good run: from the state file, else from the run reports. */
	private String openIncident(RunOutcome outcome) throws IOException {
		Path file = stateFile();
		if (Files.exists(file)) {
			return JSON.readValue(file.toFile(), State.class).openIncident();
		}
		for (RunReport report : RunReport.list(this.properties.stateDir().resolve("runs"))) {
			if (report.runId().equals(outcome.runId()) || report.finishedAt() == null
					|| report.is(RunStatus.RUNNING)) {
				continue;
			}
			return RunOutcome.of(report).isIncident() ? report.runId() : null;
		}
		return null;
	}

	private void writeState(State state) throws IOException {
		Path file = stateFile();
		Files.createDirectories(file.getParent());
		Path temp = file.resolveSibling(file.getFileName() + ".tmp");
		JSON.writeValue(temp.toFile(), state);
		Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	private Path stateFile() {
		return this.properties.stateDir().resolve("notify-state.json");
	}

}
