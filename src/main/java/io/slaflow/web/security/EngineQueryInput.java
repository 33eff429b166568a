package io.slaflow.web.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The engine's REST API, at {@code /engine-rest} and in the webapps under {@code /camunda/api/engine}, answers two
 * mistakes in a query with 500, as if the server had failed: a variable condition whose value is a JSON object or
 * array ("Object values cannot be used to query"), and a sort by a variable that names no variable (the engine's
 * NullValueException). Both are the caller's; this filter answers them with 400 in the API's own error shape before
 * the query is built, at both doors, for every query endpoint. Any other body goes on unchanged.
 */
public class EngineQueryInput extends OncePerRequestFilter {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Query bodies are small; a larger JSON body (if any) is left to the engine. */
  private static final int MAX_CHECKED_BYTES = 1 << 20;

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String type = request.getContentType();
    return !"POST".equals(request.getMethod()) || type == null || !type.toLowerCase().startsWith("application/json");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readNBytes(MAX_CHECKED_BYTES + 1);
    if (body.length <= MAX_CHECKED_BYTES) {
      String mistake = mistakeIn(body);
      if (mistake != null) {
        response.setStatus(400);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(),
            Map.of("type", "InvalidRequestException", "message", mistake, "code", 0));
        return;
      }
    }
    chain.doFilter(new Replayed(request, body), response);
  }

  private static String mistakeIn(byte[] body) {
    try {
      return mistakeIn(JSON.readTree(body));
    } catch (IOException notJson) {
      return null; // the API says itself what it cannot parse
    }
  }

  /** Walks the whole body: queries nest (orQueries, a filter's query). */
  private static String mistakeIn(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isObject()) {
      JsonNode sortBy = node.get("sortBy");
      if (sortBy != null && sortBy.isTextual() && sortBy.asText().endsWith("Variable")
          && !node.path("parameters").path("variable").isTextual()) {
        return "Sorting by " + sortBy.asText() + " needs the variable's name in parameters.variable";
      }
      JsonNode value = node.get("value");
      if (node.has("name") && node.has("operator") && value != null && value.isContainerNode()) {
        return "The condition on variable '" + node.path("name").asText() + "' compares with a JSON "
            + (value.isArray() ? "array" : "object") + ": a query compares with a string, number, boolean or null";
      }
    }
    for (JsonNode child : node) {
      String mistake = mistakeIn(child);
      if (mistake != null) {
        return mistake;
      }
    }
    return null;
  }

  /** The request with the body this filter read, for the API to read again. */
  private static final class Replayed extends HttpServletRequestWrapper {
    private final byte[] body;
    private final ByteArrayInputStream prefix;
    private final ServletInputStream rest;

    Replayed(HttpServletRequest request, byte[] body) throws IOException {
      super(request);
      this.body = body;
      this.prefix = new ByteArrayInputStream(body);
      this.rest = request.getInputStream();
    }

    @Override
    public ServletInputStream getInputStream() {
      return new ServletInputStream() {
        @Override
        public int read() throws IOException {
          int next = prefix.read();
          return next >= 0 || body.length <= MAX_CHECKED_BYTES ? next : rest.read();
        }

        @Override
        public boolean isFinished() {
          return prefix.available() == 0 && (body.length <= MAX_CHECKED_BYTES || rest.isFinished());
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("blocking reads only");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }
}
