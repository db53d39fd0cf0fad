package io.wapipeline.worker.api;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import io.wapipeline.worker.lockout.Lockouts;

/**
 * Puts the bearer token check in front of {@code /api/*} only ({@code /actuator} stays open to probes and scrapers),
 * and lets message ids that contain {@code /} be addressed.
 */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    @Bean
    FilterRegistrationBean<BearerTokenFilter> bearerTokenFilter(ApiProperties properties, Lockouts lockouts,
            MeterRegistry registry) {
        FilterRegistrationBean<BearerTokenFilter> registration = new FilterRegistrationBean<>(
                new BearerTokenFilter(properties.tokens(), lockouts.apiAddresses(), registry));
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    /**
     * Meta's wamids are base64 and often contain {@code /}, sent in a path as {@code %2F}. Tomcat refuses that by
     * default; passed through undecoded, Spring matches it as one path segment and decodes it into the id.
     */
    @Bean
    TomcatConnectorCustomizer encodedSlashInMessageIds() {
        return connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
    }
}
