package io.wapipeline.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import io.wapipeline.model.settings.DatabaseUrl;

/**
 * What the pods may do and what they log in with: every pod runs as the image's own non-root user, with no way to
 * gain a privilege and the runtime's default seccomp profile, and a shared volume is given to that user's own group
 * only; the worker reads rows as the application role and migrates as the owner (db/roles of the module schema), each
 * password from a key of the Secret; no credential is written into a manifest, and the Secret's template holds
 * placeholders only.
 */
final class PrivilegeChecks {

    /** The roles of schema/src/main/resources/db/roles/roles.sql. */
    static final String OWNER = "whatsapp_owner";
    static final String APP = "whatsapp_app";

    private static final Pattern IMAGE_UID = Pattern.compile("useradd [^\\n]*--uid (\\d+)");

    private static final Pattern CREDENTIAL_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|_KEY|USERS)$|DATABASE_URL");

    /** A URL with a password in it: {@code scheme://user:password@host}. */
    private static final Pattern URL_WITH_PASSWORD = Pattern.compile("://[^/:@\\s]+:[^@\\s]+@");

    private static final Pattern PLACEHOLDER = Pattern.compile("<[^<>]+>");

    private PrivilegeChecks() {
    }

    static List<String> problems(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        long uid = imageUser();
        manifests.all(Deployment.class).forEach(deployment -> pod(deployment, uid, problems));
        databaseUsers(manifests, problems);
        noCredentialWritten(manifests, problems);
        return problems;
    }

    /** The uid the Dockerfile's runtime image runs as ({@code useradd ... --uid 10001}). */
    static long imageUser() {
        try {
            Matcher uid = IMAGE_UID.matcher(Files.readString(ServiceConfiguration.REPOSITORY.resolve("Dockerfile")));
            if (!uid.find()) {
                throw new IllegalStateException("the Dockerfile makes no user with useradd --uid");
            }
            return Long.parseLong(uid.group(1));
        }
        catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static void pod(Deployment deployment, long uid, List<String> problems) {
        String where = "Deployment " + deployment.getMetadata().getName() + ": ";
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        PodSecurityContext context = Objects.requireNonNullElseGet(pod.getSecurityContext(), PodSecurityContext::new);
        if (!Boolean.TRUE.equals(context.getRunAsNonRoot()) || !Long.valueOf(uid).equals(context.getRunAsUser())
                || !Long.valueOf(uid).equals(context.getRunAsGroup())) {
            problems.add(where + "the pod must run as the image's user: runAsNonRoot: true, runAsUser and runAsGroup " + uid);
        }
        if (context.getSeccompProfile() == null || !"RuntimeDefault".equals(context.getSeccompProfile().getType())) {
            problems.add(where + "the pod must set seccompProfile.type: RuntimeDefault");
        }
        boolean sharedVolume = pod.getVolumes().stream().anyMatch(volume -> volume.getPersistentVolumeClaim() != null);
        if (sharedVolume && !Long.valueOf(uid).equals(context.getFsGroup())) {
            problems.add(where + "fsGroup must be " + uid + ", the app user's own group, so that its volume is writable "
                    + "and no other user's group gets its files (fsGroup: " + context.getFsGroup() + ")");
        }
        pod.getContainers().forEach(container -> container(container, where, problems));
    }

    private static void container(Container container, String where, List<String> problems) {
        SecurityContext context = Objects.requireNonNullElseGet(container.getSecurityContext(), SecurityContext::new);
        Capabilities capabilities = Objects.requireNonNullElseGet(context.getCapabilities(), Capabilities::new);
        String name = where + "container " + container.getName() + ": ";
        if (!capabilities.getDrop().contains("ALL") || !capabilities.getAdd().isEmpty()) {
            problems.add(name + "must drop ALL capabilities and add none");
        }
        if (Boolean.TRUE.equals(context.getPrivileged()) || Long.valueOf(0).equals(context.getRunAsUser())
                || Boolean.FALSE.equals(context.getRunAsNonRoot())) {
            problems.add(name + "must not be privileged or run as root");
        }
    }

    /** The worker's connections as the application role, its migrations as the owner, two keys of the Secret. */
    private static void databaseUsers(Manifests manifests, List<String> problems) {
        String module = ServiceConfiguration.WORKER.module();
        Optional<Container> worker = manifests.running(module).stream().findFirst().flatMap(deployment -> Manifests.container(deployment, module));
        if (worker.isEmpty()) {
            return;
        }
        Optional<SecretKeySelector> url = secretKey(worker.get(), "DATABASE_URL");
        Optional<SecretKeySelector> ownerPassword = secretKey(worker.get(), "SPRING_FLYWAY_PASSWORD");
        if (url.isEmpty() || ownerPassword.isEmpty() || url.get().getKey().equals(ownerPassword.get().getKey())) {
            problems.add(module + ": DATABASE_URL and SPRING_FLYWAY_PASSWORD must come from two keys of the Secret");
        }
        if (!manifests.environment(worker.get(), "SPRING_FLYWAY_USER").equals(Optional.of(OWNER))) {
            problems.add(module + ": SPRING_FLYWAY_USER must be " + OWNER + ", the schema's owner: the migrations run as it");
        }
        url.map(key -> manifests.secret().getStringData().get(key.getKey())).map(PrivilegeChecks::unbracketed)
                .map(template -> DatabaseUrl.parse(template).username()).filter(user -> !APP.equals(user))
                .ifPresent(user -> problems.add(module + ": the Secret's DATABASE_URL must connect as " + APP
                        + " (rows only), not " + user));
    }

    private static Optional<SecretKeySelector> secretKey(Container container, String variable) {
        return container.getEnv().stream().filter(env -> variable.equals(env.getName()) && env.getValueFrom() != null)
                .map(env -> env.getValueFrom().getSecretKeyRef()).filter(Objects::nonNull).findFirst();
    }

    private static String unbracketed(String placeholder) {
        return placeholder.replaceAll("^<|>$", "");
    }

    /** Credentials are in the Secret only, which is created apart: never a value in a Deployment or the ConfigMap. */
    private static void noCredentialWritten(Manifests manifests, List<String> problems) {
        manifests.all(Deployment.class).forEach(deployment -> deployment.getSpec().getTemplate().getSpec().getContainers()
                .forEach(container -> container.getEnv().stream().filter(PrivilegeChecks::writtenCredential)
                        .forEach(env -> problems.add("Deployment " + deployment.getMetadata().getName() + ": " + env.getName()
                                + " is written in the manifest; take it from the Secret (secretKeyRef)"))));
        for (ConfigMap configMap : manifests.all(ConfigMap.class)) {
            for (Map.Entry<String, String> entry : configMap.getData().entrySet()) {
                if (CREDENTIAL_NAME.matcher(entry.getKey()).matches() || URL_WITH_PASSWORD.matcher(entry.getValue()).find()) {
                    problems.add("ConfigMap " + configMap.getMetadata().getName() + ": " + entry.getKey()
                            + " looks like a credential; it belongs in the Secret");
                }
            }
        }
        manifests.secret().getStringData().forEach((key, value) -> {
            if (!PLACEHOLDER.matcher(value).matches()) {
                problems.add("Secret template: " + key + " must be a <placeholder>, not a value");
            }
        });
    }

    private static boolean writtenCredential(EnvVar env) {
        return env.getValue() != null && !env.getValue().isEmpty()
                && (CREDENTIAL_NAME.matcher(env.getName()).matches() || URL_WITH_PASSWORD.matcher(env.getValue()).find());
    }
}
