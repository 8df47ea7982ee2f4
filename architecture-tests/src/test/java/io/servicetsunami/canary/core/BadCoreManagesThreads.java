package io.servicetsunami.canary.core;

import java.util.concurrent.Executors;

/** Sleeps and spawns threads, which breaks workflow replay. */
public final class BadCoreManagesThreads {
  public void waitAndFork(Runnable work) throws InterruptedException {
    Thread.sleep(1_000L);
    new Thread(work).start();
    Executors.newSingleThreadExecutor().execute(work);
  }
}
