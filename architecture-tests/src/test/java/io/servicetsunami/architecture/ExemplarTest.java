package io.servicetsunami.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Guards against false positives: a small hexagon written the way ARCHITECTURE.md asks (records,
 * sealed types, enum switches, lambdas, every adapter technology, Dagger and Javalin in the app)
 * must satisfy every rule, with no module empty.
 */
class ExemplarTest {

  private static final String EXEMPLAR_ROOT = "io.servicetsunami.exemplar";

  private static final JavaClasses EXEMPLARS =
      new ClassFileImporter().importPackages(EXEMPLAR_ROOT);

  @ParameterizedTest(name = "{0}")
  @EnumSource(ArchitectureRule.class)
  void wellFormedCodeObeysRule(ArchitectureRule rule) {
    rule.forRoot(EXEMPLAR_ROOT).allowEmptyShould(false).check(EXEMPLARS);
  }
}
