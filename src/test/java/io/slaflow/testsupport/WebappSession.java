package io.slaflow.testsupport;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Camunda's webapps as their pages call the server, without a browser: the login form, then the engine API under
 * {@code /camunda/api/engine} with the session cookie and the CSRF token the webapps send on every change.
 */
public final class WebappSession {

  private static final String LOGIN = "/camunda/api/admin/auth/user/default/login/welcome";

  private final Http http;
  private final int port;
  private final String address;
  private String sessionCookie;
  private String csrfToken;

  /** A browser on a computer with this address (see {@link Http#sendFrom}). */
  public WebappSession(int port, String address) {
    this.http = new Http(port);
    this.port = port;
    this.address = address;
    // The webapps hand out the session and the CSRF token with their first page.
    Http.Answer page = http.sendFrom(address, "GET", "/camunda/app/welcome/default/", null, null, Map.of(), null);
    remember(page);
  }

  /** The login form's answer (200 with the user's webapps, 401 refused); the session is logged in after a 200. */
  public Http.Answer logIn(String user, String password) {
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    Http.Answer answer = send("POST", LOGIN, "application/x-www-form-urlencoded", form);
    if (answer.statusCode() == 200) {
      // Logging in starts a new session, which gets its CSRF token with the next page the webapps load.
      send("GET", "/camunda/api/admin/auth/user/default", "application/json", null);
    }
    return answer;
  }

  /** A call of the engine API as the webapps make it, e.g. {@code PUT user/clara.vogel/profile}. */
  public Http.Answer engine(String method, String path, String json) {
    return send(method, "/camunda/api/engine/engine/default/" + path, "application/json", json);
  }

  private Http.Answer send(String method, String path, String contentType, String body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", contentType);
    headers.put("Accept", "application/json");
    headers.put("Cookie", "JSESSIONID=" + sessionCookie + "; XSRF-TOKEN=" + csrfToken);
    headers.put("X-XSRF-TOKEN", csrfToken);
    // The webapps' CSRF filter also wants to see that the page calling is the webapps' own.
    headers.put("Origin", "http://localhost:" + port);
    Http.Answer answer = http.sendFrom(address, method, path, null, null, headers, body);
    remember(answer);
    return answer;
  }

  private void remember(Http.Answer answer) {
    if (answer.cookie("JSESSIONID") != null) {
      sessionCookie = answer.cookie("JSESSIONID");
    }
    if (answer.cookie("XSRF-TOKEN") != null) {
      csrfToken = answer.cookie("XSRF-TOKEN");
    } else if (answer.header("X-XSRF-TOKEN") != null) {
      csrfToken = answer.header("X-XSRF-TOKEN");
    }
  }
}
