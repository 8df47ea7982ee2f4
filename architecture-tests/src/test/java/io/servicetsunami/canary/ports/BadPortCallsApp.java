package io.servicetsunami.canary.ports;

import io.servicetsunami.canary.app.CanaryApp;

/** A port that reaches back into the app, closing the cycle ports -> app -> ports. */
public final class BadPortCallsApp {
  public String describe() {
    return new CanaryApp().name();
  }
}
