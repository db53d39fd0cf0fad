package io.wapipeline.ingest.config;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.wapipeline.model.settings.Setting;

/** Stops start-up, naming the variable, when a setting the ingest cannot work without is absent or misspelt. */
@Component
class RequiredSettings {

    private static final Logger log = LoggerFactory.getLogger(RequiredSettings.class);

    static final List<Setting> REQUIRED = List.of(Setting.VERIFY_TOKEN, Setting.APP_SECRET);

    RequiredSettings(Environment environment) {
        for (Setting setting : REQUIRED) {
            Optional<String> problem = setting.problemWhenRequired(environment::getProperty);
            if (problem.isPresent()) {
                throw new MissingSettingException(problem.get());
            }
            setting.ignoredMisspelling(environment::getProperty).ifPresent(wrong ->
                    log.warn("{} is set but ignored: the setting is {}", wrong, setting.variable()));
        }
    }
}
