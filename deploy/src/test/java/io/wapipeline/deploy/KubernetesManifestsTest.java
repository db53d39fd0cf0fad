package io.wapipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The manifests under deploy/kubernetes, rendered as {@code kubectl apply -k} would, read strictly into the Kubernetes
 * model, and held to the services' own configuration. No cluster is involved: this is what can be known before one.
 */
class KubernetesManifestsTest {

    private static final Path KUBERNETES = Path.of("kubernetes");

    private static final List<String> KUSTOMIZATIONS = List.of("base", "overlays/production");

    private static final String SECRET_TEMPLATE = "secret.example.yaml";

    /** The Kafka users, applied to Kafka's namespace apart from the pipeline's (their kinds are Strimzi's). */
    private static final String KAFKA_USERS = "kafka";

    @Test
    void everyManifestFileIsUsedByAKustomizationExceptTheSecretTemplate() throws IOException {
        Set<Path> used = new TreeSet<>();
        Stream.concat(KUSTOMIZATIONS.stream(), Stream.of(KAFKA_USERS))
                .forEach(kustomization -> used.addAll(Kustomization.render(KUBERNETES, KUBERNETES.resolve(kustomization)).files()));
        Set<Path> files;
        try (Stream<Path> walk = Files.walk(KUBERNETES)) {
            files = new TreeSet<>(walk.filter(file -> file.toString().matches(".*\\.ya?ml")).map(Path::normalize).toList());
        }
        assertThat(used).doesNotContain(KUBERNETES.resolve(SECRET_TEMPLATE));
        files.removeAll(used);
        assertThat(files).containsExactly(KUBERNETES.resolve(SECRET_TEMPLATE));
    }

