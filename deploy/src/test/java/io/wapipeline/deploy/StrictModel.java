package io.wapipeline.deploy;

import java.util.Map;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.BeanDeserializerBuilder;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Manifests read into fabric8's Kubernetes model as strictly as {@code kubectl apply} (strict field validation) reads
 * them: an unknown field ({@code contaners}), a value of the wrong type, or a number where the API wants a string
 * ({@code value: 8080}) is refused with its path.
 */
final class StrictModel {

    private static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("keda.sh/v1alpha1/ScaledObject", ScaledObject.class),
            Map.entry("keda.sh/v1alpha1/TriggerAuthentication", TriggerAuthentication.class));

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // A number or boolean where the API wants a string (value: 8080, an unquoted ConfigMap value) is refused.
            .withCoercionConfig(LogicalType.Textual, strings -> strings.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .addModule(new SimpleModule().setDeserializerModifier(new WithoutCatchAll()))
            .build();

    private StrictModel() {
    }

    /** The document as its model class, or an exception that names the document and what is wrong in it. */
    static Object read(Document document) {
        Class<?> type = KINDS.get(document.tree().path("apiVersion").asString("") + "/" + document.kind());
        if (type == null) {
            throw new IllegalArgumentException(document.describe() + ": apiVersion/kind is not one of " + new TreeSet<>(KINDS.keySet()));
        }
        if (document.name().isEmpty()) {
            throw new IllegalArgumentException(document.describe() + ": has no metadata.name");
        }
        try {
            return MAPPER.treeToValue(document.tree(), type);
        }
        catch (JacksonException refused) {
            throw new IllegalArgumentException(document.describe() + ": " + refused.getOriginalMessage() + " (at "
                    + refused.getPathReference() + ")", refused);
        }
    }

    /**
     * fabric8's classes keep every field they do not know in {@code additionalProperties} (a JSON any-setter); without
     * it an unknown field is an error, as it is for the API server.
     */
    private static final class WithoutCatchAll extends ValueDeserializerModifier {

        @Override
        public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription.Supplier description,
                BeanDeserializerBuilder builder) {
            builder.setAnySetter(null);
            return builder;
        }
    }
}
