package io.wapipeline.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.wapipeline.model.WebhookTopics;

/**
 * The workers' ScaledObject held to the worker: KEDA measures the lag of the group the workers really join on the
 * topic they really read, at the Kafka they are given, and stops adding workers once every partition has its
 * consumer (partitions / consumers per worker). More workers than that need a shared media volume.
 */
final class ScalingChecks {

    /** The kafka scaler's parameters (keda.sh, "Apache Kafka"); its metadata is a map, so a misspelt key is not refused by KEDA's schema. */
    private static final Set<String> KAFKA_PARAMETERS = Set.of("bootstrapServers", "consumerGroup", "topic", "lagThreshold",
            "activationLagThreshold", "offsetResetPolicy", "allowIdleConsumers", "scaleToZeroOnInvalidOffset",
            "excludePersistentLag", "limitToPartitionsWithLag", "partitionLimitation", "version", "sasl", "tls");

    private ScalingChecks() {
    }

    static List<String> problems(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        List<ScaledObject> scaledObjects = manifests.all(ScaledObject.class);
        if (scaledObjects.size() != 1) {
            return List.of("one ScaledObject must scale the workers, not " + scaledObjects.size());
        }
        ScaledObject scaledObject = scaledObjects.get(0);
        String where = "ScaledObject " + scaledObject.metadata().getName() + ": ";
        String module = ServiceConfiguration.WORKER.module();
        Optional<Deployment> target = manifests.named(Deployment.class, scaledObject.spec().scaleTargetRef().name())
                .filter(deployment -> Manifests.container(deployment, module).isPresent());
        if (target.isEmpty()) {
            return List.of(where + "scales " + scaledObject.spec().scaleTargetRef().name() + ", which is not the Deployment of " + module);
        }
        WiringChecks.replicasOwned(target.get(), where, problems);
        Container worker = Manifests.container(target.get(), module).orElseThrow();
        trigger(manifests, scaledObject, worker, where, problems);
        replicas(manifests, scaledObject, worker, where, problems);
        sharedMedia(manifests, scaledObject, target.get(), where, problems);
        return problems;
    }

    private static void trigger(Manifests manifests, ScaledObject scaledObject, Container worker, String where, List<String> problems) {
        List<ScaledObject.Trigger> triggers = Objects.requireNonNullElse(scaledObject.spec().triggers(), List.of());
        if (triggers.size() != 1 || !"kafka".equals(triggers.get(0).type())) {
            problems.add(where + "needs exactly one trigger, of type kafka");
            return;
        }
        Map<String, String> metadata = Objects.requireNonNullElse(triggers.get(0).metadata(), Map.of());
        Set<String> unknown = new TreeSet<>(metadata.keySet());
        unknown.removeAll(KAFKA_PARAMETERS);
        if (!unknown.isEmpty()) {
            problems.add(where + "the kafka scaler has no parameter " + unknown);
        }
        expect(metadata, "consumerGroup", setting(manifests, worker, "WHATSAPP_WORKER_GROUPID", WebhookTopics.DEFAULT_WORKER_GROUP),
                "the workers' group", where, problems);
        expect(metadata, "topic", WebhookTopics.RAW, "the raw topic", where, problems);
        expect(metadata, "bootstrapServers", manifests.environment(worker, "KAFKA_BOOTSTRAP_SERVERS").orElse("(unset)"),
                "the workers' KAFKA_BOOTSTRAP_SERVERS", where, problems);
        expect(metadata, "offsetResetPolicy",
                ServiceConfiguration.WORKER.property("spring.kafka.consumer.auto-offset-reset").orElse("latest"),
                "the workers' spring.kafka.consumer.auto-offset-reset", where, problems);
        if (!metadata.getOrDefault("lagThreshold", "").matches("[1-9][0-9]*")) {
            problems.add(where + "lagThreshold must be a positive number of records");
        }
    }

    private static void expect(Map<String, String> metadata, String parameter, String expected, String meaning, String where,
            List<String> problems) {
        if (!expected.equals(metadata.get(parameter))) {
            problems.add(where + parameter + " is " + metadata.get(parameter) + ", not " + expected + " (" + meaning + ")");
        }
    }

    private static void replicas(Manifests manifests, ScaledObject scaledObject, Container worker, String where, List<String> problems) {
        int concurrency = Integer.parseInt(setting(manifests, worker, "WHATSAPP_WORKER_CONCURRENCY", null));
        int partitions = Integer.parseInt(setting(manifests, worker, "WHATSAPP_WORKER_TOPICPARTITIONS",
                String.valueOf(WebhookTopics.DEFAULT_PARTITIONS)));
        int minimum = Objects.requireNonNullElse(scaledObject.spec().minReplicaCount(), 0);
        int maximum = Objects.requireNonNullElse(scaledObject.spec().maxReplicaCount(), 100);
        if (minimum < 1 || minimum > maximum) {
            problems.add(where + "minReplicaCount " + minimum + " must be at least 1 (the worker also serves the console) and at most "
                    + "maxReplicaCount");
        }
        if (maximum * concurrency > partitions) {
            problems.add(where + "maxReplicaCount " + maximum + " × " + concurrency + " consumers per worker is more than the "
                    + partitions + " partitions: the extra workers would sit idle (at most " + partitions / concurrency + ")");
        }
    }

    /** The worker's setting as its container sets it, else the service's default (its properties record, or the contract's). */
    private static String setting(Manifests manifests, Container worker, String variable, String contractDefault) {
        return manifests.environment(worker, variable)
                .or(() -> Optional.ofNullable(ServiceConfiguration.WORKER.defaults().get(variable)))
                .or(() -> Optional.ofNullable(contractDefault))
                .orElseThrow(() -> new IllegalStateException(variable + " has no default in " + ServiceConfiguration.WORKER.module()));
    }

    private static void sharedMedia(Manifests manifests, ScaledObject scaledObject, Deployment worker, String where,
            List<String> problems) {
        if (Objects.requireNonNullElse(scaledObject.spec().maxReplicaCount(), 100) <= 1) {
            return;
        }
        for (Volume volume : worker.getSpec().getTemplate().getSpec().getVolumes()) {
            Optional<PersistentVolumeClaim> claim = Optional.ofNullable(volume.getPersistentVolumeClaim())
                    .flatMap(source -> manifests.named(PersistentVolumeClaim.class, source.getClaimName()));
            if (claim.isPresent() && !claim.get().getSpec().getAccessModes().contains("ReadWriteMany")) {
                problems.add(where + "more than one worker shares claim " + claim.get().getMetadata().getName()
                        + ", which must be ReadWriteMany");
            }
        }
    }
}
