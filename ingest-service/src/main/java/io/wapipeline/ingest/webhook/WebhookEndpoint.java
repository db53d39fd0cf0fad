package io.wapipeline.ingest.webhook;

import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.wapipeline.ingest.config.IngestProperties;

/** Mounts {@link WebhookServlet} on Meta's webhook path, with and without the trailing slash. */
@Configuration(proxyBeanMethods = false)
class WebhookEndpoint {

    static final String PATH = "/api/whatsapp/webhook";

    @Bean
    ServletRegistrationBean<WebhookServlet> webhookServlet(VerifyToken verifyToken, WebhookPublisher publisher,
            WebhookMetrics metrics, IngestProperties properties) {
        ServletRegistrationBean<WebhookServlet> registration = new ServletRegistrationBean<>(
                new WebhookServlet(verifyToken, publisher, metrics, properties), PATH, PATH + "/");
        registration.setName("whatsappWebhook");
        registration.setAsyncSupported(true);
        registration.setLoadOnStartup(1);
        return registration;
    }
}
