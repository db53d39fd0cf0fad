package io.wapipeline.service.problem;

import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Imported by each service: the problem body for every error, whoever finds it (Tomcat before any servlet runs, or an
 * error dispatch), and malformed requests answered 400 and counted.
 */
@Configuration(proxyBeanMethods = false)
@Import(ProblemErrorController.class)
public class ProblemErrors {

    @Bean
    MalformedRequests malformedRequests(MeterRegistry registry) {
        return new MalformedRequests(registry);
    }

    /**
     * Replaces the host's error report valve (Spring Boot's, which writes Tomcat's HTML page) with one that writes the
     * problem body; the host is told its class so that it does not add Tomcat's own back at start.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorValve(MalformedRequests malformed) {
        // Unordered, so it runs after Spring Boot's customizer that adds its own valve.
        return factory -> factory.addContextCustomizers(context -> install(context.getParent(), new ProblemErrorValve(malformed)));
    }

    private static void install(Container host, ProblemErrorValve valve) {
        Pipeline pipeline = host.getPipeline();
        for (Valve existing : pipeline.getValves()) {
            if (existing instanceof ErrorReportValve) {
                pipeline.removeValve(existing);
            }
        }
        pipeline.addValve(valve);
        if (host instanceof StandardHost standardHost) {
            standardHost.setErrorReportValveClass(ProblemErrorValve.class.getName());
        }
    }
}
