package io.servicetsunami.app.wiring;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Whether this process's Temporal workers are polling; set by {@link AppLifecycle}. */
@Singleton
public final class WorkerStatus {

  private volatile boolean polling;

  @Inject
  WorkerStatus() {}

  public boolean polling() {
    return polling;
  }

  void polling(boolean value) {
    polling = value;
  }
}
