package io.slaflow.web.security;

import io.slaflow.org.BasicCredentials;
import io.slaflow.org.IdentitySync;
import io.slaflow.unit.Unit;
import io.slaflow.web.ApiUser;
import io.slaflow.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic authentication for our JSON API against Camunda's identity service. Only administrators and members of
 * the {@code slaflow-intake} group may feed work in, on the paths each unit declares as intake ({@link Unit}); a
 * unit's team paths, the reports and the desk are for everyone, each seeing their own scope; everything else, such as
 * the organisation, is for administrators.
 */
public class ApiAuthenticationFilter extends OncePerRequestFilter {

  /** Where Camunda's webapps keep a session's CSRF token, and the header their pages send it in. */
  static final String CSRF_SESSION_ATTRIBUTE = "CAMUNDA_CSRF_TOKEN";
  static final String CSRF_HEADER = "X-XSRF-TOKEN";
  private static final Set<String> READS = Set.of("GET", "HEAD");

  private final IdentityService identityService;
  private final String engineName;
  private final List<Unit> units;

  /** @param units what each unit declares of its paths: which intake systems call, which its teams work */
  public ApiAuthenticationFilter(IdentityService identityService, String engineName, List<Unit> units) {
    this.identityService = identityService;
    this.engineName = engineName;
    this.units = List.copyOf(units);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String user = basicUser(request);
    if (user == null) {
      user = webappUser(request);
      if (user != null && !READS.contains(request.getMethod()) && !sameSiteWithToken(request)) {
        Problems.write(response, 403, "Forbidden", "A change with the Camunda login needs the session's"
            + " X-XSRF-TOKEN header, sent from this site (Tasklist sends it); or send HTTP Basic credentials.");
        return;
      }
    }
    if (user == null) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"slaflow\", charset=\"UTF-8\"");
      // Too many failed logins were answered before (io.slaflow.org.LoginThrottle): this is a wrong password.
      boolean sent = BasicCredentials.of(request.getHeader("Authorization")) != null;
      Problems.write(response, 401, "Authentication required", sent ? "The user name or password is wrong."
          : "Send HTTP Basic credentials of a Slaflow user (the Authorization header).");
      return;
    }
    boolean admin = isMember(user, Groups.CAMUNDA_ADMIN);
    // The decoded path without ";parameters", as Spring MVC matches it: intake systems reach the intake endpoints;
    // reports are open to every user and scoped to what each may see by the report itself.
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    // Each unit says which of its paths intake systems call and which its teams work (read and worked by the team and
    // read by the intake system that sent the record; the controllers check per record).
    boolean intake = units.stream().anyMatch(unit -> unit.isIntake(path));
    // An SLA record's audit trail: the controller lets administrators and the record's managers read it. The desk's
    // cards answer for the tasks the engine lets the caller read.
    boolean everyone = path.startsWith("/api/reports/") || path.startsWith("/api/desk/")
        || path.matches("/api/sla/records/[^/]+/audit") || units.stream().anyMatch(unit -> unit.isForTeams(path));
    // Process owners, who deploy SLA policy changes, also make the open clocks follow them.
    boolean processOwner = path.startsWith("/api/sla/") && isMember(user, IdentitySync.PROCESS_OWNERS);
    if (!admin && !intake && !everyone && !processOwner) {
      Problems.write(response, 403, "Forbidden", "Only administrators may use " + path + ".");
      return;
    }
    if (!admin && intake && !isMember(user, IdentitySync.INTAKE)) {
      Problems.write(response, 403, "Forbidden",
          "User '" + user + "' may not use this API: it needs membership of group '" + IdentitySync.INTAKE + "'.");
      return;
    }
    request.setAttribute(ApiUser.ATTRIBUTE, user);
    chain.doFilter(request, response);
  }

  private String basicUser(HttpServletRequest request) {
    BasicCredentials credentials = BasicCredentials.of(request.getHeader("Authorization"));
    return credentials != null && identityService.checkPassword(credentials.user(), credentials.password())
        ? credentials.user() : null;
  }

  /**
   * The user logged into Camunda's webapps in this session: the SLA dashboard in Cockpit reads the reports this way,
   * and Tasklist's Record tab acts on a ticket. A change this way must also pass {@link #sameSiteWithToken}.
   */
  private String webappUser(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    Authentication webapp = authentications == null ? null
        : authentications.getAuthenticationForProcessEngine(engineName);
    return webapp == null ? null : webapp.getName();
  }

  /**
   * The webapps' own defence against cross-site requests, applied to our API: the request carries the token the
   * webapps gave this session (header {@code X-XSRF-TOKEN}, which only pages of this site can read from the
   * {@code XSRF-TOKEN} cookie) and, when the browser says where it comes from, comes from this host.
   */
  static boolean sameSiteWithToken(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Object expected = session == null ? null : session.getAttribute(CSRF_SESSION_ATTRIBUTE);
    String sent = request.getHeader(CSRF_HEADER);
    if (!(expected instanceof String token) || sent == null || !MessageDigest.isEqual(
        token.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))) {
      return false;
    }
    String from = request.getHeader("Origin") != null ? request.getHeader("Origin") : request.getHeader("Referer");
    if (from == null) {
      return true;
    }
    try {
      URI source = URI.create(from);
      int port = source.getPort() != -1 ? source.getPort() : "https".equals(source.getScheme()) ? 443 : 80;
      return request.getServerName().equalsIgnoreCase(source.getHost()) && request.getServerPort() == port;
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }

  private boolean isMember(String user, String group) {
    return identityService.createUserQuery().userId(user).memberOfGroup(group).count() > 0;
  }

}
