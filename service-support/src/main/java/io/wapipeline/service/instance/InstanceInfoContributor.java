package io.wapipeline.service.instance;

import java.util.Map;
import java.util.Optional;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.core.env.Environment;

/**
 * {@code instance.id} in /actuator/info: which process answered, behind a load balancer or on a port someone else may
 * hold. {@code WHATSAPP_INSTANCE_ID} sets it (the local stack gives each child a random one and checks it); by default
 * it is the host name and the process id, {@code <HOSTNAME>:<pid>}.
 */
public final class InstanceInfoContributor implements InfoContributor {

    /** Boot's name of {@code WHATSAPP_INSTANCE_ID}. */
    static final String PROPERTY = "whatsapp.instance.id";

    private final String id;

    public InstanceInfoContributor(Environment environment) {
        this.id = Optional.ofNullable(environment.getProperty(PROPERTY)).filter(value -> !value.isBlank())
                .orElseGet(InstanceInfoContributor::hostAndPid);
    }

    /** The id this process reports. */
    public String id() {
        return id;
    }

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail("instance", Map.of("id", id));
    }

    /** Without a name lookup, which can stall on a host without DNS: Docker and most shells set HOSTNAME. */
    private static String hostAndPid() {
        String host = Optional.ofNullable(System.getenv("HOSTNAME")).filter(value -> !value.isBlank()).orElse("localhost");
        return host + ":" + ProcessHandle.current().pid();
    }
}
