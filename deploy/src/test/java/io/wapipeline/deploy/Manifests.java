package io.wapipeline.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * A rendered kustomization read into Kubernetes objects, with the Secret the Deployments expect (which is created
 * apart, from its template, and so is in no kustomization).
 */
record Manifests(List<Object> objects, Secret secret) {

    static Manifests read(List<Document> documents, Document secretTemplate) {
        return new Manifests(documents.stream().map(StrictModel::read).toList(), (Secret) StrictModel.read(secretTemplate));
    }

    <T> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
        return all(type).stream().filter(object -> object.getMetadata().getName().equals(name)).findFirst();
    }

    /** The Deployments with a container of this name (a service's module name). */
    List<Deployment> running(String module) {
        return all(Deployment.class).stream().filter(deployment -> container(deployment, module).isPresent()).toList();
    }

    static Optional<Container> container(Deployment deployment, String name) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(container -> name.equals(container.getName())).findFirst();
    }

    static Map<String, String> podLabels(Deployment deployment) {
        Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    /** What the container's variable is set to, directly or from a ConfigMap here; empty when unset or a secret. */
    Optional<String> environment(Container container, String name) {
        return container.getEnv().stream().filter(variable -> variable.getName().equals(name)).findFirst().flatMap(this::value);
    }

    private Optional<String> value(EnvVar variable) {
        EnvVarSource source = variable.getValueFrom();
        if (source == null || source.getConfigMapKeyRef() == null) {
            return Optional.ofNullable(variable.getValue());
        }
        return named(ConfigMap.class, source.getConfigMapKeyRef().getName())
                .map(configMap -> configMap.getData().get(source.getConfigMapKeyRef().getKey()));
    }
}
