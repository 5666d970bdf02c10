package cq.talentwarehouse.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cq.talentwarehouse.RobotProperties;
import cq.talentwarehouse.run.RunReport;

/**
 * The HTTP channels: WeCom group robot, DingTalk custom robot, Feishu custom bot and a generic JSON
 * webhook. Each posts JSON and reads the vendor's answer: a 2xx with a non-zero
 * {@code errcode}/{@code code} is a failed delivery too (a wrong key, a bad signature, a rate limit).
 */
final class RobotChannel implements Channel {

	enum Kind {

		WECOM, DINGTALK, FEISHU, WEBHOOK

	}

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Kind kind;

	private final RobotProperties robot;

	private final HttpClient http;

	private final Duration timeout;

	private final Clock clock;

	RobotChannel(Kind kind, RobotProperties robot, HttpClient http, Duration timeout, Clock clock) {
		this.kind = kind;
		this.robot = robot;
		this.http = http;
		this.timeout = timeout;
		this.clock = clock;
	}

	@Override
	public String name() {
		return this.kind.name().toLowerCase(java.util.Locale.ROOT);
	}

	@Override
	public void send(Notification notification) throws Exception {
		String url = this.robot.getUrl().trim();
		String secret = (this.robot.getSecret() != null && !this.robot.getSecret().isBlank())
				? this.robot.getSecret().trim() : null;
		boolean markdown = "markdown".equalsIgnoreCase(this.robot.getFormat());
		Map<String, Object> body = new LinkedHashMap<>();
		switch (this.kind) {
			case WECOM -> {
				// WeCom refuses (errcode 40058) a text over 2048 bytes and markdown over 4096
				body.put("msgtype", markdown ? "markdown" : "text");
				body.put(markdown ? "markdown" : "text", Map.of("content",
						markdown ? fit(notification.markdown(), 4096) : fit(notification.text(), 2048)));
			}
			case DINGTALK -> {
				if (secret != null) {
					long timestamp = this.clock.millis();
					url = url + (url.contains("?") ? "&" : "?") + "timestamp=" + timestamp + "&sign="
							+ Signatures.dingTalk(timestamp, secret);
				}
				body.put("msgtype", markdown ? "markdown" : "text");
				body.put(markdown ? "markdown" : "text", markdown
						? Map.of("title", notification.title(), "text", notification.markdown())
						: Map.of("content", notification.text()));
			}
			case FEISHU -> {
				if (secret != null) {
					long timestamp = this.clock.millis() / 1000;
					body.put("timestamp", Long.toString(timestamp));
					body.put("sign", Signatures.feishu(timestamp, secret));
				}
				body.put("msg_type", "text");
				body.put("content", Map.of("text", notification.text()));
			}
			case WEBHOOK -> body.putAll(webhookBody(notification));
		}
		byte[] bytes = JSON.writeValueAsBytes(body);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(this.timeout)
			.header("Content-Type", "application/json; charset=utf-8")
			.POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
		if (this.kind == Kind.WEBHOOK && secret != null) {
			request.header("X-Talent-Signature", Signatures.webhook(bytes, secret));
		}
		HttpResponse<String> response;
		try {
			response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			// an exception of the HTTP client may quote the URI, and the URI holds the access token
			throw new IOException(ex.getClass().getSimpleName() + redact(ex.getMessage(), url));
		}
		if (response.statusCode() / 100 != 2) {
			throw new IOException("HTTP " + response.statusCode());
		}
		checkAnswer(response.body());
	}

	/** WeCom and DingTalk answer {@code errcode}, Feishu {@code code} (older bots {@code StatusCode}); 0 is OK. */
	private void checkAnswer(String answer) throws IOException {
		if (this.kind == Kind.WEBHOOK || answer == null || answer.isBlank()) {
			return;
		}
		JsonNode node;
		try {
			node = JSON.readTree(answer);
		}
		catch (IOException ex) {
			throw new IOException("answer is not JSON");
		}
		for (String field : List.of("errcode", "code", "StatusCode")) {
			JsonNode code = node.get(field);
			if (code != null && code.asInt(0) != 0) {
				JsonNode message = (node.has("errmsg")) ? node.get("errmsg") : node.get("msg");
				throw new IOException(field + " " + code.asText() + ((message != null) ? ": " + message.asText() : ""));
			}
		}
	}

	/**
	 * The text cut at a line end so that it fits {@code maxBytes} of UTF-8, with a last line saying
	 * where the rest is: a night where half the city failed still reaches the group.
	 */
	static String fit(String text, int maxBytes) {
		if (text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
			return text;
		}
		String more = "\n…（消息过长已截断，完整内容见 status 或邮件）";
		int budget = maxBytes - more.getBytes(StandardCharsets.UTF_8).length;
		StringBuilder kept = new StringBuilder();
		int bytes = 0;
		for (String line : text.split("\n")) {
			int size = line.getBytes(StandardCharsets.UTF_8).length + ((kept.length() > 0) ? 1 : 0);
			if (bytes + size > budget) {
				break;
			}
			kept.append((kept.length() > 0) ? "\n" : "").append(line);
			bytes += size;
		}
		return kept + more;
	}

	private static String redact(String message, String url) {
		if (message == null) {
			return "";
		}
		String redacted = message.replace(url, "<url>");
		int query = url.indexOf('?');
		if (query > 0) {
			redacted = redacted.replace(url.substring(0, query), "<url>");
		}
		return ": " + redacted;
	}

	/** The generic webhook's JSON: the message and the outcome in fields a script can use. */
	static Map<String, Object> webhookBody(Notification n) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("event", n.event());
		body.put("title", n.title());
		body.put("text", n.text());
		body.put("run_id", n.outcome().runId());
		body.put("exit_code", n.outcome().exitCode());
		body.put("status", n.outcome().status());
		body.put("started_at", n.outcome().startedAt());
		body.put("finished_at", n.outcome().finishedAt());
		body.put("message", n.outcome().message());
		body.put("failed_districts", districts(n.outcome().failedDistricts(), true));
		body.put("published_districts", n.outcome().published() ? districts(n.outcome().stagedDistricts(), false) : List.of());
		body.put("served", n.outcome().served());
		body.put("previous_incident", n.previousIncident());
		return body;
	}

	private static List<Map<String, Object>> districts(List<RunReport.DistrictResult> districts, boolean reason) {
		return districts.stream().map((d) -> {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("district", d.district());
			m.put("name", d.name());
			m.put("snapshot_date", d.snapshotDate());
			if (reason) {
				m.put("reason", d.message());
			}
			return m;
		}).toList();
	}

}
