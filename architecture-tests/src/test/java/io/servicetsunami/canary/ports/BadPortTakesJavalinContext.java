package io.servicetsunami.canary.ports;

/** A driving port shaped by the HTTP framework. */
public interface BadPortTakesJavalinContext {
  void handle(io.javalin.http.Context context);
}
