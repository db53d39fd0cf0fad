package io.wapipeline.deploy;

import java.util.List;

import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * KEDA's TriggerAuthentication ({@code keda.sh/v1alpha1}): where a scaler's login comes from. The fields of KEDA's
 * schema these manifests use, read strictly; add one here when a manifest needs it.
 */
record TriggerAuthentication(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

    record Spec(List<SecretTargetRef> secretTargetRef) {
    }

    record SecretTargetRef(String parameter, String name, String key) {
    }
}
