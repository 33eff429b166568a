package io.slaflow.sla;

import io.slaflow.calendar.EngineTime;
import io.slaflow.web.ApiUser;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The SLA audit trail: every change of an SLA record or its ladder, who made it, when, through which door and the
 * old and new value. A manager reading a breach sees exactly what happened to it. Rows are only ever added.
 */
@Repository
public class SlaAudit {

  /** Who changed something when no person did: the ladder's timers, routing, the application's start. */
  public static final String SLAFLOW = "slaflow";

  /** A door that is not a request path: work our own code does on someone's behalf. */
  public static final String RECOMPUTE = "recompute";
  public static final String OUT_OF_OFFICE = "out of office";

  private static final ThreadLocal<String> DOOR = new ThreadLocal<>();

  private final JdbcTemplate jdbc;
  private final IdentityService identityService;

  public SlaAudit(JdbcTemplate jdbc, @Lazy IdentityService identityService) {
    this.jdbc = jdbc;
    this.identityService = identityService;
  }

  /** One change as a reader sees it. */
  public record Entry(Instant at, String actor, String door, String action, String field, String oldValue,
      String newValue) {}

  /** Runs {@code work} with its changes recorded as made through {@code door} (a recompute, an absence). */
  public static <T> T through(String door, Supplier<T> work) {
    String outer = DOOR.get();
    DOOR.set(door);
    try {
      return work.get();
    } finally {
      if (outer == null) {
        DOOR.remove();
      } else {
        DOOR.set(outer);
      }
    }
  }

  public void write(String slaRecordId, String action, String field, Object oldValue, Object newValue) {
    jdbc.update("INSERT INTO sla_audit (sla_record_id, changed_at, actor, door, action, field, old_value, new_value)"
            + " VALUES (?,?,?,?,?,?,?,?)",
        slaRecordId, SlaRecords.utc(EngineTime.now()), actor(), door(), clip(action, 200), field, text(oldValue),
        text(newValue));
  }

  public List<Entry> of(String slaRecordId) {
    return jdbc.query("SELECT * FROM sla_audit WHERE sla_record_id = ? ORDER BY id",
        (rs, i) -> new Entry(SlaRecords.instant(rs, "changed_at"), rs.getString("actor"), rs.getString("door"),
            rs.getString("action"), rs.getString("field"), rs.getString("old_value"), rs.getString("new_value")),
        slaRecordId);
  }

  /** The person behind the change: logged into the webapps or the engine REST API, or our JSON API's caller. */
  private String actor() {
    Authentication engineUser = identityService.getCurrentAuthentication();
    if (engineUser != null && engineUser.getUserId() != null) {
      return engineUser.getUserId();
    }
    HttpServletRequest request = request();
    Object apiUser = request == null ? null : request.getAttribute(ApiUser.ATTRIBUTE);
    return apiUser == null ? SLAFLOW : apiUser.toString();
  }

  /** Where the change came in: the Tasklist or Cockpit page, the engine REST API, our JSON API, or the engine. */
  private static String door() {
    if (DOOR.get() != null) {
      return DOOR.get();
    }
    HttpServletRequest request = request();
    if (request == null) {
      return "engine";
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/engine-rest/")) {
      return "engine REST";
    }
    if (path.startsWith("/api/")) {
      return "API";
    }
    if (path.startsWith("/camunda/")) {
      // The webapps call the engine through their own API; the page that called is in the Referer.
      String referer = String.valueOf(request.getHeader("Referer"));
      return referer.contains("/tasklist") ? "Tasklist" : referer.contains("/cockpit") ? "Cockpit" : "webapps";
    }
    return "web";
  }

  private static HttpServletRequest request() {
    return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
        ? attributes.getRequest() : null;
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    String text = value instanceof OffsetDateTime at ? at.toInstant().toString()
        : value instanceof Timestamp at ? at.toInstant().toString() : value.toString();
    return clip(text, 4000);
  }

  private static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
