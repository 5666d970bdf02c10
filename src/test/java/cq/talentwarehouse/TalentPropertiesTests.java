package cq.talentwarehouse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The one configuration root binds its groups (each in its own file) by the same names and defaults. */
class TalentPropertiesTests {

	@Test
	void keepsEveryDefaultWhenNothingIsSet() {
		// when nothing is set
		TalentProperties properties = bind(Map.of(), Map.of());
		// then the defaults stand
		assertThat(properties.getWarehouse()).isEqualTo(Path.of("warehouse/talent.duckdb"));
		assertThat(properties.getLanding()).isEqualTo(Path.of(TalentProperties.DEFAULT_LANDING));
		assertThat(properties.getChunkSize()).isEqualTo(5000);
		assertThat(properties.getWarehouseMemoryLimit()).isEqualTo("1.5GB");
		assertThat(properties.isRehashFiles()).isFalse();
		assertThat(properties.isPrepareBetweenRuns()).isTrue();
		assertThat(properties.getNotify().getRetries()).isEqualTo(2);
		assertThat(properties.getNotify().getRetryBackoff()).isEqualTo(Duration.ofSeconds(2));
		assertThat(properties.getNotify().getWecom().getFormat()).isEqualTo("text");
		assertThat(properties.getNotify().getWecom().isEnabled()).isFalse();
		assertThat(properties.getNotify().getMail().getFrom()).isEqualTo("talent-warehouse@localhost");
		assertThat(properties.getMonitor().getAddress()).isEqualTo("127.0.0.1");
		assertThat(properties.getMonitor().getMaxPublishAge()).isEqualTo(Duration.ofHours(26));
		assertThat(properties.getServe().isConfigured()).isFalse();
	}

	@Test
	void bindsNestedGroupsFromPropertiesAndTheEnvironment() {
		// given settings of every group, some as environment variables
		Map<String, Object> properties = Map.of("talent.notify.dingtalk.url", "https://robot.example/send",
				"talent.notify.mail.to", "a@example.com,b@example.com", "talent.monitor.port", "9464",
				"talent.max-value-chars", "100");
		Map<String, Object> environment = Map.of("TALENT_SERVE_URL", "jdbc:postgresql://bi:5432/talent", "TALENT_SERVE_USER",
				"loader", "TALENT_NOTIFY_FEISHU_SECRET", "s3cret", "TALENT_MONITOR_TEXTFILE", "/var/lib/node/talent.prom",
				"TALENT_REHASHFILES", "true", "TALENT_PREPAREBETWEENRUNS", "false");
		// when bound
		TalentProperties bound = bind(properties, environment);
		// then each lands in its group
		assertThat(bound.getNotify().getDingtalk().isEnabled()).isTrue();
		assertThat(bound.getNotify().getFeishu().getSecret()).isEqualTo("s3cret");
		assertThat(bound.getNotify().getMail().getTo()).isEqualTo(List.of("a@example.com", "b@example.com"));
		assertThat(bound.getMonitor().getPort()).isEqualTo(9464);
		assertThat(bound.getMonitor().getTextfile()).isEqualTo(Path.of("/var/lib/node/talent.prom"));
		assertThat(bound.getServe().getUrl()).isEqualTo("jdbc:postgresql://bi:5432/talent");
		assertThat(bound.getServe().getUser()).isEqualTo("loader");
		assertThat(bound.getMaxValueChars()).isEqualTo(100);
		assertThat(bound.isRehashFiles()).isTrue();
		assertThat(bound.isPrepareBetweenRuns()).isFalse();
		assertThat(bound.getServe().toString()).doesNotContain("s3cret");
	}

	private static TalentProperties bind(Map<String, Object> properties, Map<String, Object> environment) {
		MutablePropertySources sources = new MutablePropertySources();
		sources.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
		sources.addLast(new MapPropertySource("properties", properties));
		Binder binder = new Binder(ConfigurationPropertySources.from(sources));
		return binder.bindOrCreate("talent", Bindable.of(TalentProperties.class));
	}

}
