package io.slaflow.org;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
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

  /**
   * Each user's grant on their own user allows {@code permissions} and no more. Camunda gave every user created before
   * IdentityGuardPlugin ALL (delete included); changed on every start, so existing databases follow.
   *
   * @return how many grants changed
   */
  public int limitOwnUserGrants(int permissions) {
    int changed = 0;
    for (Authorization auth : authorizationService.createAuthorizationQuery().resourceType(Resources.USER).list()) {
      if (auth.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT && auth.getUserId() != null
          && auth.getUserId().equals(auth.getResourceId()) && auth instanceof AuthorizationEntity entity
          && entity.getPermissions() != permissions) {
        entity.setPermissions(permissions);
        authorizationService.saveAuthorization(entity);
        changed++;
      }
    }
    return changed;
  }
}
