package io.slaflow.testsupport;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A person logged into Camunda's webapps, calling the API that Tasklist and Cockpit call from the browser
 * ({@code /camunda/api/engine/engine/default/...}) with the session cookie and the CSRF token, as the pages do.
 */
public final class WebappSession {

  private final String base;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
  private final String app;

  private WebappSession(int port, String app) {
    this.base = "http://localhost:" + port;
    this.app = app;
  }

  /** Logs {@code user} into {@code app} (tasklist or cockpit) through its login form's request. */
  public static WebappSession login(int port, String app, String user, String password) {
    WebappSession session = new WebappSession(port, app);
    session.send(HttpRequest.newBuilder(URI.create(session.base + "/camunda/app/" + app + "/default/")).GET());
    HttpResponse<String> login = session.send(session.request("/camunda/api/admin/auth/user/default/login/" + app)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=" + encode(user) + "&password=" + encode(password))));
    if (login.statusCode() != 200) {
      throw new AssertionError("Login of " + user + " into " + app + " answered " + login.statusCode() + ": "
          + login.body());
    }
    // The login starts a new session; its CSRF token comes with the next page the browser loads.
    session.send(HttpRequest.newBuilder(URI.create(session.base + "/camunda/app/" + app + "/default/")).GET());
    return session;
  }

  /** A call to the engine API of the webapps: {@code path} below {@code /camunda/api/engine/engine/default}. */
  public HttpResponse<String> engine(String method, String path, String json) {
    return send(request("/camunda/api/engine/engine/default" + path)
        .header("Content-Type", "application/json")
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
        .header("Referer", base + "/camunda/app/" + app + "/default/");
    for (HttpCookie cookie : cookies.getCookieStore().getCookies()) {
      if (cookie.getName().equals("XSRF-TOKEN")) {
        builder.header("X-XSRF-TOKEN", cookie.getValue());
      }
    }
    return builder;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
