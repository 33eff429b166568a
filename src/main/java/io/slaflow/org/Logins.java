package io.slaflow.org;

import io.slaflow.sla.SlaClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * What Camunda knows about a person's login: whether it exists, whether it is locked for good, and how long the
 * login delay after failed logins still lasts. Camunda keeps this in its user table, so every node sees the same.
 */
@Component
public class Logins {

  private final IdentityService identityService;
  private final ProcessEngineConfigurationImpl engine;

  public Logins(@Lazy IdentityService identityService, @Lazy ProcessEngineConfigurationImpl engine) {
    this.identityService = identityService;
    this.engine = engine;
  }

  /** Whether routing may give the person work: their login exists and is not locked until an administrator acts. */
  public boolean canLogIn(String userId) {
    User user = identityService.createUserQuery().userId(userId).singleResult();
    return user != null && !(user instanceof UserEntity entity && entity.getAttempts() >= engine.getLoginMaxAttempts());
  }

  /**
   * How long the account must still wait before Camunda checks its password again (after failed logins), if it
   * must; a login locked for good waits for ever ({@link #LOCKED}).
   */
  public Optional<Duration> delayLeft(String userId) {
    User user = identityService.createUserQuery().userId(userId).singleResult();
    if (!(user instanceof UserEntity entity)) {
      return Optional.empty(); // no such user, or an identity provider (LDAP) that keeps no login delay
    }
    if (entity.getAttempts() >= engine.getLoginMaxAttempts()) {
      return Optional.of(LOCKED);
    }
    if (entity.getLockExpirationTime() == null) {
      return Optional.empty();
    }
    Duration left = Duration.between(SlaClock.now(), Instant.ofEpochMilli(entity.getLockExpirationTime().getTime()));
    return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
  }

  /** The delay of a login locked until an administrator unlocks it. */
  public static final Duration LOCKED = Duration.ofSeconds(Long.MAX_VALUE);
}
