package io.wapipeline.worker.api;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/** Puts the bearer token check in front of {@code /api/*} only: {@code /actuator} stays open to probes and scrapers. */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    @Bean
    FilterRegistrationBean<BearerTokenFilter> bearerTokenFilter(ApiProperties properties, JsonMapper json,
            MeterRegistry registry) {
        FilterRegistrationBean<BearerTokenFilter> registration = new FilterRegistrationBean<>(
                new BearerTokenFilter(properties.tokens(), json, registry));
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
