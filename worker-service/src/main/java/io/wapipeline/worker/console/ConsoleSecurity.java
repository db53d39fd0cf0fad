package io.wapipeline.worker.console;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import io.micrometer.core.instrument.MeterRegistry;
import io.wapipeline.worker.lockout.Lockouts;

/**
 * Two filter chains. {@code /console/**}: form sign-in against {@link ConsoleProperties}' users, a session, CSRF on
 * every POST, sign-in failures limited per user name and per client address ({@link SignInLockout}), viewers read and
 * only operators act, and strict headers (no script or style from anywhere but the
 * worker, no framing, no referrer). Everything else (the read API behind its bearer filter, the actuator) is left
 * exactly as it was: no session, no CSRF, no headers added.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
class ConsoleSecurity {

    /** Only this worker's own scripts, styles and images (the media endpoint included); no inline code, no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "media-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    static final String SIGN_IN = "/console/login";

    @Bean
    @Order(1)
    SecurityFilterChain console(HttpSecurity http, Lockouts lockouts, MeterRegistry meters) throws Exception {
        return http.securityMatcher("/console/**")
                .addFilterBefore(new SignInLockout(lockouts, meters), UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/console/login", "/console/assets/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/console/actions/**").hasRole(ConsoleProperties.Role.OPERATOR.name())
                        .anyRequest().hasAnyRole(ConsoleProperties.Role.VIEWER.name(), ConsoleProperties.Role.OPERATOR.name()))
                .formLogin(form -> form.loginPage("/console/login").loginProcessingUrl("/console/login")
                        .defaultSuccessUrl("/console/messages", true).failureUrl("/console/login?error"))
                .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?signed-out"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /**
     * Spring Security's firewall, letting through the encoded slash of Meta's wamids ({@code %2F}, which the read API
     * and the console address messages by). Tomcat passes {@code %2F} through undecoded (ApiConfiguration), so the
     * decoded path holds a {@code %} as well; everything else the firewall refuses stays refused.
     */
    @Bean
    WebSecurityCustomizer firewallLettingEncodedSlashesThrough() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowUrlEncodedSlash(true);
        firewall.setAllowUrlEncodedPercent(true);
        return web -> web.httpFirewall(firewall);
    }

    @Bean
    UserDetailsService consoleUsers(ConsoleProperties properties) {
        List<UserDetails> users = properties.parsed().stream()
                .map(user -> User.withUsername(user.name()).password(user.passwordHash())
                        .roles(user.role().name().toUpperCase(Locale.ROOT)).build())
                .toList();
        return new InMemoryUserDetailsManager(users);
    }

    /** Verifies any hash in Spring Security's storage format ({@code {bcrypt}}, {@code {argon2}}, ...). */
    @Bean
    PasswordEncoder consolePasswords() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
