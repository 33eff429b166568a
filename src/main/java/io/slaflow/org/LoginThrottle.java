package io.slaflow.org;

import io.slaflow.calendar.EngineTime;
import io.slaflow.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows down password guessing at every login door (HTTP Basic on {@code /api} and {@code /engine-rest}, the
 * webapps' login form, and the engine's verify and change-password calls) without locking anybody out for good.
 * Per account at a client address, each failure delays that address's next password check of that account; the
 * same account from any other address is not delayed, so nobody can keep someone else out by failing on purpose.
 * Per client address, it refuses login attempts for a while once an address has failed {@code freeFailures} times:
 * one address spraying many accounts is slowed as much as one guessing one. Counted on this node, in memory.
 */
public class LoginThrottle extends OncePerRequestFilter {

  private static final ThreadLocal<Login> CURRENT = new ThreadLocal<>();
  /** Beyond this many keys, the forgotten ones are dropped: a flood of addresses cannot fill the memory. */
  static final int PRUNE_ABOVE = 10_000;

  /** Recent failed logins under one key, and until when its login attempts are refused. */
  record Failures(int count, Instant last, Instant refusedUntil) {}

  /**
   * How failures under one key are answered: {@code freeFailures} cost nothing, each further one refuses the key for
   * twice as long as the one before, from {@code firstDelay} up to {@code maxDelay}; a quiet {@code forgetAfter}
   * forgets them all.
   */
  public record Backoff(int freeFailures, Duration firstDelay, Duration maxDelay, Duration forgetAfter) {}

  /** How both throttles behave; see slaflow.logins in application.yaml. */
  public record Settings(Backoff address, Backoff account, Set<String> unthrottledAddresses) {}

  /**
   * An account as guessed from one client address. Lowercase, as our user ids are: an identity provider that ignores
   * case (LDAP) must not give each spelling of one account a delay of its own.
   */
  record AccountAt(String account, String address) {
    static AccountAt of(String account, String address) {
      return new AccountAt(account.toLowerCase(Locale.ROOT), address);
    }
  }

  /** The password checks of one request at a login door, as the engine reports them on the request's thread. */
  private record Login(LoginThrottle throttle, String address, Set<String> failed, Set<String> succeeded) {
    boolean anyFailed() {
      return !failed.isEmpty();
    }
  }

  private final Settings settings;
  private final Throttle<String> addresses;
  private final Throttle<AccountAt> accounts;

  public LoginThrottle(Settings settings) {
    this.settings = settings;
    this.addresses = new Throttle<>(settings.address());
    this.accounts = new Throttle<>(settings.account());
  }

  /**
   * Whether the engine must not check the account's password now (IdentityGuardPlugin asks before each check): the
   * account is delayed for the address of the request on this thread. Covers the doors where the account is in the
   * body (verify, change password), which this filter does not read.
   */
  static boolean delays(String account) {
    Login login = CURRENT.get();
    return login != null && account != null
        && login.throttle().accounts.refusedFor(AccountAt.of(account, login.address())).isPresent();
  }

  /** Called by the engine (IdentityGuardPlugin) after it checked a password on this thread. */
  static void passwordChecked(String account, boolean right) {
    Login login = CURRENT.get();
    if (login != null) {
      (right ? login.succeeded() : login.failed()).add(account == null ? "" : account);
    }
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String address = request.getRemoteAddr();
    boolean throttled = !settings.unthrottledAddresses().contains(address);
    String basicUser = basicUser(request);
    boolean basic = basicUser != null;
    String account = basic ? basicUser : isWebappLogin(request) ? request.getParameter("username") : null;
    Optional<Duration> addressWait = throttled && (account != null || checksPassword(request))
        ? addresses.refusedFor(address) : Optional.empty();
    Optional<Duration> accountWait = throttled && account != null
        ? accounts.refusedFor(AccountAt.of(account, address)) : Optional.empty();
    // When both wait, the longer one says when the next attempt can pass.
    if (accountWait.isPresent() && (addressWait.isEmpty() || accountWait.get().compareTo(addressWait.get()) >= 0)) {
      refuseDelayed(response, accountWait.get(), basic);
      return;
    }
    if (addressWait.isPresent()) {
      response.setHeader("Retry-After", String.valueOf(seconds(addressWait.get())));
      Problems.write(response, 429, "Too many failed logins",
          "Too many failed logins from your address; try again in " + inSeconds(addressWait.get()) + ".");
      return;
    }
    Login login = new Login(this, address, new HashSet<>(), new HashSet<>());
    CURRENT.set(login);
    try {
      chain.doFilter(request, response);
    } finally {
      CURRENT.remove();
      if (login.anyFailed() && throttled) {
        addresses.failed(address);
      }
      login.failed().stream().filter(failed -> throttled && !failed.isEmpty())
          .forEach(failed -> accounts.failed(AccountAt.of(failed, address)));
      // A success does not reset the address's count (or one account of its own would let an attacker guess on).
      login.succeeded().stream().filter(right -> !login.failed().contains(right))
          .forEach(right -> accounts.forget(AccountAt.of(right, address)));
    }
  }

