package io.servicetsunami.app;

import io.javalin.Javalin;
import io.servicetsunami.app.config.AdapterConfig;
import io.servicetsunami.app.config.AppConfig;
import io.servicetsunami.app.config.ConfigException;
import io.servicetsunami.app.wiring.AppComponent;
import io.servicetsunami.app.wiring.AppLifecycle;
import java.util.Map;

/**
 * Starts the control plane: {@code java -jar app-javalin.jar}, configured by the environment. A bad
 * setting stops it with one line (exit 2), a part that cannot start with one line (exit 1); Ctrl-C
 * (SIGINT/SIGTERM) stops HTTP, drains the workers, then stops Temporal, the gateway connections,
 * the lakehouse and the database.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    AppConfig config;
    AdapterConfig adapters;
    try {
      config = AppConfig.fromEnvironment(env);
      adapters =
          AdapterConfig.fromEnvironment(env, config.dataDirectory(), config.defaultLlmModel());
    } catch (ConfigException e) {
      System.err.println("servicetsunami: configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    AppLifecycle app = AppComponent.create(config, adapters).lifecycle();
    Javalin server;
    try {
      server = app.start();
    } catch (ConfigException e) {
      System.err.println("servicetsunami: configuration error: " + e.getMessage());
      System.exit(2);
      return;
    } catch (RuntimeException e) {
      System.err.println("servicetsunami: cannot start: " + oneLine(e));
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "servicetsunami-shutdown"));
    String base = "http://" + config.host() + ":" + server.port();
    System.out.println("servicetsunami listening on " + base + " (" + adapters.describe() + ")");
    System.out.println(
        "get a token: curl -s -X POST "
            + base
            + "/api/v1/auth/register -H 'Content-Type: application/json' -d"
            + " '{\"email\":\"you@example.com\",\"password\":\"a-long-password\","
            + "\"full_name\":\"You\",\"tenant_name\":\"Acme\"}' && curl -s -X POST "
            + base
            + "/api/v1/auth/login -d 'username=you@example.com&password=a-long-password'");
    System.out.println(
        "then: curl -H 'Authorization: Bearer <access_token>' " + base + "/api/v1/auth/me");
  }

  private static String oneLine(RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
      message += ": " + cause.getMessage();
    }
    return message.replaceAll("\\s+", " ").strip();
  }
}
