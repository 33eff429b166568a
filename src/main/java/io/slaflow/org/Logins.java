package io.slaflow.org;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * What Camunda knows about a person's login: whether it exists and is not locked until an administrator acts.
 * Failed logins no longer lock (application.yaml, login-max-attempts), but a deployment may set a lower limit.
 */
@Component
public class Logins {

  private final IdentityService identityService;
  private final ProcessEngineConfigurationImpl engine;

  public Logins(@Lazy IdentityService identityService, @Lazy ProcessEngineConfigurationImpl engine) {
    this.identityService = identityService;
    this.engine = engine;
  }

  /**
   * Of these people, those routing may give work: their login exists and is not locked until an administrator acts.
   * One query for a whole team.
   */
  public Set<String> canLogIn(Collection<String> userIds) {
    if (userIds.isEmpty()) {
      return Set.of();
    }
    return identityService.createUserQuery().userIdIn(userIds.toArray(String[]::new)).list().stream()
        .filter(user -> !(user instanceof UserEntity entity && entity.getAttempts() >= engine.getLoginMaxAttempts()))
        .map(User::getId).collect(Collectors.toSet());
  }
}
