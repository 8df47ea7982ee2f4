package io.servicetsunami.canary.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.freeze.FreezingArchRule;

/** Freezing a rule would accept every existing violation. */
public final class BadAppFreezesARule {
  public ArchRule frozen() {
    return FreezingArchRule.freeze(noClasses().should().haveSimpleNameEndingWith("Impl"));
  }
}
