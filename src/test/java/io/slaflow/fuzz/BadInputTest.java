package io.slaflow.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One rule each for the bad input the API fuzz run ({@link ApiFuzzTest}) found answered wrongly: a 500, a 4xx that
 * was not a problem document, or input taken that should have been refused.
 */
class BadInputTest extends SlaflowTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LEAD = """
      {"name": "Jane Doe", "email": "jane@acme.example", "country": "DE", "source": "web-form"}""";

  @Autowired JdbcTemplate jdbc;
  private Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  private HttpResponse<String> send(String method, String path, BodyPublisher body, String... headers) {
    return http.send(method, path, body, "admin", ADMIN_PASSWORD, headers);
  }

  private HttpResponse<String> post(String path, byte[] body) {
    return send("POST", path, BodyPublishers.ofByteArray(body), "Content-Type", "application/json");
  }

  private HttpResponse<String> post(String path, String json) {
    return post(path, json.getBytes(StandardCharsets.UTF_8));
  }

  /** The problem document of an answer, which must have the status and be application/problem+json. */
  private static JsonNode problem(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("title").asText()).isNotBlank();
    return problem;
  }

  private static void namesField(JsonNode problem, String field, String message) {
    assertThat(problem.get("detail").asText()).isEqualTo("Invalid fields: " + field);
    assertThat(problem.at("/errors/0/field").asText()).isEqualTo(field);
    assertThat(problem.at("/errors/0/message").asText()).isEqualTo(message);
  }

  @Test
  void aKeyGivenTwiceIsRefusedAndNamed() throws Exception {
    // Jackson used to build a one-field record at its first key and fail on the second with a 500.
    namesField(problem(post("/api/contracts/no-such-contract/risk", "{\"reason\": \"a\", \"reason\": \"b\"}"), 400),
        "reason", "is given twice");
    namesField(problem(post("/api/leads", LEAD.replace("}", ", \"country\": \"US\"}")), 400), "country",
        "is given twice");
  }

  @Test
  void aBodyIsOneJsonValueWithNothingAfterIt() throws Exception {
    long leads = jdbc.queryForObject("SELECT COUNT(*) FROM lead", Long.class);

    JsonNode problem = problem(post("/api/leads", LEAD + " garbage"), 400);

    assertThat(problem.get("title").asText()).isEqualTo("Malformed request body");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lead", Long.class)).as("nothing created").isEqualTo(leads);
  }

  @Test
  void bytesThatAreNotUtf8AreRefused() throws Exception {
    byte[] overlongSlash = LEAD.replace("Jane Doe", "Jane\u0000Doe").getBytes(StandardCharsets.UTF_8);
    int nul = new String(overlongSlash, StandardCharsets.UTF_8).indexOf('\u0000');
    overlongSlash[nul] = (byte) 0xC0;
    byte[] body = new byte[overlongSlash.length + 1];
    System.arraycopy(overlongSlash, 0, body, 0, nul + 1);
    body[nul + 1] = (byte) 0xAF;
    System.arraycopy(overlongSlash, nul + 1, body, nul + 2, overlongSlash.length - nul - 1);

    assertThat(problem(post("/api/leads", body), 400).get("detail").asText())
        .isEqualTo("The request body is not valid UTF-8.");
  }

  @Test
  void textWithNulOrAnUnpairedSurrogateIsRefusedAsPostgresqlCannotStoreIt() throws Exception {
    namesField(problem(post("/api/leads", LEAD.replace("Jane Doe", "Jane\\u0000Doe")), 400), "name",
        "must not contain a NUL or an unpaired surrogate character");
    namesField(problem(post("/api/leads", LEAD.replace("Jane Doe", "Jane\\ud800")), 400), "name",
        "must not contain a NUL or an unpaired surrogate character");
    assertThat(post("/api/leads", LEAD.replace("Jane Doe", "Jane \\ud83d\\ude00")).statusCode())
        .as("a surrogate pair is an emoji").isEqualTo(201);
    problem(http.get("/api/reports/adherence?team=a%00b", "admin", ADMIN_PASSWORD), 400);
  }

  @Test
  void aBodyOverOneMebibyteIsRefusedWithOrWithoutItsLength() throws Exception {
    byte[] huge = LEAD.replace("Jane Doe", "J".repeat(2 << 20)).getBytes(StandardCharsets.UTF_8);

    problem(post("/api/leads", huge), 413);
    problem(send("POST", "/api/leads", BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)),
        "Content-Type", "application/json"), 413);
  }

  private HttpResponse<String> put(String path, String json) {
    return send("PUT", path, BodyPublishers.ofString(json), "Content-Type", "application/json");
  }

  @Test
  void valuesJacksonCannotTakeNameTheirField() throws Exception {
    // These were "Malformed request body" without a field, or "Invalid fields: null" for a list's element.
    namesField(problem(put("/api/org/people/probe.capacity", "{\"capacity\": 2147483648}"), 400), "capacity",
        "is out of range");
    namesField(problem(put("/api/org/teams/team-probe", "{\"workingDays\": [[\"MONDAY\"]]}"), 400),
        "workingDays[0]", "cannot be read");
    namesField(problem(http.get("/api/reports/adherence?from=31.12.2026", "admin", ADMIN_PASSWORD), 400), "from",
        "must be a date such as 2026-11-01");
  }

  @Test
  void aBodyNestedDeeperThanSixteenLevelsOrWithAHundredDigitNumberIsRefused() throws Exception {
    String beyond = "The request body is nested deeper than 16 levels or has a number longer than 100 digits.";
    assertThat(problem(post("/api/leads", LEAD.replace("}", ", \"extra\": " + "[".repeat(10_000)
        + "]".repeat(10_000) + "}")), 400).get("detail").asText()).isEqualTo(beyond);
    assertThat(problem(put("/api/org/people/probe.capacity", "{\"capacity\": 1" + "0".repeat(150) + "}"), 400)
        .get("detail").asText()).isEqualTo(beyond);
  }

  @Test
  void aDateBeyondTheYears2000To2999IsRefused() throws Exception {
    // The renewal's stage openings overflowed a timer's due date: a 500 after the contract was looked up.
    namesField(problem(send("PUT", "/api/contracts/no-such-contract/renewal-date",
        BodyPublishers.ofString("{\"renewsOn\": \"+999999999-12-31\"}"), "Content-Type", "application/json"), 400),
        "renewsOn", "must be a date from 2000-01-01 to 2999-12-31");
  }

  @Test
  void whatTomcatAndSpringRefuseBeforeOurControllersIsAProblemToo() throws Exception {
    problem(http.get("/api/leads/a%2Fb", "admin", ADMIN_PASSWORD), 400);
    problem(http.get("/api/reports/adherence?team=" + "x".repeat(9000), "admin", ADMIN_PASSWORD), 400);
    problem(send("TRACE", "/api/leads", BodyPublishers.noBody()), 405);
    problem(send("POST", "/api/leads", BodyPublishers.ofString(LEAD), "Content-Type", "application/json",
        "Accept", "garbage"), 406);
    problem(send("POST", "/api/leads", BodyPublishers.ofString(LEAD), "Content-Type", "text/plain"), 415);
  }
}