  private static void refuseDelayed(HttpServletResponse response, Duration delay, boolean basic) throws IOException {
    if (basic) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"slaflow\", charset=\"UTF-8\"");
    }
    response.setHeader("Retry-After", String.valueOf(seconds(delay)));
    Problems.write(response, 401, "Login delayed",
        "Too many failed logins for this account from your address; try again in " + inSeconds(delay) + ".");
  }

  /** Whole seconds to wait, rounded up: Retry-After must not invite the client back too early. */
  private static long seconds(Duration wait) {
    return Math.max(1, wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0));
  }

  private static String inSeconds(Duration wait) {
    long seconds = seconds(wait);
    return seconds == 1 ? "1 second" : seconds + " seconds";
  }

  /** The webapps' login form: {@code POST /camunda/api/admin/auth/user/{engine}/login/{app}}. */
  private static boolean isWebappLogin(HttpServletRequest request) {
    return "POST".equals(request.getMethod())
        && request.getRequestURI().startsWith(request.getContextPath() + "/camunda/api/admin/auth/user/")
        && request.getRequestURI().contains("/login/");
  }

  /** Calls that check a password given in their body: the engine's verify, and change password (the old one). */
  private static boolean checksPassword(HttpServletRequest request) {
    String uri = request.getRequestURI();
    return isWebappLogin(request) || uri.endsWith("/identity/verify") || uri.endsWith("/credentials");
  }

  private static String basicUser(HttpServletRequest request) {
    BasicCredentials credentials = BasicCredentials.of(request.getHeader("Authorization"));
    return credentials == null ? null : credentials.user();
  }

  /** Failed logins per key (an address, or an account at an address), each refusing the key for a while. */
  static final class Throttle<K> {
    private final Backoff backoff;
    private final Map<K, Failures> failures = new ConcurrentHashMap<>();

    Throttle(Backoff backoff) {
      this.backoff = backoff;
    }

    /** How long login attempts under the key are still refused, if they are. */
    Optional<Duration> refusedFor(K key) {
      Failures recent = failures.get(key);
      if (recent == null || recent.refusedUntil() == null) {
        return Optional.empty();
      }
      Duration left = Duration.between(EngineTime.now(), recent.refusedUntil());
      return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /** One more failed login under the key. */
    void failed(K key) {
      Instant now = EngineTime.now();
      failures.compute(key, (same, recent) -> {
        int count = recent == null || forgotten(recent, now) ? 1 : recent.count() + 1;
        Instant until = count <= backoff.freeFailures() ? null : now.plus(delay(count - backoff.freeFailures()));
        return new Failures(count, now, until);
      });
      if (failures.size() > PRUNE_ABOVE) {
        failures.values().removeIf(recent -> forgotten(recent, now));
      }
    }

    /** How many keys are remembered: the memory this throttle takes. */
    int size() {
      return failures.size();
    }

    /** A successful login under the key: its next failure is the first again. */
    void forget(K key) {
      failures.remove(key);
    }

    private boolean forgotten(Failures recent, Instant now) {
      return Duration.between(recent.last(), now).compareTo(backoff.forgetAfter()) > 0;
    }

    /** The delay after the {@code excess}-th failure beyond the free ones: 1, 2, 4, ... times the first. */
    private Duration delay(int excess) {
      Duration delay = backoff.firstDelay();
      for (int i = 1; i < excess && delay.compareTo(backoff.maxDelay()) < 0; i++) {
        delay = delay.multipliedBy(2);
      }
      return delay.compareTo(backoff.maxDelay()) > 0 ? backoff.maxDelay() : delay;
    }
  }
}
