package io.wapipeline.ops.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.wapipeline.model.settings.Setting;
import io.wapipeline.ops.Environment;

/** The required variables are set under their right names, and no known misspelling sits beside them. */
final class SettingsCheck implements Check {

    static final List<Setting> REQUIRED = List.of(Setting.VERIFY_TOKEN, Setting.APP_SECRET, Setting.DATABASE_URL,
            Setting.API_TOKENS, Setting.ACCESS_TOKEN);

    private final Environment environment;

    SettingsCheck(Environment environment) {
        this.environment = environment;
    }

    @Override
    public String name() {
        return "required settings";
    }

    @Override
    public Result run() {
        List<String> problems = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            if (REQUIRED.contains(setting) || misspelt(setting)) {
                setting.problemWhenRequired(environment).ifPresent(problems::add);
            }
            ignored(setting).ifPresent(problems::add);
        }
        return problems.isEmpty() ? Result.pass(REQUIRED.size() + " variables set, no misspellings")
                : Result.fail(problems.size() + " problem(s)", String.join("\n", problems));
    }

    /** An optional setting (it has a default) given only under a wrong name: the default is used instead. */
    private boolean misspelt(Setting setting) {
        return setting.misspellings().stream().anyMatch(name -> environment.get(name).isPresent());
    }

    private Optional<String> ignored(Setting setting) {
        return setting.ignoredMisspelling(environment).map(wrong -> wrong + " is set but ignored (the services read "
                + setting.variable() + "): remove " + wrong + " so nobody edits the wrong one");
    }
}
