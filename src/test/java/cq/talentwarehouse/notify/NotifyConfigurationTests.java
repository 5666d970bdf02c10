package cq.talentwarehouse.notify;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import cq.talentwarehouse.TalentProperties;
import cq.talentwarehouse.cli.TalentWarehouseApplication;

import static org.assertj.core.api.Assertions.assertThat;

/** Notification settings bind from arguments and, for secrets, from files in a config tree. */
class NotifyConfigurationTests {

	@TempDir
	Path dir;

	@Test
	void readsUrlsAndSecretsFromFilesOfAConfigTreeAndRecipientsAsAList() throws Exception {
		// given the secrets as files, one per setting, written with a trailing newline as editors do
		Path secrets = Files.createDirectories(this.dir.resolve("secrets"));
		Files.writeString(secrets.resolve("talent.notify.dingtalk.url"), "https://oapi.dingtalk.com/robot/send?access_token=abc\n");
		Files.writeString(secrets.resolve("talent.notify.dingtalk.secret"), "SECfromafile\n");
		Files.writeString(secrets.resolve("spring.mail.password"), "mail-password\n");

		// when the application starts with them imported
		SpringApplication app = new SpringApplication(TalentWarehouseApplication.class);
		app.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = app.run("--talent.warehouse=" + this.dir.resolve("w/talent.duckdb"),
				"--spring.datasource.url=jdbc:h2:file:" + this.dir.resolve("w/job-repository"),
				"--spring.config.import=optional:configtree:" + secrets + "/",
				"--talent.notify.mail.to=ops@talent.example.cn,duty@talent.example.cn", "--spring.mail.host=127.0.0.1")) {
			TalentProperties properties = context.getBean(TalentProperties.class);

			// then
			assertThat(properties.getNotify().getDingtalk().getUrl().trim())
				.isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=abc");
			assertThat(properties.getNotify().getDingtalk().getSecret().trim()).isEqualTo("SECfromafile");
			assertThat(context.getEnvironment().getProperty("spring.mail.password").trim()).isEqualTo("mail-password");
			assertThat(properties.getNotify().getMail().getTo()).containsExactly("ops@talent.example.cn",
					"duty@talent.example.cn");
			assertThat(context.getBean(Notifier.class).channels()).extracting(Channel::name)
				.containsExactly("dingtalk", "mail");
			assertThat(properties.getNotify().toString()).doesNotContain("abc", "SECfromafile");
		}
	}

	@Test
	void aMailSenderWithoutAnSmtpHostSendsNoMail() {
		// given recipients and the mail sender the build-time generated context always holds, once without a host
		TalentProperties properties = new TalentProperties();
		properties.getNotify().getMail().setTo(List.of("ops@talent.example.cn"));
		JavaMailSenderImpl withHost = new JavaMailSenderImpl();
		withHost.setHost("127.0.0.1");

		// when the channels are chosen
		List<String> without = new Notifier(properties, sender(new JavaMailSenderImpl())).channels().stream()
			.map(Channel::name).toList();
		List<String> with = new Notifier(properties, sender(withHost)).channels().stream().map(Channel::name).toList();

		// then only a sender with an SMTP server is a mail channel
		assertThat(without).isEmpty();
		assertThat(with).containsExactly("mail");
	}

	private static ObjectProvider<JavaMailSender> sender(JavaMailSender sender) {
		return new StaticListableBeanFactory(Map.of("mailSender", sender)).getBeanProvider(JavaMailSender.class);
	}

}
