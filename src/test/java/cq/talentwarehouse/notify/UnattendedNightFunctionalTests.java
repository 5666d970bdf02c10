package cq.talentwarehouse.notify;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import cq.talentwarehouse.demo.DemoDataGenerator;
import cq.talentwarehouse.monitor.PrometheusText;
import cq.talentwarehouse.run.LoadRun;
import cq.talentwarehouse.run.RunReport;
import cq.talentwarehouse.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two unattended nights of the demo: one district's file broken, then fixed. Notifications go to
 * real local servers, the log is structured JSON, the metrics a Prometheus textfile.
 */
class UnattendedNightFunctionalTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

	@TempDir
	Path dir;

	@Test
	void aNightStoppedByABrokenPipelineFileIsToldWithTheProblem() throws Exception {
		// given a pipeline file with a typo
		Path pipelines = Fixtures.relaxedPipelines(this.dir.resolve("pipelines"));
		Path jiangjin = pipelines.resolve("jiangjin.yaml");
		Files.writeString(jiangjin, Files.readString(jiangjin).replaceFirst("encoding:", "encodng:"));
		try (RobotReceiver robots = new RobotReceiver()) {
			List<String> arguments = new ArrayList<>(Fixtures.arguments(pipelines, Fixtures.functionalLanding(this.dir),
					this.dir.resolve("warehouse/talent.duckdb"), this.dir.resolve("key")));
			arguments.add("--talent.notify.webhook.url=" + robots.url("/hook"));

			// when
			Fixtures.LoadResult night = Fixtures.run(arguments);

			// then the webhook hears of a failed night, why, and under which run id
			assertThat(night.exit()).isEqualTo(LoadRun.NOTHING_PUBLISHED);
			assertThat(robots.requests("/hook")).hasSize(1);
			JsonNode body = robots.requests("/hook").get(0).json();
			assertThat(body.get("event").asText()).isEqualTo("failed");
			assertThat(body.get("run_id").asText()).startsWith("run-");
			assertThat(body.get("message").asText()).startsWith("pipeline files are invalid: ").contains("jiangjin.yaml");
			assertThat(body.get("text").asText()).contains("talent-warehouse validate");
		}
	}

	@Test
	void aNightWithOneBrokenDistrictIsToldWithItsReasonAndTheNextGoodNightAsRecovered() throws Exception {
		// given the demo landing zone with one of 秀山's downloaded pages missing
		Path landing = this.dir.resolve("landing");
		DemoDataGenerator.generate(landing, DemoDataGenerator.DEFAULT_SEED);
		Path page = landing.resolve("xiushan/2021-08-31/xs_rencai_page_004.json");
		Path kept = Files.move(page, this.dir.resolve("xs_rencai_page_004.json"));
		Path warehouse = this.dir.resolve("warehouse/talent.duckdb");
		Path log = this.dir.resolve("warehouse/logs/talent-warehouse.log");
		Path textfile = this.dir.resolve("node_exporter/textfile/talent_warehouse.prom");
		try (RobotReceiver robots = new RobotReceiver()) {
			List<String> arguments = new ArrayList<>(Fixtures.arguments(Path.of("pipelines").toAbsolutePath(), landing,
					warehouse, this.dir.resolve("key")));
			arguments.addAll(List.of("--talent.notify.wecom.url=" + robots.url("/wecom/send?key=k1"),
					"--talent.notify.dingtalk.url=" + robots.url("/dingtalk/robot/send?access_token=t1"),
					"--talent.notify.dingtalk.secret=" + NotifierIntegrationTests.DINGTALK_SECRET,
					"--talent.notify.mail.to=ops@talent.example.cn", "--spring.mail.host=127.0.0.1",
					"--spring.mail.port=" + smtp.getSmtp().getPort(), "--talent.notify.retry-backoff=20ms",
					"--talent.monitor.textfile=" + textfile, "--logging.file.name=" + log,
					"--logging.structured.format.file=ecs"));

			// when the night runs
			Fixtures.LoadResult night = Fixtures.run(arguments);

			// then 秀山 failed, the rest published, and each channel got one message naming it and why
			assertThat(night.exit()).as(night.output()).isEqualTo(LoadRun.PARTIAL);
			RunReport report = RunReport.list(warehouse.getParent().resolve("runs")).get(0);
			RunReport.DistrictResult xiushan = report.districts().stream()
				.filter((d) -> d.district().equals("500241"))
				.findFirst()
				.orElseThrow();
			assertThat(xiushan.status()).isEqualTo("failed");
			assertThat(xiushan.message()).contains("xs_rencai_page");
			String named = "500241 秀山土家族苗族自治县 2021-08-31：" + xiushan.message();
			List<RobotReceiver.Request> wecom = robots.requests("/wecom/send");
			List<RobotReceiver.Request> dingtalk = robots.requests("/dingtalk/robot/send");
			assertThat(wecom).hasSize(1);
			assertThat(wecom.get(0).json().get("text").get("content").asText()).contains(named, report.runId(),
					"已发布：500116 江津区 2020-12-31，500116 江津区 2023-12-31，500114 黔江区 2024-10-22，500114 黔江区 2025-10-22，"
							+ "500110 綦江区 2021-08-31");
			assertThat(dingtalk).hasSize(1);
			assertThat(RobotReceiver.dingTalkSignatureValid(dingtalk.get(0), NotifierIntegrationTests.DINGTALK_SECRET))
				.isTrue();
			assertThat(dingtalk.get(0).json().get("text").get("content").asText()).contains(named);
			MimeMessage[] mails = smtp.getReceivedMessages();
			assertThat(mails).hasSize(1);
			assertThat(mails[0].getContent().toString()).contains(named);
			// the textfile for node_exporter says so too
			List<PrometheusText.Sample> metrics = PrometheusText.parse(Files.readString(textfile));
			assertThat(PrometheusText.value(metrics, "talent_last_run_exit_code")).isEqualTo(3.0);
			assertThat(PrometheusText.value(metrics, "talent_stale_districts")).isEqualTo(1.0);
			assertThat(PrometheusText.value(metrics, "talent_district_stale", "district", "500241")).isEqualTo(1.0);
			// 江津 sends two deliveries in the demo (2020-12-31 and 2023-12-31); the gauge, labelled by district and
			// source only, shows the records of the one staged last
			assertThat(PrometheusText.value(metrics, "talent_records_read", "district", "500116", "source", "roster"))
				.isIn(236133.0, 215100.0);

			// when 秀山 sends the missing page and the next night runs (a new process, as from cron)
			Files.move(kept, page);
			Fixtures.LoadResult next = Fixtures.run(arguments);

			// then everything is published and each channel hears that it recovered
			assertThat(next.exit()).as(next.output()).isEqualTo(LoadRun.PUBLISHED);
			String nextRun = RunReport.list(warehouse.getParent().resolve("runs")).get(0).runId();
			assertThat(robots.requests("/wecom/send")).hasSize(2);
			assertThat(robots.requests("/wecom/send").get(1).json().get("text").get("content").asText())
				.startsWith("【人才数据仓库】已恢复").contains(nextRun, "此前失败的运行：" + report.runId());
			assertThat(robots.requests("/dingtalk/robot/send")).hasSize(2);
			assertThat(smtp.getReceivedMessages()).hasSize(2);
			assertThat(smtp.getReceivedMessages()[1].getSubject()).startsWith("【人才数据仓库】已恢复");
			metrics = PrometheusText.parse(Files.readString(textfile));
			assertThat(PrometheusText.value(metrics, "talent_last_run_exit_code")).isEqualTo(0.0);
			assertThat(PrometheusText.value(metrics, "talent_stale_districts")).isEqualTo(0.0);

			// and the log: JSON on every line, each line of a run with its run id, a district's with its code
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			assertThat(lines).isNotEmpty();
			List<JsonNode> json = new ArrayList<>();
			for (String line : lines) {
				json.add(JSON.readTree(line));
			}
			assertThat(json).allSatisfy((l) -> assertThat(l.path("run_id").asText()).isIn(report.runId(), nextRun));
			// progress lines come every few seconds of staging, so a fast machine may log none: not asserted to exist
			assertThat(json).filteredOn((l) -> l.path("message").asText().matches("\\s*\\d{6} (roster|platform|enterprise) .*"))
				.allSatisfy((l) -> assertThat(l.path("message").asText().trim()).startsWith(l.path("district").asText() + " "));
			assertThat(json).filteredOn((l) -> l.path("district").asText().equals("500241"))
				.anySatisfy((l) -> assertThat(l.path("message").asText()).contains("500241", "failed", "xs_rencai_page"));
			assertThat(json).filteredOn((l) -> l.path("message").asText().contains("roster @"))
				.allSatisfy((l) -> assertThat(l.path("step").asText()).isEqualTo("rosterStageStep"));
			assertThat(json).anySatisfy((l) -> assertThat(l.path("message").asText())
				.contains("Sent the partial notification of " + report.runId() + " to dingtalk"));
			assertThat(Set.copyOf(json.stream().map((l) -> l.path("run_id").asText()).toList()))
				.containsExactlyInAnyOrder(report.runId(), nextRun);
		}
	}

}
