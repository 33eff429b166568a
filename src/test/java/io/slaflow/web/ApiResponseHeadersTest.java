package io.slaflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every answer of {@code /api}, JSON or problem, whoever writes it, tells the browser not to guess its type and
 * nobody to keep it.
 */
class ApiResponseHeadersTest extends SlaflowTest {

  private Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  private static void neitherSniffedNorKept(HttpResponse<String> response, int status, String type) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        value -> assertThat(value).startsWith(type));
    assertThat(response.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
    assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-store");
    assertThat(response.headers().firstValue("Content-Disposition")).as("only a CSV is a file").isEmpty();
  }

  @Test
  void aJsonAnswer() {
    neitherSniffedNorKept(http.get("/api/reports/breaches?from=2026-02-02&to=2026-02-03", "admin", ADMIN_PASSWORD),
        200, "application/json");
  }

  @Test
  void ourProblemForABadParameter() {
    neitherSniffedNorKept(http.get("/api/reports/breaches?limit=0", "admin", ADMIN_PASSWORD), 400,
        "application/problem+json");
  }

  @Test
  void aRequestWithoutCredentials() {
    // No wrong password: the user's next logins from this address would be held back a while, other tests' too.
    neitherSniffedNorKept(http.get("/api/reports/breaches", null, null), 401, "application/problem+json");
  }

  @Test
  void springsProblemForAnUnknownPath() {
    neitherSniffedNorKept(http.get("/api/no-such-thing", "admin", ADMIN_PASSWORD), 404, "application/problem+json");
  }

  /** A chunked body with a broken chunk fails outside Spring MVC: the container's error page answers. */
  @Test
  void theErrorPagesProblemForABrokenBody() throws Exception {
    String auth = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    String head;
    String body;
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(("POST /api/leads HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + auth
          + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
          + "ZZ\r\n{}\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
      body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
    }

    assertThat(head).startsWith("http/1.1 400 ").contains("\r\ncontent-type: application/problem+json")
        .contains("\r\nx-content-type-options: nosniff\r\n").contains("\r\ncache-control: no-store\r\n");
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(body)).as("written by the error page, not by Spring MVC, which adds the instance")
        .isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"title\": \"Bad Request\","
            + " \"status\": 400, \"detail\": \"The request was refused before it reached the API.\"}"));
  }

  @Test
  void tomcatsProblemForAPathItRefusesBeforeAnyFilter() {
    neitherSniffedNorKept(http.get("/api/leads/a%2Fb", "admin", ADMIN_PASSWORD), 400, "application/problem+json");
  }
}
