package io.slaflow.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * The errors the servlet container answers itself come as problem+json too, like every other error of our API:
 * Tomcat's own refusals before any application code runs (a malformed URI or request line, headers too large,
 * TRACE), and its error page for a request to {@code /api} that failed outside Spring MVC (a broken chunked body).
 */
@Configuration
public class ContainerErrors {

  @Bean
  FilterRegistrationBean<ApiErrorPage> apiErrorPage(@Value("${server.error.path:/error}") String errorPath) {
    FilterRegistrationBean<ApiErrorPage> registration = new FilterRegistrationBean<>(new ApiErrorPage());
    registration.setName("api-error-page");
    registration.addUrlPatterns(errorPath);
    registration.setDispatcherTypes(DispatcherType.ERROR);
    return registration;
  }

  /** Replaces the Host's HTML error report, which Spring Boot installs without details, with problem+json. */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReport() {
    return factory -> factory.addContextCustomizers(context -> {
      Pipeline host = context.getParent().getPipeline();
      for (Valve valve : host.getValves()) {
        if (valve instanceof ErrorReportValve) {
          host.removeValve(valve);
        }
      }
      host.addValve(new ProblemErrorReport());
      // The Host adds a valve of this class when it starts unless it has one: ours, not Tomcat's HTML report.
      ((StandardHost) context.getParent()).setErrorReportValveClass(ProblemErrorReport.class.getName());
    });
  }

  private static String title(int status) {
    HttpStatus known = HttpStatus.resolve(status);
    return known == null ? "Error " + status : known.getReasonPhrase();
  }

  /**
   * The error page of a request to {@code /api}: answered here, before Spring Boot's error controller writes its own
   * JSON (or nothing, when the request's Accept header cannot be read).
   */
  static class ApiErrorPage extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
      if (uri instanceof String path && path.startsWith(request.getContextPath() + "/api/")) {
        int status = response.getStatus();
        Problems.write(response, status, title(status), status >= 500 ? "The server failed to answer the request."
            : "The request was refused before it reached the API.");
        return;
      }
      chain.doFilter(request, response);
    }
  }

  /** Tomcat's report of an error nobody wrote an answer for, as problem+json. */
  static class ProblemErrorReport extends ErrorReportValve {

    ProblemErrorReport() {
      setShowReport(false);
      setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
      int status = response.getStatus();
      if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
        return;
      }
      try {
        response.setContentType(Problems.MEDIA_TYPE);
        // Whatever the path, perhaps one too malformed to tell: an error document is neither kept nor sniffed.
        ApiResponseHeaders.addTo(response);
        Writer writer = response.getReporter();
        if (writer != null) {
          writer.write(Problems.document(status, title(status), status >= 500
              ? "The server failed to answer the request." : "The server could not read the request."));
          response.finishResponse();
        }
      } catch (IOException | IllegalStateException clientGone) {
        // Nothing more to tell a client that is gone or an answer already on its way.
      }
    }
  }
}
