package io.slaflow.web;

/**
 * Who called our JSON API. The API's security filter puts the authenticated user into the request under
 * {@link #ATTRIBUTE}; a controller reads it with {@code @RequestAttribute(ApiUser.ATTRIBUTE) String user}.
 */
public final class ApiUser {

  public static final String ATTRIBUTE = "slaflow.user";

  private ApiUser() {}
}
