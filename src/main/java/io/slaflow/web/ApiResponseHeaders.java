package io.slaflow.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;

/**
 * The headers every answer of our API carries, JSON, CSV and problem alike: a browser must not guess another type
 * than the one we name (a CSV or JSON body read as HTML), and no cache or proxy keeps SLA figures, owners or
 * credentials-bearing answers for the next user.
 */
public class ApiResponseHeaders extends HttpFilter {

  /** Sets the headers on an answer not yet written; Tomcat's own error report, which no filter sees, calls it too. */
  public static void addTo(HttpServletResponse response) {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    // Before the chain: whoever answers (a refused login, a problem, the container's error page for this request,
    // which writes on the same response), the headers are already on.
    addTo(response);
    chain.doFilter(request, response);
  }
}