    @ParameterizedTest
    @ValueSource(strings = { "base", "overlays/production" })
    void deploymentsRunTheServicesAsTheyAreConfigured(String kustomization) {
        Manifests manifests = manifests(KUBERNETES, kustomization);
        List<String> problems = new ArrayList<>(DeploymentChecks.problems(manifests, ServiceConfiguration.INGEST));
        problems.addAll(DeploymentChecks.problems(manifests, ServiceConfiguration.WORKER));
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "base", "overlays/production" })
    void servicesAutoscalersBudgetsAndTheIngressReachThePodsTheyName(String kustomization) {
        assertThat(WiringChecks.problems(manifests(KUBERNETES, kustomization))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "base", "overlays/production" })
    void workersScaleOnTheirGroupsLagUpToOneConsumerPerPartition(String kustomization) {
        assertThat(ScalingChecks.problems(manifests(KUBERNETES, kustomization))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "base", "overlays/production" })
    void podsRunUnprivilegedAndTheWorkerMigratesAsTheOwnerButReadsAsTheAppRole(String kustomization) {
        assertThat(PrivilegeChecks.problems(manifests(KUBERNETES, kustomization))).isEmpty();
    }

    /** A mistake written into a copy of the manifests, and what the checks must say about it. */
    record Breakage(String file, String correct, String broken, String refusal) {

        @Override
        public String toString() {
            return file + ": " + broken.strip().lines().reduce((first, last) -> last).orElse("");
        }
    }

    static List<Breakage> breakages() {
        return List.of(
                new Breakage("base/ingest.yaml", "      containers:", "      contaners:", "Unrecognized property \"contaners\""),
                new Breakage("base/ingest.yaml", "              path: /actuator/health/readiness\n              port: http",
                        "              path: /actuator/health/readiness\n              port: 9090", "readinessProbe asks port 9090"),
                new Breakage("base/worker.yaml", "          value: \"8081\"", "          value: 8081", "Cannot coerce Integer value (8081)"),
                new Breakage("base/ingest.yaml", "- name: WHATSAPP_APP_SECRET", "- name: FACEBOOK_APP_SECRET",
                        "sets FACEBOOK_APP_SECRET, which ingest-service does not read"),
                new Breakage("base/config.yaml", "  MEDIA_ROOT: /var/lib/whatsapp-media\n",
                        "  MEDIA_ROOT: /var/lib/whatsapp-media\n  MEDIA_ROOT: /media\n", "base/config.yaml, line 22: Duplicate Object property \"MEDIA_ROOT\""),
                new Breakage("base/worker.yaml", "maxReplicaCount: 6", "maxReplicaCount: 7", "more than the 12 partitions"),
                new Breakage("base/worker.yaml", "consumerGroup: whatsapp-worker", "consumerGroup: whatsapp-workers",
                        "not whatsapp-worker (the workers' group)"),
                new Breakage("base/config.yaml", "http://whatsapp-ingest.whatsapp.svc/", "http://whatsapp-ingest.default.svc/",
                        "WHATSAPP_CONSOLE_INGESTHEALTHURL"),
                new Breakage("base/ingest.yaml", "terminationGracePeriodSeconds: 35", "terminationGracePeriodSeconds: 20",
                        "does not cover"),
                new Breakage("overlays/production/kustomization.yaml", "  - path: media-storage.yaml", "  - path: media-storge.yaml",
                        "which does not exist"),
                new Breakage("base/ingest.yaml", "            allowPrivilegeEscalation: false", "            allowPrivilegeEscalation: true",
                        "allowPrivilegeEscalation: false"),
                new Breakage("base/worker.yaml", "              drop: [\"ALL\"]", "              drop: [\"NET_RAW\"]", "must drop ALL capabilities"),
                new Breakage("base/worker.yaml", "        fsGroup: 10001", "        fsGroup: 0", "fsGroup must be 10001"),
                new Breakage("base/ingest.yaml", "          type: RuntimeDefault", "          type: Unconfined", "seccompProfile.type: RuntimeDefault"),
                new Breakage("base/worker.yaml", "        runAsUser: 10001", "        runAsUser: 1000", "runAsUser and runAsGroup 10001"),
                new Breakage("base/worker.yaml", "              value: whatsapp_owner", "              value: whatsapp_app",
                        "SPRING_FLYWAY_USER must be whatsapp_owner"),
                new Breakage("base/worker.yaml", "                  key: DATABASE_OWNER_PASSWORD", "                  key: DATABASE_URL",
                        "two keys of the Secret"),
                new Breakage("secret.example.yaml", "postgres://whatsapp_app:", "postgres://whatsapp:", "must connect as whatsapp_app"),
                new Breakage("base/worker.yaml",
                        "- name: SPRING_FLYWAY_PASSWORD\n              valueFrom:\n                secretKeyRef:\n"
                                + "                  name: whatsapp-secrets\n                  key: DATABASE_OWNER_PASSWORD\n",
                        "- name: SPRING_FLYWAY_PASSWORD\n              value: hunter2\n", "SPRING_FLYWAY_PASSWORD is written in the manifest"),
                new Breakage("base/config.yaml", "  WORKER_JAVA_OPTIONS: -Xmx512m\n",
                        "  WORKER_JAVA_OPTIONS: -Xmx512m\n  BACKUP_URL: postgres://backup:hunter2@db.example.com/whatsapp\n", "looks like a credential"),
                new Breakage("secret.example.yaml", "WHATSAPP_API_TOKENS: \"<read api token>\"", "WHATSAPP_API_TOKENS: \"3f9a0c\"",
                        "must be a <placeholder>"));
    }

    @ParameterizedTest
    @MethodSource("breakages")
    void aBrokenManifestIsRefusedWithWhatIsWrong(Breakage breakage, @TempDir Path copy) throws IOException {
        copyOfManifests(copy);
        Path file = copy.resolve(breakage.file());
        String text = Files.readString(file);
        assertThat(text).as("the manifest this breakage edits").contains(breakage.correct());
        Files.writeString(file, text.replace(breakage.correct(), breakage.broken()));

        assertThat(verdict(copy)).anySatisfy(problem -> assertThat(problem).contains(breakage.refusal()));
    }

    /** Every problem the checks find in both kustomizations, a manifest that cannot be read or rendered being one. */
    private static List<String> verdict(Path root) {
        List<String> problems = new ArrayList<>();
        for (String kustomization : KUSTOMIZATIONS) {
            try {
                Manifests manifests = manifests(root, kustomization);
                problems.addAll(DeploymentChecks.problems(manifests, ServiceConfiguration.INGEST));
                problems.addAll(DeploymentChecks.problems(manifests, ServiceConfiguration.WORKER));
                problems.addAll(WiringChecks.problems(manifests));
                problems.addAll(ScalingChecks.problems(manifests));
                problems.addAll(PrivilegeChecks.problems(manifests));
            }
            catch (IllegalArgumentException refused) {
                problems.add(refused.getMessage());
            }
        }
        return problems;
    }

    private static Manifests manifests(Path root, String kustomization) {
        List<Document> objects = Kustomization.render(root, root.resolve(kustomization)).objects();
        return Manifests.read(objects, YamlDocuments.read(root, root.resolve(SECRET_TEMPLATE)).get(0));
    }

    private static void copyOfManifests(Path copy) throws IOException {
        try (Stream<Path> files = Files.walk(KUBERNETES)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = copy.resolve(KUBERNETES.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }
}
