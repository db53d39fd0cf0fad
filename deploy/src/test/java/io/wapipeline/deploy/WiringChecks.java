package io.wapipeline.deploy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * The objects that point at others, held to what they point at: Services, autoscalers and disruption budgets select
 * the pods of a Deployment here and its ports; the Ingress reaches the ingest's webhook; the console's health URL is
 * the ingest's Service; every object is in the one Namespace; the Secret's template holds no key nobody reads.
 */
final class WiringChecks {

    /** The ingest's webhook, the URL Meta is given (the ingest's WebhookEndpoint). */
    static final String WEBHOOK_PATH = "/api/whatsapp/webhook";

    private WiringChecks() {
    }

    static List<String> problems(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        manifests.all(Service.class).forEach(service -> service(manifests, service, problems));
        manifests.all(HorizontalPodAutoscaler.class).forEach(autoscaler -> autoscaler(manifests, autoscaler, problems));
        manifests.all(PodDisruptionBudget.class).forEach(budget -> budget(manifests, budget, problems));
        manifests.all(Ingress.class).forEach(ingress -> ingress(manifests, ingress, problems));
        consoleHealthUrl(manifests, problems);
        namespace(manifests, problems);
        secretKeys(manifests, problems);
        return problems;
    }

    /** The Deployments whose pods carry every label of the selector. */
    static List<Deployment> selected(Manifests manifests, Map<String, String> selector) {
        return manifests.all(Deployment.class).stream()
                .filter(deployment -> selector != null && !selector.isEmpty()
                        && Manifests.podLabels(deployment).entrySet().containsAll(selector.entrySet()))
                .toList();
    }

    private static void service(Manifests manifests, Service service, List<String> problems) {
        String where = "Service " + service.getMetadata().getName() + ": ";
        List<Deployment> pods = selected(manifests, service.getSpec().getSelector());
        if (pods.size() != 1) {
            problems.add(where + "selects the pods of " + pods.size() + " Deployments, not one");
            return;
        }
        List<ContainerPort> ports = pods.get(0).getSpec().getTemplate().getSpec().getContainers().stream()
                .flatMap(container -> container.getPorts().stream()).toList();
        for (ServicePort port : service.getSpec().getPorts()) {
            if (ports.stream().noneMatch(containerPort -> DeploymentChecks.isPort(port.getTargetPort(), containerPort))) {
                problems.add(where + "port " + port.getPort() + " targets " + DeploymentChecks.text(port.getTargetPort())
                        + ", which no container of " + pods.get(0).getMetadata().getName() + " listens on");
            }
        }
    }

    private static void autoscaler(Manifests manifests, HorizontalPodAutoscaler autoscaler, List<String> problems) {
        String where = "HorizontalPodAutoscaler " + autoscaler.getMetadata().getName() + ": ";
        CrossVersionObjectReference target = autoscaler.getSpec().getScaleTargetRef();
        if (!"Deployment".equals(target.getKind()) || manifests.named(Deployment.class, target.getName()).isEmpty()) {
            problems.add(where + "scales " + target.getKind() + " " + target.getName() + ", which is not a Deployment here");
        }
        else {
            replicasOwned(manifests.named(Deployment.class, target.getName()).orElseThrow(), where, problems);
        }
        int minimum = Objects.requireNonNullElse(autoscaler.getSpec().getMinReplicas(), 1);
        if (minimum < 2 || minimum > autoscaler.getSpec().getMaxReplicas()) {
            problems.add(where + "minReplicas " + minimum + " must be at least 2 (one pod's restart is no outage) and at most maxReplicas");
        }
    }

    /** An autoscaler's Deployment sets no replicas: each {@code kubectl apply} would reset the count to it. */
    static void replicasOwned(Deployment deployment, String where, List<String> problems) {
        if (deployment.getSpec().getReplicas() != null) {
            problems.add(where + "scales " + deployment.getMetadata().getName() + ", which must not set spec.replicas "
                    + "(each kubectl apply would reset the autoscaler's count to it)");
        }
    }

    private static void budget(Manifests manifests, PodDisruptionBudget budget, List<String> problems) {
        String where = "PodDisruptionBudget " + budget.getMetadata().getName() + ": ";
        List<Deployment> pods = selected(manifests, budget.getSpec().getSelector().getMatchLabels());
        if (pods.size() != 1) {
            problems.add(where + "selects the pods of " + pods.size() + " Deployments, not one");
            return;
        }
        IntOrString minAvailable = budget.getSpec().getMinAvailable();
        int fewest = fewestReplicas(manifests, pods.get(0));
        if (minAvailable != null && (minAvailable.getIntVal() == null || minAvailable.getIntVal() >= fewest)) {
            problems.add(where + "minAvailable " + DeploymentChecks.text(minAvailable) + " with as few as " + fewest
                    + " replicas would refuse every node drain");
        }
    }

