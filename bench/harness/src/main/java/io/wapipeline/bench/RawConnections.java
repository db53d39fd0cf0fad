package io.wapipeline.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An attacker's connections to the webhook URL, kept at a fixed number from one thread with a selector: each sends
 * headers with a signature-shaped header and a {@code Content-Length}, some of the body at once, then (if it drips) one
 * byte at a time, and never the last byte. A connection that is answered or closed is counted by its status line and
 * replaced at once, as a slowloris tool does. Loopback only.
 */
final class RawConnections implements AutoCloseable {

    /**
     * What each connection sends.
     *
     * @param contentLength announced length of the body
     * @param sentAtOnce    body bytes sent right after the headers (at most {@code contentLength - 1})
     * @param dripEvery     how often one more byte follows; {@link Duration#ZERO} for never
     */
    record Shape(int contentLength, int sentAtOnce, Duration dripEvery) {

        Shape {
            if (sentAtOnce >= contentLength) {
                throw new IllegalArgumentException("a held body keeps at least its last byte back");
            }
        }
    }

    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 * 1024).asReadOnlyBuffer();
    private static final int MAX_OPENS_PER_ROUND = 100;

    private final InetSocketAddress address;
    private final Shape shape;
    private final int connections;
    private final Selector selector;
    private final Thread thread;
    private final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong open = new AtomicLong();
    private volatile boolean running = true;

    /** One attacker's connection: its headers and body still to go, and when it next drips. */
    private static final class Connection {
        final ByteBuffer headers;
        long bodyToSend;
        long bodyDripped;
        long nextDripNanos;

        Connection(ByteBuffer headers, long bodyToSend) {
            this.headers = headers;
            this.bodyToSend = bodyToSend;
        }
    }

    private RawConnections(InetSocketAddress address, Shape shape, int connections, String name) throws IOException {
        this.address = address;
        this.shape = shape;
        this.connections = connections;
        this.selector = Selector.open();
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
    }

    /** Opens {@code connections} to 127.0.0.1:{@code port} and keeps that many until {@link #close()}. */
    static RawConnections start(int port, Shape shape, int connections, String name) throws IOException {
        RawConnections attack = new RawConnections(new InetSocketAddress("127.0.0.1", port), shape, connections, name);
        attack.thread.start();
        return attack;
    }

    /** Connections opened in all (the first ones and every replacement). */
    long opened() {
        return opened.get();
    }

    /** Connections open right now. */
    long open() {
        return open.get();
    }

    /** Connect attempts that failed (refused, reset). */
    long refused() {
        return refused.get();
    }

    /** Answers by status code ({@code 408}, {@code 503}), and {@code closed} for connections closed without one. */
    Map<String, Long> answers() {
        Map<String, Long> copy = new TreeMap<>();
        answers.forEach((status, count) -> copy.put(status, count.get()));
        return copy;
    }

    long answered(String status) {
        AtomicLong count = answers.get(status);
        return count == null ? 0 : count.get();
    }

    private void loop() {
        ByteBuffer readBuffer = ByteBuffer.allocate(256);
        try {
            while (running) {
                topUp();
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(key, readBuffer);
                }
                selector.selectedKeys().clear();
                drip();
            }
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException("the attacker's selector failed", e);
        }
        finally {
            for (SelectionKey key : selector.keys()) {
                closeQuietly(key);
            }
            closeQuietly(selector);
        }
    }

    private void topUp() {
        for (int n = 0; n < MAX_OPENS_PER_ROUND && open.get() < connections && running; n++) {
            try {
                SocketChannel channel = SocketChannel.open();
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                channel.connect(address);
                channel.configureBlocking(false);
                String headers = "POST /api/whatsapp/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "X-Hub-Signature-256: sha256=x\r\nContent-Length: " + shape.contentLength() + "\r\n\r\n";
                Connection connection = new Connection(ByteBuffer.wrap(headers.getBytes(StandardCharsets.US_ASCII)), shape.sentAtOnce());
                connection.nextDripNanos = System.nanoTime() + shape.dripEvery().toNanos();
                channel.register(selector, SelectionKey.OP_READ | SelectionKey.OP_WRITE, connection);
                opened.incrementAndGet();
                open.incrementAndGet();
            }
            catch (IOException refusedConnection) {
                refused.incrementAndGet();
                return;
            }
        }
    }

    private void handle(SelectionKey key, ByteBuffer readBuffer) {
        if (!key.isValid()) {
            return;
        }
        SocketChannel channel = (SocketChannel) key.channel();
        Connection connection = (Connection) key.attachment();
        try {
            if (key.isReadable()) {
                readBuffer.clear();
                int read = channel.read(readBuffer);
                if (read != 0) {
                    String text = new String(readBuffer.array(), 0, Math.max(read, 0), StandardCharsets.US_ASCII);
                    count(read < 0 || !text.startsWith("HTTP/1.1 ") || text.length() < 12 ? "closed" : text.substring(9, 12));
                    finish(key);
                    return;
                }
            }
            if (key.isWritable()) {
                write(key, channel, connection);
            }
        }
        catch (IOException reset) {
            count("closed");
            finish(key);
        }
    }

    /** The headers, then the body bytes to send at once; then no more interest in writing. */
    private static void write(SelectionKey key, SocketChannel channel, Connection connection) throws IOException {
        if (connection.headers.hasRemaining()) {
            channel.write(connection.headers);
        }
        while (!connection.headers.hasRemaining() && connection.bodyToSend > 0) {
            ByteBuffer chunk = ZEROS.duplicate();
            chunk.limit((int) Math.min(chunk.capacity(), connection.bodyToSend));
            int written = channel.write(chunk);
            connection.bodyToSend -= written;
            if (written == 0) {
                return;
            }
        }
        if (!connection.headers.hasRemaining() && connection.bodyToSend == 0) {
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    /** One more byte from each connection whose time has come, never the last one. */
    private void drip() {
        if (shape.dripEvery().isZero()) {
            return;
        }
        long now = System.nanoTime();
        for (SelectionKey key : new ArrayList<>(selector.keys())) {
            Connection connection = (Connection) key.attachment();
            if (!key.isValid() || connection == null || connection.headers.hasRemaining() || connection.bodyToSend > 0
                    || now < connection.nextDripNanos
                    || shape.sentAtOnce() + connection.bodyDripped >= shape.contentLength() - 1) {
                continue;
            }
            try {
                if (((SocketChannel) key.channel()).write(ByteBuffer.wrap(new byte[] { ' ' })) == 1) {
                    connection.bodyDripped++;
                }
                connection.nextDripNanos = now + shape.dripEvery().toNanos();
            }
            catch (IOException reset) {
                count("closed");
                finish(key);
            }
        }
    }

    private void count(String status) {
        answers.computeIfAbsent(status, any -> new AtomicLong()).incrementAndGet();
    }

    private void finish(SelectionKey key) {
        closeQuietly(key);
        open.decrementAndGet();
    }

    private static void closeQuietly(SelectionKey key) {
        key.cancel();
        closeQuietly(key.channel());
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        }
        catch (IOException ignored) {
            // closing an attacker's socket: nothing to do about a failure
        }
    }

    /** Stops the thread, which closes every connection. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
