package io.servicetsunami.canary.app;

import com.tngtech.archunit.library.freeze.TextFileBasedViolationStore;
import com.tngtech.archunit.library.freeze.ViolationStore;

/** A violation store is how a frozen rule remembers the violations it accepts from then on. */
public final class BadAppFreezesARule {
  public ViolationStore acceptedViolations() {
    return new TextFileBasedViolationStore();
  }
}
