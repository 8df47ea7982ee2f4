package io.servicetsunami.app;

import io.javalin.Javalin;
import io.servicetsunami.adapters.persistence.PostgresPersistence;
import io.servicetsunami.app.config.AppConfig;
import io.servicetsunami.app.config.ConfigException;
import io.servicetsunami.app.wiring.AppComponent;

/** Starts the control plane: {@code java -jar app-javalin.jar}, configured by the environment. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    AppConfig config;
    try {
      config = AppConfig.fromEnvironment(System.getenv());
    } catch (ConfigException e) {
      System.err.println("servicetsunami: configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    AppComponent app = AppComponent.create(config);
    PostgresPersistence persistence;
    Javalin server;
    try {
      persistence = app.persistence();
      server = app.httpApi().create().start();
    } catch (IllegalStateException e) {
      System.err.println("servicetsunami: cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.stop();
                  persistence.close();
                },
                "servicetsunami-shutdown"));
    System.out.println(
        "servicetsunami listening on http://"
            + config.host()
            + ":"
            + server.port()
            + " - register with POST /api/v1/auth/register, then POST /api/v1/auth/login for a"
            + " token");
  }
}
