package io.wapipeline.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP forwarder on 127.0.0.1 that a test can cut off (every connection dropped, new ones refused) and restore on the
 * same port: an outage of whatever sits behind it, such as the database.
 */
public final class TcpProxy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TcpProxy.class);

    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private final int port;

    private TcpProxy(int targetPort) {
        this.targetPort = targetPort;
        this.server = listen(0);
        this.port = server.getLocalPort();
        acceptInBackground(server);
    }

    /** A proxy to {@code 127.0.0.1:targetPort}, accepting connections. */
    public static TcpProxy to(int targetPort) {
        return new TcpProxy(targetPort);
    }

    public int port() {
        return port;
    }

    /** Drops every connection and refuses new ones until {@link #restore()}. */
    public synchronized void cutOff() {
        closeQuietly(server);
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
        log.info("Proxy :{} -> :{} cut off", port, targetPort);
    }

    /** Accepts connections again, on the same port. */
    public synchronized void restore() {
        server = listen(port);
        acceptInBackground(server);
        log.info("Proxy :{} -> :{} restored", port, targetPort);
    }

    @Override
    public void close() {
        cutOff();
    }

    private static ServerSocket listen(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return socket;
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not listen on 127.0.0.1:" + port, e);
        }
    }

    private void acceptInBackground(ServerSocket listening) {
        Thread acceptor = new Thread(() -> accept(listening), "tcp-proxy-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket target = new Socket("127.0.0.1", targetPort);
                open.add(client);
                open.add(target);
                pump(client, target);
                pump(target, client);
            }
            catch (IOException closedOrRefused) {
                if (!listening.isClosed()) {
                    log.debug("Proxy :{} could not forward a connection: {}", port, closedOrRefused.toString());
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            }
            catch (IOException connectionClosed) {
                log.trace("Proxy connection closed: {}", connectionClosed.toString());
            }
            finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pump-" + port);
        pump.setDaemon(true);
        pump.start();
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        }
        catch (IOException alreadyBroken) {
            log.trace("Closing a proxy socket: {}", alreadyBroken.toString());
        }
    }
}
