package io.slaflow.org;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the first administrator on first start. There is no default password: it comes from
 * SLAFLOW_ADMIN_PASSWORD, or is generated and printed once.
 */
@Component
public class AdminBootstrap {

  public static final String ADMIN_ID = "admin";

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final String configuredPassword;

  public AdminBootstrap(
      IdentityService identityService,
      AuthorizationService authorizationService,
      @Value("${slaflow.admin.password:${SLAFLOW_ADMIN_PASSWORD:}}") String configuredPassword) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.configuredPassword = configuredPassword;
  }

  @Order(1)
  @EventListener(ApplicationReadyEvent.class)
  public void createAdminOnFirstStart() {
    if (identityService.createGroupQuery().groupId(Groups.CAMUNDA_ADMIN).count() == 0) {
      Group group = identityService.newGroup(Groups.CAMUNDA_ADMIN);
      group.setName("Slaflow administrators");
      group.setType(Groups.GROUP_TYPE_SYSTEM);
      identityService.saveGroup(group);
      for (Resource resource : Resources.values()) {
        Authorization all = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        all.setGroupId(Groups.CAMUNDA_ADMIN);
        all.setResource(resource);
        all.setResourceId(Authorization.ANY);
        all.addPermission(Permissions.ALL);
        authorizationService.saveAuthorization(all);
      }
    }
    if (identityService.createUserQuery().userId(ADMIN_ID).count() > 0) {
      return;
    }
    boolean generated = configuredPassword == null || configuredPassword.isBlank();
    String password = generated ? Passwords.generate() : configuredPassword;
    User admin = identityService.newUser(ADMIN_ID);
    admin.setFirstName("Slaflow");
    admin.setLastName("Administrator");
    admin.setEmail("admin@slaflow.example");
    admin.setPassword(password);
    identityService.saveUser(admin);
    identityService.createMembership(ADMIN_ID, Groups.CAMUNDA_ADMIN);
    if (generated) {
      System.out.printf(
          "%n=== Slaflow administrator created: user 'admin', generated password: %s%n"
              + "=== (shown once; set SLAFLOW_ADMIN_PASSWORD before the first start to choose it)%n%n",
          password);
    }
  }
}
