package io.servicetsunami.architecture;

import static io.servicetsunami.architecture.ArchitectureRule.NO_FROZEN_RULES;
import static io.servicetsunami.architecture.ArchitectureRule.PRODUCTION_ROOT;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ArchitectureTest {

  // The fixtures live under the production root too; they are test classes, and excluded twice
  // so that a change of build layout cannot smuggle a canary into the production import.
  private static final JavaClasses PRODUCTION_CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(
              location ->
                  !location.contains("/io/servicetsunami/canary/")
                      && !location.contains("/io/servicetsunami/exemplar/"))
          .importPackages(PRODUCTION_ROOT);

  @ParameterizedTest(name = "{0}")
  @EnumSource(ArchitectureRule.class)
  void productionCodeObeysRule(ArchitectureRule rule) {
    rule.forRoot(PRODUCTION_ROOT).check(PRODUCTION_CLASSES);
  }

  @Test
  void architectureTestsNeverFreezeARule() {
    String ourPackage = ArchitectureTest.class.getPackageName();
    JavaClasses ourTests = new ClassFileImporter().importPackages(ourPackage);

    NO_FROZEN_RULES.forRoot(ourPackage).check(ourTests);
  }
}
