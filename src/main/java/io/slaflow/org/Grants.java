package io.slaflow.org;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Grants a group permissions on a Camunda resource once; a grant that exists is left as it is. */
@Component
public class Grants {

  private final AuthorizationService authorizationService;

  public Grants(@Lazy AuthorizationService authorizationService) {
    this.authorizationService = authorizationService;
  }

  public void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    boolean present = authorizationService.createAuthorizationQuery()
        .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).count() > 0;
    if (present) {
      return;
    }
    Authorization auth = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    auth.setGroupId(groupId);
    auth.setResource(resource);
    auth.setResourceId(resourceId);
    for (Permission permission : permissions) {
      auth.addPermission(permission);
    }
    authorizationService.saveAuthorization(auth);
  }
}
