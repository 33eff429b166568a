package io.slaflow.org;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.testsupport.Http;
import io.slaflow.testsupport.SlaflowTest;
import io.slaflow.testsupport.WebappSession;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Failed logins slow an attacker down, per account and per client address, at every login door, and never lock an
 * account until an administrator unlocks it. Each test logs in as users and from addresses of its own (127.0.0.2 and
 * up), so that the demo users and the other tests' address (127.0.0.1, not throttled in tests) are not delayed.
 */
class LoginThrottleTest extends SlaflowTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "right-password";
  private static final String API = "/api/reports/breaches";
  private static final String ENGINE_REST = "/engine-rest/task";

  @Autowired IdentityService identityService;
  private Http http;
  private String address;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    clockAt(LocalDateTime.of(2026, 11, 30, 10, 0), BERLIN);
    address = otherAddress();
  }

  /** An address of this machine no other test of this JVM calls from (most likely; 62,000 to pick from). */
  private static String otherAddress() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "127.0." + random.nextInt(1, 250) + "." + random.nextInt(2, 250);
  }

  private String newUser() {
    String id = "login-" + UUID.randomUUID().toString().substring(0, 8);
    User user = identityService.newUser(id);
    user.setPassword(PASSWORD);
    identityService.saveUser(user);
    identityService.createMembership(id, IdentitySync.REPS); // reps may read their reports
    return id;
  }

  private Http.Answer api(String from, String user, String password) {
    return http.sendFrom(from, "GET", API, user, password, Map.of(), null);
  }

  private Http.Answer engineRest(String from, String user, String password) {
    return http.sendFrom(from, "GET", ENGINE_REST, user, password, Map.of(), null);
  }

  private static String detail(Http.Answer answer) throws Exception {
    return JSON.readTree(answer.body()).get("detail").asText();
  }

  private static void later(Duration duration) {
    clockAt(now().plus(duration));
  }

  @Test
  void aWrongPasswordOnTheApiDelaysTheAccountAndTheApiSaysForHowLong() throws Exception {
    String user = newUser();

    Http.Answer wrong = api(address, user, "wrong");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(detail(wrong)).isEqualTo("The user name or password is wrong.");

    Http.Answer delayed = api(address, user, PASSWORD);
    assertThat(delayed.statusCode()).isEqualTo(401);
    assertThat(delayed.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(delayed.header("Retry-After")).isEqualTo("3");
    assertThat(delayed.header("WWW-Authenticate")).startsWith("Basic");
    assertThat(detail(delayed)).isEqualTo("Too many failed logins for this account; try again in 3 seconds.");

    later(Duration.ofSeconds(2));
    assertThat(api(address, user, PASSWORD).header("Retry-After")).isEqualTo("1");
    later(Duration.ofSeconds(1));
    assertThat(api(address, user, PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  void theEngineRestApiSaysTheAccountIsDelayed() throws Exception {
    String user = newUser();

    assertThat(engineRest(address, user, "wrong").statusCode()).isEqualTo(401);
    Http.Answer delayed = engineRest(address, user, PASSWORD);

    assertThat(delayed.statusCode()).isEqualTo(401);
    assertThat(delayed.header("Retry-After")).isEqualTo("3");
    assertThat(detail(delayed)).isEqualTo("Too many failed logins for this account; try again in 3 seconds.");
    later(Duration.ofSeconds(3));
    assertThat(engineRest(address, user, PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  void theWebappsLoginSaysTheAccountIsDelayed() throws Exception {
    String user = newUser();

    assertThat(new WebappSession(port, address).logIn(user, "wrong").statusCode()).isEqualTo(401);
    Http.Answer delayed = new WebappSession(port, address).logIn(user, PASSWORD);

    assertThat(delayed.statusCode()).isEqualTo(401);
    assertThat(delayed.header("Retry-After")).isEqualTo("3");
    assertThat(delayed.header("WWW-Authenticate")).as("no browser dialog over the login page").isNull();
    assertThat(detail(delayed)).isEqualTo("Too many failed logins for this account; try again in 3 seconds.");
    later(Duration.ofSeconds(3));
    Http.Answer loggedIn = new WebappSession(port, address).logIn(user, PASSWORD);
    assertThat(loggedIn.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(loggedIn.body()).get("userId").asText()).isEqualTo(user);
  }

  @Test
  void failedLoginsNeverLockAnAccountForGood() {
    String user = newUser();
    List<String> delays = new ArrayList<>();

    // Camunda's default locks the account at the 10th failure until an administrator unlocks it.
    for (int failure = 1; failure <= 12; failure++) {
      assertThat(api(otherAddress(), user, "guess-" + failure).statusCode()).isEqualTo(401);
      String retryAfter = api(otherAddress(), user, PASSWORD).header("Retry-After");
      delays.add(retryAfter);
      later(Duration.ofSeconds(Long.parseLong(retryAfter)));
    }

    assertThat(delays).containsExactly("3", "6", "12", "24", "48", "60", "60", "60", "60", "60", "60", "60");
    assertThat(api(otherAddress(), user, PASSWORD).statusCode()).isEqualTo(200);
    assertThat(api(otherAddress(), user, "wrong-again").statusCode()).isEqualTo(401);
    assertThat(api(otherAddress(), user, PASSWORD).header("Retry-After"))
        .as("a success starts the account's delays again").isEqualTo("3");
  }

  @Test
  void anAddressThatKeepsFailingIsRefusedForLongerAndLongerAtEveryDoor() throws Exception {
    String user = newUser();
    // Ten free failures, each for another (unknown) account: no account delay stops the spraying.
    for (int failure = 1; failure <= 10; failure++) {
      assertThat(api(address, "nobody-" + UUID.randomUUID(), "guess").statusCode()).isEqualTo(401);
    }
    assertThat(api(address, user, PASSWORD).statusCode()).as("still free").isEqualTo(200);

    assertThat(engineRest(address, "nobody-" + UUID.randomUUID(), "guess").statusCode()).isEqualTo(401);

    Http.Answer refused = api(address, user, PASSWORD);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(refused.header("Retry-After")).isEqualTo("1");
    assertThat(detail(refused)).isEqualTo("Too many failed logins from your address; try again in 1 second.");
    assertThat(engineRest(address, user, PASSWORD).statusCode()).isEqualTo(429);
    assertThat(new WebappSession(port, address).logIn(user, PASSWORD).statusCode()).isEqualTo(429);
    assertThat(api(otherAddress(), user, PASSWORD).statusCode()).as("another address").isEqualTo(200);

    later(Duration.ofSeconds(1));
    assertThat(api(address, user, PASSWORD).statusCode()).isEqualTo(200);
    assertThat(new WebappSession(port, address).logIn("nobody-" + UUID.randomUUID(), "guess").statusCode())
        .isEqualTo(401);
    Http.Answer longer = api(address, user, PASSWORD);
    assertThat(longer.statusCode()).as("a success did not reset the count").isEqualTo(429);
    assertThat(longer.header("Retry-After")).isEqualTo("2");

    later(Duration.ofHours(1).plusSeconds(3));
    assertThat(api(address, "nobody-" + UUID.randomUUID(), "guess").statusCode()).isEqualTo(401);
    assertThat(api(address, user, PASSWORD).statusCode()).as("forgotten after a quiet hour").isEqualTo(200);
  }

  @Test
  void aPasswordCheckThroughTheEngineCountsAgainstTheAddressToo() {
    String user = newUser();
    String body = "{\"username\": \"nobody\", \"password\": \"guess\"}";
    for (int failure = 1; failure <= 11; failure++) {
      Http.Answer verify = http.sendFrom(address, "POST", "/engine-rest/identity/verify", user, PASSWORD,
          Map.of("Content-Type", "application/json"), body);
      assertThat(verify.statusCode()).isEqualTo(200);
      assertThat(verify.body()).contains("\"authenticated\":false");
    }

    assertThat(api(address, user, PASSWORD).statusCode()).isEqualTo(429);
  }

  @Test
  void theApiStillAsksForCredentialsWhenNoneWereSent() throws Exception {
    Http.Answer anonymous = api(address, null, null);

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.header("Retry-After")).isNull();
    assertThat(detail(anonymous))
        .isEqualTo("Send HTTP Basic credentials of a Slaflow user (the Authorization header).");
  }
}
