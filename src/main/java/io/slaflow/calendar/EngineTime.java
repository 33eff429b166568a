package io.slaflow.calendar;

import java.time.Instant;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** The engine's clock: every "now" of ours reads it, so that tests can travel in time with ClockUtil. */
public final class EngineTime {

  private EngineTime() {}

  public static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
