package io.wapipeline.service.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.info.Info;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class InstanceInfoContributorTest {

    @Test
    void theIdInWhatsappInstanceIdIsReportedInTheInfo() {
        InstanceInfoContributor contributor = new InstanceInfoContributor(environment(Map.of("WHATSAPP_INSTANCE_ID", "ingest-4f1c")));

        assertThat(info(contributor).getDetails()).containsEntry("instance", Map.of("id", "ingest-4f1c"));
    }

    @Test
    void withoutOneTheProcessIdTellsInstancesOfAHostApart() {
        InstanceInfoContributor contributor = new InstanceInfoContributor(environment(Map.of("WHATSAPP_INSTANCE_ID", " ")));

        assertThat(contributor.id()).endsWith(":" + ProcessHandle.current().pid());
        assertThat(info(contributor).getDetails()).containsEntry("instance", Map.of("id", contributor.id()));
    }

    /** Variables as the operating system passes them, read under Boot's relaxed names. */
    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("variables", variables));
        return environment;
    }

    private static Info info(InstanceInfoContributor contributor) {
        Info.Builder builder = new Info.Builder();
        contributor.contribute(builder);
        return builder.build();
    }
}
