package io.wapipeline.stackkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The TLS contexts of {@link FakeGraphApi}, from the self-signed material under {@code fake-graph/}. */
final class FakeGraphTls {

    private static final String KEYSTORE_CLASSPATH = "fake-graph/fake-graph.p12";

    private FakeGraphTls() {
    }

    static SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(KEYSTORE_CLASSPATH), FakeGraphApi.TRUSTSTORE_PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not set up the fake Graph API's server TLS", e);
        }
    }

    static SSLContext clientContext() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(FakeGraphApi.TRUSTSTORE_CLASSPATH));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not set up a client TLS context trusting the fake Graph API", e);
        }
    }

    private static KeyStore load(String classpathLocation) throws GeneralSecurityException {
        try (InputStream in = FakeGraphTls.class.getClassLoader().getResourceAsStream(classpathLocation)) {
            if (in == null) {
                throw new IllegalStateException("no " + classpathLocation + " on the classpath");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, FakeGraphApi.TRUSTSTORE_PASSWORD.toCharArray());
            return store;
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not read " + classpathLocation, e);
        }
    }
}