    private static int fewestReplicas(Manifests manifests, Deployment deployment) {
        String name = deployment.getMetadata().getName();
        Optional<Integer> autoscaled = manifests.all(HorizontalPodAutoscaler.class).stream()
                .filter(autoscaler -> name.equals(autoscaler.getSpec().getScaleTargetRef().getName()))
                .map(autoscaler -> Objects.requireNonNullElse(autoscaler.getSpec().getMinReplicas(), 1)).findFirst();
        Optional<Integer> scaled = manifests.all(ScaledObject.class).stream()
                .filter(scaledObject -> name.equals(scaledObject.spec().scaleTargetRef().name()))
                .map(scaledObject -> Objects.requireNonNullElse(scaledObject.spec().minReplicaCount(), 0)).findFirst();
        return autoscaled.or(() -> scaled).orElse(Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1));
    }

    private static void ingress(Manifests manifests, Ingress ingress, List<String> problems) {
        String where = "Ingress " + ingress.getMetadata().getName() + ": ";
        Set<String> secured = new TreeSet<>();
        for (IngressTLS tls : Objects.requireNonNullElse(ingress.getSpec().getTls(), List.<IngressTLS>of())) {
            secured.addAll(tls.getHosts());
        }
        boolean webhook = false;
        for (IngressRule rule : ingress.getSpec().getRules()) {
            if (!secured.contains(rule.getHost())) {
                problems.add(where + "host " + rule.getHost() + " has no TLS: Meta delivers to HTTPS only");
            }
            for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                backend(manifests, path.getBackend().getService(), where, problems);
                webhook |= routesWebhook(path) && ingestService(manifests)
                        .map(service -> service.getMetadata().getName().equals(path.getBackend().getService().getName())).orElse(false);
            }
        }
        if (!webhook) {
            problems.add(where + "routes " + WEBHOOK_PATH + " to no Service of the ingest");
        }
    }

    private static boolean routesWebhook(HTTPIngressPath path) {
        return "Exact".equals(path.getPathType()) ? WEBHOOK_PATH.equals(path.getPath()) : WEBHOOK_PATH.startsWith(path.getPath());
    }

    private static void backend(Manifests manifests, IngressServiceBackend backend, String where, List<String> problems) {
        Optional<Service> service = manifests.named(Service.class, backend.getName());
        boolean port = service.map(found -> found.getSpec().getPorts().stream().anyMatch(servicePort ->
                Objects.equals(servicePort.getPort(), backend.getPort().getNumber())
                        || (backend.getPort().getName() != null && backend.getPort().getName().equals(servicePort.getName()))))
                .orElse(false);
        if (!port) {
            problems.add(where + "sends to Service " + backend.getName() + " port " + backend.getPort() + ", which is not here");
        }
    }

    private static Optional<Service> ingestService(Manifests manifests) {
        List<Deployment> ingest = manifests.running(ServiceConfiguration.INGEST.module());
        return manifests.all(Service.class).stream().filter(service -> selected(manifests, service.getSpec().getSelector())
                .stream().anyMatch(ingest::contains)).findFirst();
    }

    /** WHATSAPP_CONSOLE_INGESTHEALTHURL is http://<the ingest's Service>.<namespace>.svc[:port]/actuator/health. */
    private static void consoleHealthUrl(Manifests manifests, List<String> problems) {
        String module = ServiceConfiguration.WORKER.module();
        Optional<String> url = manifests.running(module).stream().findFirst()
                .flatMap(worker -> Manifests.container(worker, module))
                .flatMap(container -> manifests.environment(container, "WHATSAPP_CONSOLE_INGESTHEALTHURL"));
        Optional<Service> ingest = ingestService(manifests);
        if (url.isEmpty() || ingest.isEmpty()) {
            return;
        }
        URI uri = URI.create(url.get());
        String expectedHost = ingest.get().getMetadata().getName() + "." + ingest.get().getMetadata().getNamespace() + ".svc";
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        boolean servicePort = ingest.get().getSpec().getPorts().stream().anyMatch(candidate -> candidate.getPort() == port);
        String path = ServiceConfiguration.INGEST.actuatorPath("health");
        if (!List.of(expectedHost, expectedHost + ".cluster.local").contains(uri.getHost()) || !servicePort || !path.equals(uri.getPath())) {
            problems.add("WHATSAPP_CONSOLE_INGESTHEALTHURL " + url.get() + " is not http://" + expectedHost + path
                    + " on a port of that Service");
        }
    }

    private static void namespace(Manifests manifests, List<String> problems) {
        Set<String> namespaces = new TreeSet<>();
        for (Object object : manifests.objects()) {
            if (object instanceof HasMetadata resource && !(object instanceof Namespace)) {
                namespaces.add(String.valueOf(resource.getMetadata().getNamespace()));
            }
            if (object instanceof ScaledObject scaledObject) {
                namespaces.add(String.valueOf(scaledObject.metadata().getNamespace()));
            }
        }
        if (namespaces.size() != 1 || manifests.named(Namespace.class, namespaces.iterator().next()).isEmpty()) {
            problems.add("every object belongs in the one Namespace of these manifests, not in " + namespaces
                    + " (null: kubectl's current namespace)");
        }
    }

    private static void secretKeys(Manifests manifests, List<String> problems) {
        Set<String> read = new TreeSet<>();
        manifests.all(Deployment.class).forEach(deployment -> deployment.getSpec().getTemplate().getSpec().getContainers()
                .forEach(container -> container.getEnv().stream()
                        .filter(variable -> variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null)
                        .forEach(variable -> read.add(variable.getValueFrom().getSecretKeyRef().getKey()))));
        Set<String> unread = new TreeSet<>(manifests.secret().getStringData().keySet());
        unread.removeAll(read);
        if (!unread.isEmpty()) {
            problems.add("Secret " + manifests.secret().getMetadata().getName() + ": no Deployment reads " + unread);
        }
    }
}
