package cq.talentwarehouse.run;

import javax.sql.DataSource;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The job repository Spring Boot configures, with its lifecycle writes durable at once ({@link DurableJobTransitions}). */
@Configuration(proxyBeanMethods = false)
public class JobRepositoryConfiguration {

	@Bean
	static BeanPostProcessor durableJobTransitions(ObjectProvider<DataSource> dataSource) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof JobRepository repository)
						? DurableJobTransitions.of(repository, dataSource::getObject) : bean;
			}

		};
	}

}
