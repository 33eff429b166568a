package io.slaflow;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.slaflow.notify.Notifier;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.catalina.connector.ClientAbortException;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/**
 * Keeps the log for what an operator must act on. Two kinds of failure are expected and say nothing new in a stack
 * trace of a hundred lines:
 *
 * <ul>
 *   <li>a client that went away before its answer was complete (a browser tab closed while Cockpit loaded, "Broken
 *       pipe"): the engine REST API (Jersey), Spring MVC and the webapps each report it at ERROR; here it is one DEBUG
 *       line of {@code io.slaflow.QuietLogs};
 *   <li>an alert the {@link Notifier} could not deliver: it logs one line itself (WARN while the job will be retried,
 *       ERROR when it becomes an incident), so the engine's own reports of the same failure (the failed command and
 *       the failed job, each with the whole stack trace) are left out. Cockpit keeps the stack trace of an incident.
 * </ul>
 *
 * Everything else is logged as before. A logback turbo filter, as it sees every event with its exception before any
 * appender, whether it comes from SLF4J or, like Jersey's, from java.util.logging through Spring Boot's bridge.
 */
@Component
public class QuietLogs extends TurboFilter {

  private static final org.slf4j.Logger log = LoggerFactory.getLogger(QuietLogs.class);

  @PostConstruct
  void install() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      setName("slaflow-quiet-logs");
      start();
      context.addTurboFilter(this);
    }
  }

  @PreDestroy
  void uninstall() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getTurboFilterList().remove(this);
    }
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level == null || !level.isGreaterOrEqual(Level.INFO)) {
      return FilterReply.NEUTRAL;
    }
    Throwable thrown = t != null ? t : lastThrowable(params);
    if (thrown == null) {
      return FilterReply.NEUTRAL;
    }
    Throwable abort = find(thrown, QuietLogs::isClientAbort);
    if (abort != null) {
      log.debug("The client went away before the answer was complete ({}: {}); reported by {}",
          abort.getClass().getSimpleName(), rootMessage(abort), logger.getName());
      return FilterReply.DENY;
    }
    if (!logger.getName().equals(Notifier.class.getName()) && find(thrown, Notifier.NotDelivered.class::isInstance)
        != null) {
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }

  private static boolean isClientAbort(Throwable e) {
    return e instanceof ClientAbortException || e instanceof AsyncRequestNotUsableException;
  }

  /** SLF4J passes {@code log.error("...", e)}'s exception as the last parameter, not as {@code t}. */
  private static Throwable lastThrowable(Object[] params) {
    return params != null && params.length > 0 && params[params.length - 1] instanceof Throwable e ? e : null;
  }

  /** The first exception in the chain of causes and suppressed exceptions that matches. */
  private static Throwable find(Throwable thrown, Predicate<Throwable> test) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    return find(thrown, test, seen);
  }

  private static Throwable find(Throwable e, Predicate<Throwable> test, Set<Throwable> seen) {
    if (e == null || !seen.add(e)) {
      return null;
    }
    if (test.test(e)) {
      return e;
    }
    Throwable found = find(e.getCause(), test, seen);
    for (Throwable suppressed : e.getSuppressed()) {
      found = found != null ? found : find(suppressed, test, seen);
    }
    return found;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
