package io.slaflow.org;

import io.slaflow.Problems;
import io.slaflow.sla.SlaClock;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows down password guessing at every login door (HTTP Basic on {@code /api} and {@code /engine-rest}, the
 * webapps' login form, and the engine's verify and change-password calls) without locking anybody out for good.
 * Per account, Camunda delays the next password check after a failure (application.yaml, login-delay-*); this
 * filter says so instead of "wrong password". Per client address, it refuses login attempts for a while once an
 * address has failed {@code freeFailures} times: one address spraying many accounts is slowed as much as one
 * guessing one. Addresses are counted on this node, in memory.
 */
public class LoginThrottle extends OncePerRequestFilter {

  private static final ThreadLocal<Boolean> PASSWORD_CHECK_FAILED = new ThreadLocal<>();
  /** Beyond this many addresses, the forgotten ones are dropped: a flood of addresses cannot fill the memory. */
  private static final int PRUNE_ABOVE = 10_000;

  /** An address's recent failed logins, and until when its login attempts are refused. */
  record Failures(int count, Instant last, Instant refusedUntil) {}

  /** How the address throttle behaves; see slaflow.logins in application.yaml. */
  public record Settings(int freeFailures, Duration firstDelay, Duration maxDelay, Duration forgetAfter,
      Set<String> unthrottledAddresses) {}

  private final Logins logins;
  private final Settings settings;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  public LoginThrottle(Logins logins, Settings settings) {
    this.logins = logins;
    this.settings = settings;
  }

  /** Called by the engine (IdentityGuardPlugin) when a password check fails on this thread. */
  static void passwordCheckFailed() {
    PASSWORD_CHECK_FAILED.set(Boolean.TRUE);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String address = request.getRemoteAddr();
    boolean throttled = !settings.unthrottledAddresses().contains(address);
    String basicUser = basicUser(request);
    boolean basic = basicUser != null;
    String account = basic ? basicUser : isWebappLogin(request) ? request.getParameter("username") : null;
    if (throttled && (account != null || checksPassword(request))) {
      Optional<Duration> wait = refusedFor(address);
      if (wait.isPresent()) {
        response.setHeader("Retry-After", String.valueOf(seconds(wait.get())));
        Problems.write(response, 429, "Too many failed logins",
            "Too many failed logins from your address; try again in " + inSeconds(wait.get()) + ".");
        return;
      }
    }
    if (account != null) {
      Optional<Duration> delay = logins.delayLeft(account);
      if (delay.isPresent()) {
        refuseDelayed(response, delay.get(), basic);
        return;
      }
    }
    PASSWORD_CHECK_FAILED.remove();
    try {
      chain.doFilter(request, response);
    } finally {
      boolean failed = Boolean.TRUE.equals(PASSWORD_CHECK_FAILED.get());
      PASSWORD_CHECK_FAILED.remove();
      if (failed && throttled) {
        failed(address);
      }
    }
  }

  private static void refuseDelayed(HttpServletResponse response, Duration delay, boolean basic) throws IOException {
    if (basic) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"slaflow\", charset=\"UTF-8\"");
    }
    if (delay.equals(Logins.LOCKED)) {
      Problems.write(response, 401, "Login locked",
          "Too many failed logins for this account; an administrator must unlock it.");
      return;
    }
    response.setHeader("Retry-After", String.valueOf(seconds(delay)));
    Problems.write(response, 401, "Login delayed",
        "Too many failed logins for this account; try again in " + inSeconds(delay) + ".");
  }

  /** How long login attempts from the address are still refused, if they are. */
  Optional<Duration> refusedFor(String address) {
    Failures recent = failures.get(address);
    if (recent == null || recent.refusedUntil() == null) {
      return Optional.empty();
    }
    Duration left = Duration.between(SlaClock.now(), recent.refusedUntil());
    return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
  }

  /**
   * One more failed login from the address. Past the free ones, each refuses the address's next attempts for twice
   * as long as the one before, from {@code firstDelay} up to {@code maxDelay}; a success does not reset the count
   * (or one account of its own would let an attacker guess on), a quiet {@code forgetAfter} does.
   */
  void failed(String address) {
    Instant now = SlaClock.now();
    failures.compute(address, (key, recent) -> {
      int count = recent == null || forgotten(recent, now) ? 1 : recent.count() + 1;
      Instant until = count <= settings.freeFailures() ? null : now.plus(delay(count - settings.freeFailures()));
      return new Failures(count, now, until);
    });
    if (failures.size() > PRUNE_ABOVE) {
      failures.values().removeIf(recent -> forgotten(recent, now));
    }
  }

  private boolean forgotten(Failures recent, Instant now) {
    return Duration.between(recent.last(), now).compareTo(settings.forgetAfter()) > 0;
  }

  /** The delay after the {@code excess}-th failure beyond the free ones: 1, 2, 4, ... times the first. */
  private Duration delay(int excess) {
    Duration delay = settings.firstDelay();
    for (int i = 1; i < excess && delay.compareTo(settings.maxDelay()) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
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

}
