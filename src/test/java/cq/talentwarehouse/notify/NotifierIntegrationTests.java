package cq.talentwarehouse.notify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import cq.talentwarehouse.TalentProperties;
import cq.talentwarehouse.run.RunOutcome;
import cq.talentwarehouse.run.RunReport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notifications delivered to real local servers: an HTTP server standing in for the robots (it
 * checks each vendor's body and signature) and a GreenMail SMTP server.
 */
@ExtendWith(OutputCaptureExtension.class)
class NotifierIntegrationTests {

	static final String DINGTALK_SECRET = "SEC0123456789abcdefDINGTALK+/=secret";

	static final String FEISHU_SECRET = "feishu-signing-secret-42";

	static final String WEBHOOK_SECRET = "webhook-hmac-secret";

	static final String REASON = "xs_rencai_page_*.json: page 4 of 10 is missing (pagination total_pages = 10)";

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

	@TempDir
	Path dir;

	RobotReceiver robots;

	TalentProperties properties;

	@BeforeEach
	void robots() throws Exception {
		this.robots = new RobotReceiver();
		this.properties = configured(this.dir, this.robots, smtp.getSmtp().getPort());
	}

	@AfterEach
	void stop() {
		this.robots.close();
	}

	/** Properties with every channel pointed at the local servers, and short retry pauses. */
	static TalentProperties configured(Path dir, RobotReceiver robots, int smtpPort) {
		TalentProperties p = new TalentProperties();
		p.setWarehouse(dir.resolve("warehouse/talent.duckdb"));
		p.getNotify().setRetryBackoff(Duration.ofMillis(20));
		p.getNotify().setTimeout(Duration.ofSeconds(5));
		p.getNotify().getWecom().setUrl(robots.url("/wecom/cgi-bin/webhook/send?key=wecom-key-123"));
		p.getNotify().getDingtalk().setUrl(robots.url("/dingtalk/robot/send?access_token=ding-token-456"));
		p.getNotify().getDingtalk().setSecret(DINGTALK_SECRET);
		p.getNotify().getFeishu().setUrl(robots.url("/feishu/open-apis/bot/v2/hook/feishu-hook-789"));
		p.getNotify().getFeishu().setSecret(FEISHU_SECRET);
		p.getNotify().getWebhook().setUrl(robots.url("/webhook"));
		p.getNotify().getWebhook().setSecret(WEBHOOK_SECRET);
		p.getNotify().getMail().setTo(List.of("ops@talent.example.cn"));
		p.getNotify().getMail().setFrom("warehouse@talent.example.cn");
		return p;
	}

	static Notifier notifier(TalentProperties properties, int smtpPort) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(smtpPort);
		return new Notifier(properties,
				new StaticListableBeanFactory(Map.of("mailSender", sender)).getBeanProvider(JavaMailSender.class));
	}

	static RunOutcome partlyFailedNight() {
		return new RunOutcome("run-20261206T020000123", 3, "partial", "2026-12-06T02:00:00.123",
				"2026-12-06T02:00:09.523",
				List.of(district("500116", "江津区", "2023-12-31", "staged", null),
						district("500110", "綦江区", "2021-08-31", "skipped", "unchanged since run-1"),
						district("500241", "秀山土家族苗族自治县", "2021-08-31", "failed", REASON)),
				null, List.of(), List.of(), null);
	}

	static RunOutcome goodNight(String runId) {
		return new RunOutcome(runId, 0, "published", "2026-12-07T02:00:00.000", "2026-12-07T02:00:04.000",
				List.of(district("500241", "秀山土家族苗族自治县", "2021-08-31", "staged", null)), null, List.of(),
				List.of(), null);
	}

	static RunReport.DistrictResult district(String code, String name, String date, String status, String message) {
		return new RunReport.DistrictResult(code, name, date, "pipelines/x.yaml", "landing/x/" + date, status, message);
	}

	@Test
	void sendsEachRobotTheBodyAndSignatureItsVendorDocuments() throws Exception {
		// given markdown for WeCom and DingTalk
		this.properties.getNotify().getWecom().setFormat("markdown");
		this.properties.getNotify().getDingtalk().setFormat("markdown");

		// when a night partly fails
		notifier(this.properties, smtp.getSmtp().getPort()).runEnded(partlyFailedNight());

		// then WeCom: {"msgtype":"markdown","markdown":{"content":...}} to the key URL
		RobotReceiver.Request wecom = single("/wecom/cgi-bin/webhook/send");
		assertThat(wecom.query()).containsEntry("key", "wecom-key-123");
		assertThat(wecom.headers().get("content-type")).startsWith("application/json");
		assertThat(wecom.json().get("msgtype").asText()).isEqualTo("markdown");
		assertThat(wecom.json().get("markdown").get("content").asText()).startsWith("### 【人才数据仓库】夜间加载部分失败")
			.contains("500241", REASON, "run-20261206T020000123");
		// DingTalk: markdown with a title, signed in the query (timestamp in ms, sign URL-encoded)
		RobotReceiver.Request dingtalk = single("/dingtalk/robot/send");
		assertThat(dingtalk.query()).containsEntry("access_token", "ding-token-456");
		assertThat(RobotReceiver.dingTalkSignatureValid(dingtalk, DINGTALK_SECRET)).isTrue();
		assertThat(RobotReceiver.dingTalkSignatureValid(dingtalk, "another secret")).isFalse();
		assertThat(dingtalk.json().get("msgtype").asText()).isEqualTo("markdown");
		assertThat(dingtalk.json().get("markdown").get("title").asText()).contains("部分失败");
		assertThat(dingtalk.json().get("markdown").get("text").asText()).contains("500241", REASON);
		// Feishu: text, timestamp (seconds, a string) and sign in the body
		RobotReceiver.Request feishu = single("/feishu/open-apis/bot/v2/hook/feishu-hook-789");
		assertThat(feishu.json().get("msg_type").asText()).isEqualTo("text");
		assertThat(feishu.json().get("timestamp").isTextual()).isTrue();
		assertThat(RobotReceiver.feishuSignatureValid(feishu, FEISHU_SECRET)).isTrue();
		assertThat(RobotReceiver.feishuSignatureValid(feishu, "another secret")).isFalse();
		assertThat(feishu.json().get("content").get("text").asText()).contains("500241", REASON);
		// the webhook: the outcome as fields, the body signed
		RobotReceiver.Request webhook = single("/webhook");
		assertThat(RobotReceiver.webhookSignatureValid(webhook, WEBHOOK_SECRET)).isTrue();
		JsonNode body = webhook.json();
		assertThat(body.get("event").asText()).isEqualTo("partial");
		assertThat(body.get("exit_code").asInt()).isEqualTo(3);
		assertThat(body.get("failed_districts").get(0).get("district").asText()).isEqualTo("500241");
		assertThat(body.get("failed_districts").get(0).get("reason").asText()).isEqualTo(REASON);
		assertThat(body.get("published_districts").get(0).get("district").asText()).isEqualTo("500116");
		// mail: one message, Chinese subject and body
		MimeMessage[] mails = smtp.getReceivedMessages();
		assertThat(mails).hasSize(1);
		assertThat(mails[0].getSubject()).isEqualTo("【人才数据仓库】夜间加载部分失败：1 个区县未加载");
		assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("ops@talent.example.cn");
		assertThat(GreenMailUtil.getBody(mails[0])).isNotEmpty();
		assertThat(mails[0].getContent().toString()).contains("500241 秀山土家族苗族自治县 2021-08-31：" + REASON,
				"已发布：500116 江津区 2023-12-31", "失败区县保留上次发布的数据", "talent-warehouse run");
	}

	@Test
	void writesAShortChineseTextWithTheRunTheFailedDistrictsWhatWasPublishedAndTheCommand() throws Exception {
		// when
		notifier(this.properties, smtp.getSmtp().getPort()).runEnded(partlyFailedNight());

		// then the WeCom text message reads, line by line
		RobotReceiver.Request wecom = single("/wecom/cgi-bin/webhook/send");
		assertThat(wecom.json().get("msgtype").asText()).isEqualTo("text");
		assertThat(wecom.json().get("text").get("content").asText()).isEqualTo("""
				【人才数据仓库】夜间加载部分失败：1 个区县未加载
				运行：run-20261206T020000123（退出码 3，用时 9.4 秒）
				失败区县：
				- 500241 秀山土家族苗族自治县 2021-08-31：%s
				已发布：500116 江津区 2023-12-31；未变更：1 个区县快照
				失败区县保留上次发布的数据。
				处理：修复失败区县的文件后执行 talent-warehouse run（失败区县自动重新加载）；详情：talent-warehouse status --run run-20261206T020000123""".formatted(REASON));
	}

	@Test
	void tellsAFailedNightToRestartAndANotServedOneToServe() throws Exception {
		Notifier notifier = notifier(this.properties, smtp.getSmtp().getPort());
		RunOutcome failed = new RunOutcome("run-1", 1, "failed", "2026-12-06T02:00:00", "2026-12-06T02:00:03",
				List.of(district("500116", "江津区", "2023-12-31", "failed", "人才资源花名册.csv: not UTF-8")),
				"every district failed", List.of(), List.of(), null);
		RunOutcome notServed = new RunOutcome("run-2", 5, "published", "2026-12-06T02:00:00", "2026-12-06T02:00:03",
				List.of(district("500116", "江津区", "2023-12-31", "staged", null)), "serving: connection refused",
				List.of(), List.of(), false);
		RunOutcome empty = new RunOutcome("run-3", 6, "failed", "2026-12-06T02:00:00", "2026-12-06T02:00:01", List.of(),
				"the landing zone /srv/landing is empty", List.of(), List.of(), null);

		notifier.runEnded(failed);
		notifier.runEnded(notServed);
		notifier.runEnded(empty);

		List<String> texts = this.robots.requests("/feishu/open-apis/bot/v2/hook/feishu-hook-789").stream()
			.map((r) -> r.json().get("content").get("text").asText()).toList();
		assertThat(texts).hasSize(3);
		assertThat(texts.get(0)).startsWith("【人才数据仓库】夜间加载失败，未发布任何数据")
			.contains("原因：every district failed", "已发布：无", "talent-warehouse restart");
		assertThat(texts.get(1)).startsWith("【人才数据仓库】已发布，但未同步到服务库")
			.contains("serving: connection refused", "talent-warehouse serve", "服务库仍是上次的数据");
		assertThat(texts.get(2)).startsWith("【人才数据仓库】落地区为空或不存在")
			.contains("the landing zone /srv/landing is empty");
	}

	@Test
	void tellsANightThatStoppedOnItsPipelineFilesWhatToCheck() throws Exception {
		RunOutcome invalid = RunOutcome.withoutReport("run-4", 1,
				"pipeline files are invalid: pipelines/jiangjin.yaml:7: unknown key 'encodng'", "2026-12-06T02:00:00",
				"2026-12-06T02:00:01");

		notifier(this.properties, smtp.getSmtp().getPort()).runEnded(invalid);

		assertThat(smtp.getReceivedMessages()[0].getContent().toString()).contains("运行：run-4（退出码 1",
				"原因：pipeline files are invalid: pipelines/jiangjin.yaml:7: unknown key 'encodng'",
				"talent-warehouse validate");
	}

	@Test
	void sendsRecoveredOnceOnTheFirstGoodNightAfterAFailedOne() throws Exception {
		// given a failed night told, then the process ends (cron): a new notifier reads the state
		notifier(this.properties, smtp.getSmtp().getPort()).runEnded(partlyFailedNight());

		// when two good nights follow, each in a new process
		notifier(this.properties, smtp.getSmtp().getPort()).runEnded(goodNight("run-20261207T020000000"));
		notifier(this.properties, smtp.getSmtp().getPort()).runEnded(goodNight("run-20261208T020000000"));

		// then one incident and one recovered per channel
		List<RobotReceiver.Request> wecom = this.robots.requests("/wecom/cgi-bin/webhook/send");
		assertThat(wecom).hasSize(2);
		assertThat(wecom.get(1).json().get("text").get("content").asText())
			.startsWith("【人才数据仓库】已恢复：夜间加载全部发布")
			.contains("run-20261207T020000000", "此前失败的运行：run-20261206T020000123");
		assertThat(this.robots.requests("/webhook").get(1).json().get("event").asText()).isEqualTo("recovered");
		assertThat(smtp.getReceivedMessages()).hasSize(2);
		assertThat(smtp.getReceivedMessages()[1].getSubject()).isEqualTo("【人才数据仓库】已恢复：夜间加载全部发布");
	}

	@Test
	void sayNothingOnAGoodNightAfterAGoodNight() throws Exception {
		notifier(this.properties, smtp.getSmtp().getPort()).runEnded(goodNight("run-1"));
		notifier(this.properties, smtp.getSmtp().getPort()).runEnded(goodNight("run-2"));

		assertThat(this.robots.requests()).isEmpty();
		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	@Test
	void retriesAFailedDeliveryAndTreatsARobotErrorCodeAsAFailure(CapturedOutput output) throws Exception {
		// given WeCom fails twice with HTTP 502, DingTalk answers a signature error once
		this.robots.failNext("/wecom/cgi-bin/webhook/send", 502, 502);
		this.robots.answerNext("/dingtalk/robot/send", "{\"errcode\":310000,\"errmsg\":\"sign not match\"}");

		// when
		List<Notifier.Delivery> deliveries = notifier(this.properties, smtp.getSmtp().getPort())
			.deliver(NotificationText.incident(partlyFailedNight(), "talent-warehouse"),
					notifier(this.properties, smtp.getSmtp().getPort()).channels());

		// then both arrive in the end, and the log says why the first attempts did not
		assertThat(deliveries).extracting(Notifier.Delivery::channel, Notifier.Delivery::delivered,
				Notifier.Delivery::attempts)
			.contains(org.assertj.core.groups.Tuple.tuple("wecom", true, 3),
					org.assertj.core.groups.Tuple.tuple("dingtalk", true, 2),
					org.assertj.core.groups.Tuple.tuple("feishu", true, 1),
					org.assertj.core.groups.Tuple.tuple("mail", true, 1));
		assertThat(this.robots.requests("/wecom/cgi-bin/webhook/send")).hasSize(3);
		assertThat(output.getAll()).contains("Could not send the partial notification to wecom (attempt 1 of 3): HTTP 502",
				"Could not send the partial notification to dingtalk (attempt 1 of 3): errcode 310000: sign not match");
	}

	@Test
	void givesUpAfterItsRetriesWithoutThrowingAndNeverLogsAUrlOrSecret(CapturedOutput output) throws Exception {
		// given a webhook that is always down and a DingTalk robot nobody listens on
		this.robots.failNext("/webhook", 500, 500, 500);
		this.properties.getNotify().getDingtalk().setUrl("http://127.0.0.1:1/robot/send?access_token=ding-token-456");

		// when the night is told
		notifier(this.properties, smtp.getSmtp().getPort()).runEnded(partlyFailedNight());

		// then the others still got it, the failures are logged, and no token or secret shows
		assertThat(this.robots.requests("/webhook")).hasSize(3);
		assertThat(this.robots.requests("/wecom/cgi-bin/webhook/send")).hasSize(1);
		assertThat(output.getAll()).contains("Gave up sending the partial notification of run-20261206T020000123 to webhook after 3 attempt(s): HTTP 500",
				"Gave up sending the partial notification of run-20261206T020000123 to dingtalk after 3 attempt(s)");
		assertThat(output.getAll()).doesNotContain("ding-token-456", "wecom-key-123", "feishu-hook-789", DINGTALK_SECRET,
				FEISHU_SECRET, WEBHOOK_SECRET);
	}

	@Test
	void cutsAWeComMessageToTheSizeWeComTakesAndMailsItWhole() throws Exception {
		// given a night where 38 districts failed, each with a long reason
		List<RunReport.DistrictResult> districts = new java.util.ArrayList<>();
		for (int i = 0; i < 38; i++) {
			districts.add(district(Integer.toString(500101 + i), "区县" + i, "2024-12-31", "failed",
					"人才资源花名册.csv: line 2: the file is not GB18030 as its pipeline says; " + "x".repeat(150)));
		}
		RunOutcome city = new RunOutcome("run-9", 1, "failed", "2026-12-06T02:00:00", "2026-12-06T02:00:30", districts,
				"every district failed", List.of(), List.of(), null);

		// when
		notifier(this.properties, smtp.getSmtp().getPort()).runEnded(city);

		// then WeCom gets at most 2048 bytes, cut at a line, saying so; the mail has every district
		String wecom = single("/wecom/cgi-bin/webhook/send").json().get("text").get("content").asText();
		assertThat(wecom.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(2048);
		assertThat(wecom).startsWith("【人才数据仓库】夜间加载失败").endsWith("…（消息过长已截断，完整内容见 status 或邮件）");
		assertThat(smtp.getReceivedMessages()[0].getContent().toString()).contains("500138 区县37");
	}

	@Test
	void sendsNothingWhenNoChannelIsConfigured() throws Exception {
		TalentProperties none = new TalentProperties();
		none.setWarehouse(this.dir.resolve("warehouse/talent.duckdb"));

		notifier(none, smtp.getSmtp().getPort()).runEnded(partlyFailedNight());

		assertThat(this.robots.requests()).isEmpty();
		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	private RobotReceiver.Request single(String path) {
		List<RobotReceiver.Request> requests = this.robots.requests(path);
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

}
