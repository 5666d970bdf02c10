package cq.talentwarehouse.notify;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import cq.talentwarehouse.run.LoadRun;
import cq.talentwarehouse.run.RunOutcome;
import cq.talentwarehouse.run.RunReport;

/**
 * Writes the Chinese message of a run: what happened, the run id, each failed district with its
 * one-sentence reason, what was still published, and the command that resumes or fixes it.
 */
final class NotificationText {

	private static final String PRODUCT = "【人才数据仓库】";

	private NotificationText() {
	}

	static Notification incident(RunOutcome outcome, String command) {
		List<RunReport.DistrictResult> failed = outcome.failedDistricts();
		String event;
		String title;
		String action;
		switch (outcome.exitCode()) {
			case LoadRun.PARTIAL -> {
				event = "partial";
				title = PRODUCT + "夜间加载部分失败：" + failed.size() + " 个区县未加载";
				action = "修复失败区县的文件后执行 " + command + " run（失败区县自动重新加载）；详情：" + command
						+ " status --run " + outcome.runId();
			}
			case RunOutcome.NOT_SERVED -> {
				event = "not_served";
				title = PRODUCT + "已发布，但未同步到服务库（PostgreSQL）";
				action = "排除服务库故障后执行 " + command + " serve 重新同步";
			}
			case RunOutcome.NOTHING_TO_LOAD -> {
				event = "nothing_to_load";
				title = PRODUCT + "落地区为空或不存在，今晚没有可加载的数据";
				action = "确认各区县文件已投递到落地区后执行 " + command + " run";
			}
			default -> {
				event = "failed";
				title = PRODUCT + "夜间加载失败，未发布任何数据";
				// without a plan (no report) the run stopped on its pipeline files or on an error
				action = outcome.districts().isEmpty()
						? "排除上述原因（管道定义文件可用 " + command + " validate 检查）后执行 " + command + " run；已开始的运行可用 "
								+ command + " restart 继续"
						: "执行 " + command + " restart 从中断处继续（修复文件后也可重新执行 " + command + " run）";
			}
		}
		List<String> lines = new ArrayList<>();
		lines.add(runLine(outcome));
		if (outcome.message() != null && !outcome.message().isBlank()) {
			lines.add("原因：" + oneLine(outcome.message()));
		}
		if (!failed.isEmpty()) {
			lines.add("失败区县：");
			for (RunReport.DistrictResult d : failed) {
				lines.add("- " + district(d) + "：" + oneLine((d.message() != null) ? d.message() : "未说明原因"));
			}
		}
		lines.add(publishedLine(outcome));
		if (outcome.exitCode() == LoadRun.PARTIAL) {
			lines.add("失败区县保留上次发布的数据。");
		}
		lines.add("处理：" + action);
		return new Notification(event, title, text(title, lines), markdown(title, lines), outcome, null);
	}

	static Notification recovered(RunOutcome outcome, String previousIncident, String command) {
		String title = PRODUCT + "已恢复：夜间加载全部发布";
		List<String> lines = new ArrayList<>();
		lines.add(runLine(outcome));
		if (previousIncident != null) {
			lines.add("此前失败的运行：" + previousIncident);
		}
		lines.add(publishedLine(outcome));
		lines.add("查看：" + command + " status");
		return new Notification("recovered", title, text(title, lines), markdown(title, lines), outcome,
				previousIncident);
	}

	private static String runLine(RunOutcome outcome) {
		String seconds = "";
		if (outcome.startedAt() != null && outcome.finishedAt() != null) {
			seconds = String.format(Locale.ROOT, "，用时 %.1f 秒", Duration
				.between(LocalDateTime.parse(outcome.startedAt()), LocalDateTime.parse(outcome.finishedAt()))
				.toMillis() / 1000.0);
		}
		return "运行：" + ((outcome.runId() != null) ? outcome.runId() : "（未开始）") + "（退出码 " + outcome.exitCode()
				+ seconds + "）";
	}

	private static String publishedLine(RunOutcome outcome) {
		if (!outcome.published()) {
			return "已发布：无，分析人员仍看到上次发布的数据。";
		}
		List<RunReport.DistrictResult> staged = outcome.stagedDistricts();
		List<RunReport.DistrictResult> skipped = outcome.skippedDistricts();
		StringBuilder b = new StringBuilder("已发布：");
		b.append(staged.isEmpty() ? "无新数据" : staged.stream().map(NotificationText::district).collect(Collectors.joining("，")));
		if (!skipped.isEmpty()) {
			b.append("；未变更：").append(skipped.size()).append(" 个区县快照");
		}
		if (Boolean.FALSE.equals(outcome.served())) {
			b.append("（仅 DuckDB 仓库，服务库仍是上次的数据）");
		}
		return b.toString();
	}

	private static String district(RunReport.DistrictResult d) {
		return d.district() + " " + ((d.name() != null) ? d.name() : "") + " " + d.snapshotDate();
	}

	private static String oneLine(String message) {
		String line = message.replaceAll("\\s*\\R\\s*", " ").trim();
		return (line.length() > 300) ? line.substring(0, 300) + "…" : line;
	}

	private static String text(String title, List<String> lines) {
		return title + "\n" + String.join("\n", lines);
	}

	private static String markdown(String title, List<String> lines) {
		StringBuilder b = new StringBuilder("### ").append(title).append("\n\n");
		for (String line : lines) {
			b.append(line.startsWith("- ") ? line : line + "  ").append('\n');
		}
		return b.toString();
	}

}
