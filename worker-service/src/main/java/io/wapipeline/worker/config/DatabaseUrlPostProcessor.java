package io.wapipeline.worker.config;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

import io.wapipeline.model.settings.Setting;
import io.wapipeline.model.settings.DatabaseUrl;

/**
 * Serves Boot's {@code spring.datasource.url}, {@code username} and {@code password} from {@code DATABASE_URL}
 * (environment, {@code .env}, or any other property source), read when they are asked for. It is the last source, so
 * an explicit {@code spring.datasource.*} always wins.
 */
public class DatabaseUrlPostProcessor implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new DatabaseUrlPropertySource(environment));
    }

    /** Its source is a plain name, not the environment: Boot would walk into an environment source and recurse. */
    private static final class DatabaseUrlPropertySource extends PropertySource<String> {

        private final ConfigurableEnvironment environment;

        DatabaseUrlPropertySource(ConfigurableEnvironment environment) {
            super("DATABASE_URL", Setting.DATABASE_URL.variable());
            this.environment = environment;
        }

        @Override
        public Object getProperty(String name) {
            if (!name.startsWith("spring.datasource.")) {
                return null;
            }
            String url = environment.getProperty(Setting.DATABASE_URL.variable());
            if (url == null || url.isBlank()) {
                return null;
            }
            DatabaseUrl database = DatabaseUrl.parse(url);
            return switch (name) {
                case "spring.datasource.url" -> database.jdbcUrl();
                case "spring.datasource.username" -> database.username();
                case "spring.datasource.password" -> database.password();
                default -> null;
            };
        }
    }
}
