package io.slaflow.web.security;

import io.slaflow.org.LoginThrottle;
import io.slaflow.unit.Unit;
import io.slaflow.web.ApiResponseHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Authentication for the two HTTP APIs and our API's response headers; the webapps keep Camunda's own login and CSRF
 * protection.
 */
@Configuration
public class WebSecurityConfig {

  /**
   * In front of every door that checks a password, before the doors' own authentication: the webapps' login form,
   * HTTP Basic on both APIs and the metrics, and the engine's verify and change-password calls (also under the
   * webapps' {@code /camunda/api/engine}).
   */
  @Bean
  public FilterRegistrationBean<LoginThrottle> loginThrottle(
      @Value("${slaflow.logins.address.free-failures}") int addressFreeFailures,
      @Value("${slaflow.logins.address.first-delay}") Duration addressFirstDelay,
      @Value("${slaflow.logins.address.max-delay}") Duration addressMaxDelay,
      @Value("${slaflow.logins.address.forget-after}") Duration addressForgetAfter,
      @Value("${slaflow.logins.address.unthrottled:}") Set<String> unthrottled,
      @Value("${slaflow.logins.account.free-failures}") int accountFreeFailures,
      @Value("${slaflow.logins.account.first-delay}") Duration accountFirstDelay,
      @Value("${slaflow.logins.account.max-delay}") Duration accountMaxDelay,
      @Value("${slaflow.logins.account.forget-after}") Duration accountForgetAfter) {
    FilterRegistrationBean<LoginThrottle> registration = new FilterRegistrationBean<>(new LoginThrottle(
        new LoginThrottle.Settings(
            new LoginThrottle.Backoff(addressFreeFailures, addressFirstDelay, addressMaxDelay, addressForgetAfter),
            new LoginThrottle.Backoff(accountFreeFailures, accountFirstDelay, accountMaxDelay, accountForgetAfter),
            unthrottled)));
    registration.setName("login-throttle");
    registration.addUrlPatterns("/api/*", "/actuator/*", "/engine-rest/*", "/camunda/api/*");
    registration.setOrder(5);
    return registration;
  }

  /** After the engine REST API's authentication: a query's mistakes are the caller's, answered 400 (not 500). */
  @Bean
  public FilterRegistrationBean<EngineQueryInput> engineQueryInput() {
    FilterRegistrationBean<EngineQueryInput> registration = new FilterRegistrationBean<>(new EngineQueryInput());
    registration.setName("engine-query-input");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(20);
    return registration;
  }

  @Bean
  public FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("engine-rest-authentication");
    registration.addUrlPatterns("/engine-rest/*");
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.setOrder(10);
    return registration;
  }

  /** Before authentication, so that a refusal carries the headers too. */
  @Bean
  public FilterRegistrationBean<ApiResponseHeaders> apiResponseHeaders() {
    FilterRegistrationBean<ApiResponseHeaders> registration = new FilterRegistrationBean<>(new ApiResponseHeaders());
    registration.setName("api-response-headers");
    registration.addUrlPatterns("/api/*");
    registration.setOrder(5);
    return registration;
  }

  @Bean
  public FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication(IdentityService identityService,
      @Value("${camunda.bpm.process-engine-name:default}") String engineName, List<Unit> units) {
    FilterRegistrationBean<ApiAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ApiAuthenticationFilter(identityService, engineName, units));
    registration.setName("api-authentication");
    // The metrics tell business volumes (alerts, breaches, open clocks): administrators only. Health stays open for
    // load balancers, and shows components' status without details.
    registration.addUrlPatterns("/api/*", "/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/*");
    registration.setOrder(10);
    return registration;
  }
}
