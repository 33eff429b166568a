package io.slaflow.org;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a rep may not do: use expressions in task queries (CVE-2026-109432) or create filters. */
class AccessTest extends SlaflowTest {

  @Test
  void expressionsInAdHocTaskQueriesAreRefused() {
    String expression = URLEncoder.encode("${currentUser()}", StandardCharsets.UTF_8);

    HttpResponse<String> response =
        new Http(port).get("/engine-rest/task?assigneeExpression=" + expression, "clara.vogel", DEMO_PASSWORD);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).containsIgnoringCase("expression");
  }

  @Test
  void aRepCannotCreateFilters() {
    HttpResponse<String> response = new Http(port).postJson("/engine-rest/filter/create",
        "{\"resourceType\": \"Task\", \"name\": \"Mine\", \"query\": {}}", "clara.vogel", DEMO_PASSWORD);

    assertThat(response.statusCode()).isEqualTo(403);
  }
}
