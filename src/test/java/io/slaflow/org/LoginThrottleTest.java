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
 * Failed logins slow an attacker down, per account at a client address and per client address, at every login door;
 * they never delay the account from any other address, nor lock it until an administrator unlocks it. Each test logs
 * in as users and from addresses of its own (127.0.1.2 and up; the attacker and owner test 127.0.0.5 and .6), so that
 * the demo users and the other tests' address (127.0.0.1, not throttled as an address in tests) are not delayed.
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
    assertThat(detail(delayed))
        .isEqualTo("Too many failed logins for this account from your address; try again in 3 seconds.");

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
    assertThat(detail(delayed))
        .isEqualTo("Too many failed logins for this account from your address; try again in 3 seconds.");
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
    assertThat(detail(delayed))
        .isEqualTo("Too many failed logins for this account from your address; try again in 3 seconds.");
    later(Duration.ofSeconds(3));
    Http.Answer loggedIn = new WebappSession(port, address).logIn(user, PASSWORD);
    assertThat(loggedIn.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(loggedIn.body()).get("userId").asText()).isEqualTo(user);
  }

  @Test
  void failuresFromOneAddressNeverKeepTheOwnerOutFromAnotherAndNeverLockTheAccount() throws Exception {
    String user = newUser();
    String attacker = "127.0.0.5";
    String owner = "127.0.0.6";
    List<String> delays = new ArrayList<>();

    // Camunda's default locks the account at the 10th failure until an administrator unlocks it, and delays the
    // account's logins from everywhere after each failure. Each door counts towards the same delay.
    for (int failure = 1; failure <= 12; failure++) {
      Http.Answer wrong = switch (failure % 3) {
        case 0 -> api(attacker, user, "guess-" + failure);
        case 1 -> engineRest(attacker, user, "guess-" + failure);
        default -> new WebappSession(port, attacker).logIn(user, "guess-" + failure);
      };
      assertThat(wrong.statusCode()).as("failure %d", failure).isEqualTo(401);
      Http.Answer delayed = api(attacker, user, PASSWORD);
      assertThat(delayed.statusCode()).as("failure %d", failure).isEqualTo(401);
      delays.add(delayed.header("Retry-After"));
      if (failure < 12) {
        later(Duration.ofSeconds(Long.parseLong(delayed.header("Retry-After"))));
      }
    }
    assertThat(delays).as("the address's own refusals (1 s, 2 s after the 11th and 12th) are shorter")
        .containsExactly("3", "6", "12", "24", "48", "60", "60", "60", "60", "60", "60", "60");

    assertThat(api(owner, user, PASSWORD).statusCode()).isEqualTo(200);
    assertThat(engineRest(owner, user, PASSWORD).statusCode()).isEqualTo(200);
    assertThat(new WebappSession(port, owner).logIn(user, PASSWORD).statusCode()).isEqualTo(200);

    Http.Answer stillDelayed = api(attacker, user, PASSWORD);
    assertThat(stillDelayed.header("Retry-After")).as("the owner's logins do not help the attacker").isEqualTo("60");
    assertThat(detail(stillDelayed))
        .isEqualTo("Too many failed logins for this account from your address; try again in 60 seconds.");
    later(Duration.ofSeconds(60));
    assertThat(api(attacker, user, PASSWORD).statusCode()).as("never locked for good").isEqualTo(200);
  }

  @Test
  void aSuccessfulLoginOrAQuietHourStartsTheDelaysAgain() {
    String user = newUser();
    api(address, user, "wrong");
    later(Duration.ofSeconds(3));
    api(address, user, "wrong-again");
    assertThat(api(address, user, PASSWORD).header("Retry-After")).isEqualTo("6");

    later(Duration.ofSeconds(6));
    assertThat(api(address, user, PASSWORD).statusCode()).isEqualTo(200);
    api(address, user, "wrong");
    assertThat(api(address, user, PASSWORD).header("Retry-After")).as("after a success").isEqualTo("3");

    later(Duration.ofSeconds(3));
    api(address, user, "wrong");
    later(Duration.ofHours(1).plusSeconds(1));
    api(address, user, "wrong");
    assertThat(api(address, user, PASSWORD).header("Retry-After")).as("after a quiet hour").isEqualTo("3");
  }

  @Test
  void aPasswordCheckThroughTheEngineIsDelayedLikeALogin() throws Exception {
    String caller = newUser();
    String user = newUser();

    assertThat(verify(address, caller, user, "guess").body()).contains("\"authenticated\":false");
    assertThat(api(address, user, PASSWORD).header("Retry-After")).isEqualTo("3");
    assertThat(verify(address, caller, user, PASSWORD).body()).as("not checked during the delay")
        .contains("\"authenticated\":false");
    assertThat(verify(otherAddress(), caller, user, PASSWORD).body()).contains("\"authenticated\":true");

    later(Duration.ofSeconds(3));
    assertThat(verify(address, caller, user, PASSWORD).body()).contains("\"authenticated\":true");
    assertThat(api(address, user, "wrong").statusCode()).isEqualTo(401);
    assertThat(api(address, user, PASSWORD).header("Retry-After")).as("the verified password reset the delays")
        .isEqualTo("3");
  }

  private Http.Answer verify(String from, String caller, String user, String password) {
    Http.Answer answer = http.sendFrom(from, "POST", "/engine-rest/identity/verify", caller, PASSWORD,
        Map.of("Content-Type", "application/json"),
        "{\"username\": \"" + user + "\", \"password\": \"" + password + "\"}");
    assertThat(answer.statusCode()).isEqualTo(200);
    return answer;
  }

  @Test
  void failuresForgottenAfterTheQuietHourLeaveTheMemoryOnceTooManyAreKept() {
    LoginThrottle.Throttle<LoginThrottle.AccountAt> accounts = new LoginThrottle.Throttle<>(
        new LoginThrottle.Backoff(0, Duration.ofSeconds(3), Duration.ofSeconds(60), Duration.ofHours(1)));
    for (int i = 0; i < LoginThrottle.PRUNE_ABOVE; i++) {
      accounts.failed(LoginThrottle.AccountAt.of("nobody-" + i, address));
    }
    later(Duration.ofMinutes(30));
    accounts.failed(LoginThrottle.AccountAt.of("somebody", address));
    assertThat(accounts.size()).as("none quiet for an hour yet").isEqualTo(LoginThrottle.PRUNE_ABOVE + 1);

    later(Duration.ofMinutes(30).plusSeconds(1));
    accounts.failed(LoginThrottle.AccountAt.of("somebody-else", address));
    assertThat(accounts.size()).isEqualTo(2);
    assertThat(accounts.refusedFor(LoginThrottle.AccountAt.of("Somebody-Else", address))).as("any spelling")
        .hasValue(Duration.ofSeconds(3));
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
    // Each for another account: a second check of one account would wait for its delay, unchecked and uncounted.
    for (int failure = 1; failure <= 11; failure++) {
      assertThat(verify(address, user, "nobody-" + failure, "guess").body()).contains("\"authenticated\":false");
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
