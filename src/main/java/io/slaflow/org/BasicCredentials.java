package io.slaflow.org;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The user and password of an HTTP Basic {@code Authorization} header, as every login door reads it. */
public record BasicCredentials(String user, String password) {

  /** The credentials in {@code header}, or null when it is absent, not Basic, or not user:password in Base64. */
  public static BasicCredentials of(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 1 ? null : new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }
}
