package io.wapipeline.deploy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * A service's Deployment held to the service: the port it listens on, the probe paths its actuator answers, the
 * environment names it reads and requires, a heap that fits the memory limit, a stop that fits Spring's graceful
 * shutdown, and a read-only, non-root container.
 */
final class DeploymentChecks {

    private static final Pattern MAX_HEAP = Pattern.compile("-xmx(\\d+)([kmg]?)");

    private static final Map<String, Long> HEAP_UNITS = Map.of("", 1L, "k", 1L << 10, "m", 1L << 20, "g", 1L << 30);

    private DeploymentChecks() {
    }

    static List<String> problems(Manifests manifests, ServiceConfiguration service) {
        List<Deployment> deployments = manifests.running(service.module());
        if (deployments.size() != 1) {
            return List.of(service.module() + ": one Deployment must run a container named " + service.module() + ", not "
                    + deployments.size());
        }
        Deployment deployment = deployments.get(0);
        Container container = Manifests.container(deployment, service.module()).orElseThrow();
        List<String> problems = new ArrayList<>();
        Optional<ContainerPort> http = httpPort(manifests, container, service, problems);
        http.ifPresent(port -> probes(container, service, port, problems));
        http.ifPresent(port -> scrapeAnnotations(deployment, service, port, problems));
        environment(manifests, container, service, problems);
        memory(manifests, container, problems);
        stop(deployment, container, service, problems);
        fileSystem(deployment, container, manifests, problems);
        String where = "Deployment " + deployment.getMetadata().getName() + ", container " + service.module() + ": ";
        return problems.stream().map(problem -> where + problem).toList();
    }

    private static Optional<ContainerPort> httpPort(Manifests manifests, Container container, ServiceConfiguration service,
            List<String> problems) {
        Optional<ContainerPort> http = container.getPorts().stream().filter(port -> "http".equals(port.getName())).findFirst();
        int listens = manifests.environment(container, service.portVariable()).map(Integer::valueOf).orElse(service.defaultPort());
        if (http.isEmpty()) {
            problems.add("no container port named http");
        }
        else if (http.get().getContainerPort() != listens) {
            problems.add("container port http is " + http.get().getContainerPort() + ", but " + service.module() + " listens on "
                    + listens + " (server.port " + service.property("server.port").orElse("") + ")");
        }
        return http;
    }

    private static void probes(Container container, ServiceConfiguration service, ContainerPort http, List<String> problems) {
        if (!service.probeGroupsEnabled() || !service.exposes("health") || service.property("management.server.port").isPresent()) {
            problems.add(service.module() + "'s application.yml does not answer the probe groups on its own port");
        }
        probe("startupProbe", container.getStartupProbe(), service.actuatorPath("health/liveness"), http, problems);
        probe("readinessProbe", container.getReadinessProbe(), service.actuatorPath("health/readiness"), http, problems);
        probe("livenessProbe", container.getLivenessProbe(), service.actuatorPath("health/liveness"), http, problems);
    }

    private static void probe(String name, Probe probe, String path, ContainerPort http, List<String> problems) {
        if (probe == null || probe.getHttpGet() == null) {
            problems.add(name + " is missing (an httpGet of " + path + ")");
        }
        else if (!path.equals(probe.getHttpGet().getPath())) {
            problems.add(name + " asks " + probe.getHttpGet().getPath() + ", the service answers " + path);
        }
        else if (!isPort(probe.getHttpGet().getPort(), http)) {
            problems.add(name + " asks port " + text(probe.getHttpGet().getPort()) + ", not the container's http port "
                    + http.getContainerPort());
        }
    }

    /** Whether a port given by number or by name is this container port. */
    static boolean isPort(IntOrString port, ContainerPort containerPort) {
        return port != null && (containerPort.getContainerPort().equals(port.getIntVal())
                || (port.getStrVal() != null && port.getStrVal().equals(containerPort.getName())));
    }

    static String text(IntOrString port) {
        return port == null ? "none" : port.getIntVal() != null ? port.getIntVal().toString() : port.getStrVal();
    }

    private static void scrapeAnnotations(Deployment deployment, ServiceConfiguration service, ContainerPort http,
            List<String> problems) {
        Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
        if (annotations == null || !"true".equals(annotations.get("prometheus.io/scrape"))) {
            return;
        }
        if (!String.valueOf(http.getContainerPort()).equals(annotations.get("prometheus.io/port"))
                || !service.actuatorPath("prometheus").equals(annotations.get("prometheus.io/path")) || !service.exposes("prometheus")) {
            problems.add("the prometheus.io annotations must name port " + http.getContainerPort() + " and "
                    + service.actuatorPath("prometheus") + ", an endpoint the service exposes");
        }
    }

    private static void environment(Manifests manifests, Container container, ServiceConfiguration service, List<String> problems) {
        if (!container.getEnvFrom().isEmpty()) {
            problems.add("takes envFrom: name each variable, so that a service gets only what it reads");
        }
        Set<String> names = new HashSet<>();
        for (EnvVar variable : container.getEnv()) {
            if (!names.add(variable.getName())) {
                problems.add("sets " + variable.getName() + " twice");
            }
            if (!service.isRead(variable.getName())) {
                problems.add("sets " + variable.getName() + ", which " + service.module() + " does not read");
            }
            source(manifests, variable).ifPresent(problems::add);
        }
        service.requires().stream().filter(name -> !names.contains(name))
                .forEach(name -> problems.add("does not set " + name + ", which " + service.module() + " requires"));
    }

