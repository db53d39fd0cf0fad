package io.wapipeline.stackkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * Apache Kafka's own server, the one production runs, as a single KRaft node (broker and controller in one) on
 * 127.0.0.1, with its log in a folder of the caller's: records, topics and committed offsets outlive a restart. The
 * local stack keeps it under its home on a fixed port; tests give it a temporary folder and a free port. Started
 * {@linkplain #startSecured secured}, every listener asks for a SASL login and an authorizer holds each user to its ACLs.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

    private static final String CONTROLLER = "CONTROLLER";

    private final Path logDirectory;
    private final int port;
    private final Map<String, String> overrides;
    private final Optional<SaslUsers> users;
    private KafkaRaftServer server;

    private KafkaBroker(Path logDirectory, int port, Map<String, String> overrides, Optional<SaslUsers> users) {
        this.logDirectory = logDirectory;
        this.port = port;
        this.overrides = Map.copyOf(overrides);
        this.users = users;
    }

    /**
     * Starts a broker whose log is {@code logDirectory} (formatted on first use) on {@code 127.0.0.1:port}; port 0
     * takes a free one, kept across {@link #restart()}.
     *
     * @throws PortInUseException when the port is taken
     */
    public static KafkaBroker start(Path logDirectory, int port, Map<String, String> overrides) {
        return started(new KafkaBroker(logDirectory.toAbsolutePath(), port == 0 ? freePort() : port, overrides, Optional.empty()));
    }

    /**
     * The same, with a SASL/PLAIN login on every listener (the controller's too) checked against {@code users}, and
     * Kafka's {@code StandardAuthorizer}: {@link SaslUsers#admin()} is its super user, every other user may do only
     * what an ACL allows. Its passwords live in this JVM only, never in the log folder.
     */
    public static KafkaBroker startSecured(Path logDirectory, int port, Map<String, String> overrides, SaslUsers users) {
        return started(new KafkaBroker(logDirectory.toAbsolutePath(), port == 0 ? freePort() : port, overrides, Optional.of(users)));
    }

    private static KafkaBroker started(KafkaBroker broker) {
        broker.restart();
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /**
     * What a client of {@code user} needs to connect: the brokers and, on a secured broker, its login. The user is
     * ignored on a broker started without SASL.
     */
    public Map<String, Object> clientProperties(String user) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        users.ifPresent(known -> properties.putAll(known.clientProperties(user)));
        return properties;
    }

    public int port() {
        return port;
    }

    public Path logDirectory() {
        return logDirectory;
    }

    /** Starts the server again on the same port and folder, after {@link #stop()}. */
    public synchronized void restart() {
        if (server != null) {
            return;
        }
        if (!isFree(port)) {
            throw new PortInUseException(port);
        }
        KafkaConfig config = KafkaConfig.fromProps(properties(freePort()));
        formatOnce(config);
        KafkaRaftServer started = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            started.startup();
        }
        catch (RuntimeException failed) {
            started.shutdown();
            throw failed;
        }
        server = started;
        log.info("Kafka broker on {} (log in {})", bootstrapServers(), logDirectory);
    }

    /** Stops the server in order (the broker, then the controller), its log kept; nothing happens if it is stopped. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    @Override
    public void close() {
        stop();
    }

    private Properties properties(int controllerPort) {
        Properties properties = new Properties();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", "1");
        properties.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        String clients = users.isPresent() ? "SASL_PLAINTEXT" : "PLAINTEXT";
        properties.put("listeners", clients + "://127.0.0.1:" + port + "," + CONTROLLER + "://127.0.0.1:" + controllerPort);
        properties.put("advertised.listeners", clients + "://127.0.0.1:" + port);
        properties.put("listener.security.protocol.map", clients + ":" + clients + "," + CONTROLLER + ":" + clients);
        properties.put("controller.listener.names", CONTROLLER);
        properties.put("inter.broker.listener.name", clients);
        users.ifPresent(known -> properties.putAll(known.brokerProperties(clients, CONTROLLER)));
        properties.put("log.dirs", logDirectory.toString());
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("offsets.topic.num.partitions", "12");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        properties.put("group.initial.rebalance.delay.ms", "0");
        // The services declare their topics, with their partitions and size limits, as in production.
        properties.put("auto.create.topics.enable", "false");
        // No broker-wide record limit: the services declare each topic with the contract's own (5 MiB), and the local
        // stack passes the same limit for topics created by hand, as docker-compose.yml's broker has.
        properties.putAll(overrides);
        return properties;
    }

    /** Formats the log folder the first time, as {@code kafka-storage.sh format} does. */
    private void formatOnce(KafkaConfig config) {
        if (Files.isRegularFile(logDirectory.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDirectory);
            new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(config.nodeId()).setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER).setMetadataLogDirectory(logDirectory.toString())
                    .addDirectory(logDirectory.toString()).setReleaseVersion(MetadataVersion.LATEST_PRODUCTION).run();
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not create Kafka's log folder " + logDirectory, e);
        }
        catch (Exception e) {
            throw new IllegalStateException("could not format Kafka's log folder " + logDirectory, e);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        }
        catch (IOException taken) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /** The broker's port is held by another process. */
    public static final class PortInUseException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        private final int port;

        PortInUseException(int port) {
            super("port " + port + " on 127.0.0.1 is in use");
            this.port = port;
        }

        public int port() {
            return port;
        }
    }
}
