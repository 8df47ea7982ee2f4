package io.servicetsunami.canary.core;

import dagger.Module;
import dagger.Provides;

/** Wiring annotations belong to the app, not to the framework-free core. */
@Module
public final class BadCoreIsADaggerModule {
  @Provides
  static String name() {
    return "core";
  }
}