    private static Optional<String> source(Manifests manifests, EnvVar variable) {
        if (variable.getValueFrom() == null) {
            return Optional.empty();
        }
        if (variable.getValue() != null) {
            return Optional.of(variable.getName() + " has both value and valueFrom");
        }
        ConfigMapKeySelector configMapKey = variable.getValueFrom().getConfigMapKeyRef();
        SecretKeySelector secretKey = variable.getValueFrom().getSecretKeyRef();
        if (configMapKey != null) {
            Optional<ConfigMap> configMap = manifests.named(ConfigMap.class, configMapKey.getName());
            return configMap.isPresent() && configMap.get().getData().containsKey(configMapKey.getKey()) ? Optional.empty()
                    : Optional.of(variable.getName() + " comes from ConfigMap " + configMapKey.getName() + ", key "
                            + configMapKey.getKey() + ", which is not in these manifests");
        }
        if (secretKey != null) {
            boolean inTemplate = manifests.secret().getMetadata().getName().equals(secretKey.getName())
                    && manifests.secret().getStringData().containsKey(secretKey.getKey());
            return inTemplate ? Optional.empty() : Optional.of(variable.getName() + " comes from Secret " + secretKey.getName()
                    + ", key " + secretKey.getKey() + ", which the Secret's template does not hold");
        }
        return Optional.of(variable.getName() + " comes from neither a ConfigMap nor the Secret");
    }

    /** The heap at most half the limit, as the Dockerfile's MaxRAMPercentage=50 and docker-compose.yml have it. */
    private static void memory(Manifests manifests, Container container, List<String> problems) {
        Quantity limit = container.getResources() == null || container.getResources().getLimits() == null ? null
                : container.getResources().getLimits().get("memory");
        if (limit == null) {
            problems.add("has no memory limit");
            return;
        }
        Matcher heap = MAX_HEAP.matcher(manifests.environment(container, "JDK_JAVA_OPTIONS").orElse("").toLowerCase(Locale.ROOT));
        if (heap.find()) {
            long bytes = Long.parseLong(heap.group(1)) * HEAP_UNITS.get(heap.group(2));
            if (BigDecimal.valueOf(bytes).multiply(BigDecimal.valueOf(2)).compareTo(Quantity.getAmountInBytes(limit)) > 0) {
                problems.add("-Xmx" + heap.group(1) + heap.group(2) + " is over half the memory limit " + limit + ": metaspace, threads and buffers need the rest");
            }
        }
    }

    private static void stop(Deployment deployment, Container container, ServiceConfiguration service, List<String> problems) {
        long pause = preStopSleep(container);
        long shutdown = service.shutdownTimeout().toSeconds();
        Long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        long seconds = grace == null ? 30 : grace;
        if (!"graceful".equals(service.property("server.shutdown").orElse(""))) {
            problems.add(service.module() + "'s application.yml does not set server.shutdown: graceful");
        }
        if (seconds <= pause + shutdown) {
            problems.add("terminationGracePeriodSeconds " + seconds + " does not cover the " + pause + " s preStop pause and the "
                    + shutdown + " s of spring.lifecycle.timeout-per-shutdown-phase: the JVM would be killed mid-shutdown");
        }
    }

    private static long preStopSleep(Container container) {
        if (container.getLifecycle() == null || container.getLifecycle().getPreStop() == null
                || container.getLifecycle().getPreStop().getExec() == null) {
            return 0;
        }
        List<String> command = container.getLifecycle().getPreStop().getExec().getCommand();
        return command.size() == 2 && "sleep".equals(command.get(0)) ? Long.parseLong(command.get(1)) : 0;
    }

    private static void fileSystem(Deployment deployment, Container container, Manifests manifests, List<String> problems) {
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        if (pod.getSecurityContext() == null || !Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot())) {
            problems.add("the pod must set securityContext.runAsNonRoot: true");
        }
        if (container.getSecurityContext() == null || !Boolean.TRUE.equals(container.getSecurityContext().getReadOnlyRootFilesystem())
                || !Boolean.FALSE.equals(container.getSecurityContext().getAllowPrivilegeEscalation())) {
            problems.add("must set readOnlyRootFilesystem: true and allowPrivilegeEscalation: false");
        }
        for (VolumeMount mount : container.getVolumeMounts()) {
            volume(pod, mount.getName()).ifPresentOrElse(volume -> claim(volume, manifests).ifPresent(problems::add),
                    () -> problems.add("mounts volume " + mount.getName() + ", which the pod does not have"));
        }
        boolean tmp = container.getVolumeMounts().stream().anyMatch(mount -> "/tmp".equals(mount.getMountPath())
                && volume(pod, mount.getName()).map(volume -> volume.getEmptyDir() != null).orElse(false));
        if (!tmp) {
            problems.add("needs an emptyDir on /tmp (Tomcat's work directory) under a read-only root file system");
        }
    }

    private static Optional<Volume> volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(volume -> volume.getName().equals(name)).findFirst();
    }

    private static Optional<String> claim(Volume volume, Manifests manifests) {
        if (volume.getPersistentVolumeClaim() == null) {
            return Optional.empty();
        }
        String claim = volume.getPersistentVolumeClaim().getClaimName();
        return manifests.named(PersistentVolumeClaim.class, claim).isPresent() ? Optional.empty()
                : Optional.of("mounts claim " + claim + ", which is not in these manifests");
    }
}
