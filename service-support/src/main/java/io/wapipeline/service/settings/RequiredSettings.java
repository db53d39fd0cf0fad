package io.wapipeline.service.settings;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

import io.wapipeline.model.settings.Setting;

/**
 * Stops start-up, naming the variable, when a setting the service cannot work without is absent or misspelt. It
 * runs before any bean is created, so no bean ever sees the setting missing. Declare it as a {@code static @Bean}.
 */
public final class RequiredSettings implements BeanFactoryPostProcessor, EnvironmentAware {

    private static final Logger log = LoggerFactory.getLogger(RequiredSettings.class);

    private final List<Setting> required;
    private Environment environment;

    public RequiredSettings(List<Setting> required) {
        this.required = List.copyOf(required);
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        for (Setting setting : required) {
            setting.problemWhenRequired(environment::getProperty).ifPresent(problem -> {
                throw new MissingSettingException(problem);
            });
            setting.ignoredMisspelling(environment::getProperty).ifPresent(wrong ->
                    log.warn("{} is set but ignored: the setting is {}", wrong, setting.variable()));
        }
    }
}
