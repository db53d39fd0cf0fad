package io.wapipeline.deploy;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;

/**
 * KEDA's ScaledObject ({@code keda.sh/v1alpha1}), a custom resource fabric8 has no model for: the fields of KEDA's
 * schema these manifests may use, read as strictly as the Kubernetes objects. Add a field here when a manifest needs it.
 */
record ScaledObject(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

    record Spec(ScaleTargetRef scaleTargetRef, Integer pollingInterval, Integer cooldownPeriod, Integer minReplicaCount,
            Integer maxReplicaCount, Advanced advanced, List<Trigger> triggers) {
    }

    record ScaleTargetRef(String apiVersion, String kind, String name, String envSourceContainerName) {
    }

    record Advanced(Boolean restoreToOriginalReplicaCount, HorizontalPodAutoscalerConfig horizontalPodAutoscalerConfig) {
    }

    record HorizontalPodAutoscalerConfig(String name, HorizontalPodAutoscalerBehavior behavior) {
    }

    /** A trigger's metadata is a map of strings in KEDA's schema: a number written unquoted is refused, as by KEDA. */
    record Trigger(String type, String name, Map<String, String> metadata, AuthenticationRef authenticationRef) {
    }

    record AuthenticationRef(String name, String kind) {
    }
}
