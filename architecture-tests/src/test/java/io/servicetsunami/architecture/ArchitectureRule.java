package io.servicetsunami.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameStartingWith;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.InstantSource;
import java.util.Collections;
import java.util.Timer;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.random.RandomGenerator;

/**
 * The dependency rule of ARCHITECTURE.md as ArchUnit rules.
 *
 * <p>Each rule is written against a package root rather than a fixed package so that the very same
 * definition runs twice: over the production classes under {@value #PRODUCTION_ROOT} (where it must
 * pass) and over the deliberately broken canaries under {@code io.servicetsunami.canary} (where it
 * must fail). A new constant is picked up by both tests automatically, so a rule cannot be added
 * without proving it can fail.
 *
 * <p>{@code allowEmptyShould(true)} appears only where the subject is the adapters, which may have
 * no classes yet; a rule over ports, core or the whole code base fails on an empty import, which
 * also catches a broken classpath.
 */
public enum ArchitectureRule {
  PORTS_DEPEND_ONLY_ON_THE_JDK {
    @Override
    public ArchRule forRoot(String root) {
      return classes()
          .that()
          .resideInAPackage(root + ".ports..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(root + ".ports..", "java..")
          .because(
              "ports is the boundary every module and every embedding service compiles against");
    }
  },

  CORE_DEPENDS_ONLY_ON_PORTS_AND_THE_JDK {
    @Override
    public ArchRule forRoot(String root) {
      return classes()
          .that()
          .resideInAPackage(root + ".core..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(root + ".core..", root + ".ports..", "java..")
          .because("the core is framework-free and reaches the world only through ports");
    }
  },

  CORE_NEVER_READS_THE_SYSTEM_CLOCK {
    @Override
    public ArchRule forRoot(String root) {
      return noClasses()
          .that()
          .resideInAPackage(root + ".core..")
          .should()
          .callMethodWhere(
              target(owner(resideInAPackage("java.time..")))
                  .and(target(HasName.Predicates.name("now"))))
          .orShould()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .callMethod(System.class, "nanoTime")
          .orShould()
          .callMethodWhere(
              target(owner(type(Clock.class).or(type(InstantSource.class))))
                  .and(target(nameStartingWith("system"))))
          .because(
              "time comes through the Clock port, so workflows replay deterministically and tests"
                  + " control it");
    }
  },

  CORE_NEVER_GENERATES_IDS_OR_RANDOMNESS {
    @Override
    public ArchRule forRoot(String root) {
      return noClasses()
          .that()
          .resideInAPackage(root + ".core..")
          .should()
          .callMethod(UUID.class, "randomUUID")
          .orShould()
          .callMethod(UUID.class, "nameUUIDFromBytes", byte[].class)
          .orShould()
          .callMethodWhere(
              target(owner(type(Math.class).or(type(StrictMath.class))))
                  .and(target(HasName.Predicates.name("random"))))
          .orShould()
          .callMethodWhere(
              target(owner(type(Collections.class)))
                  .and(target(HasName.Predicates.name("shuffle"))))
          // Random, SecureRandom, ThreadLocalRandom and SplittableRandom all implement it.
          .orShould()
          .dependOnClassesThat(assignableTo(RandomGenerator.class))
          .because(
              "ids come through the IdGenerator port, so workflows replay deterministically and"
                  + " tests control them");
    }
  },

  CORE_NEVER_STARTS_OR_BLOCKS_THREADS {
    @Override
    public ArchRule forRoot(String root) {
      return noClasses()
          .that()
          .resideInAPackage(root + ".core..")
          .should()
          .callMethodWhere(
              target(owner(type(Thread.class)))
                  .and(target(nameMatching("sleep|startVirtualThread|ofPlatform|ofVirtual"))))
          .orShould()
          .callConstructorWhere(target(owner(assignableTo(Thread.class))))
          .orShould()
          .dependOnClassesThat()
          .belongToAnyOf(Executors.class, Timer.class)
          .orShould()
          .callConstructorWhere(target(owner(assignableTo(ExecutorService.class))))
          .orShould()
          .callMethodWhere(
              target(owner(type(CompletableFuture.class)))
                  .and(
                      target(
                          describe(
                              "name ending with 'Async'", m -> m.getName().endsWith("Async")))))
          .because(
              "concurrency and waiting belong to Temporal and the adapters; core code runs inside"
                  + " workflows, where threads and sleeps break replay");
    }
  },

  ADAPTERS_DEPEND_ONLY_ON_PORTS_AND_THIRD_PARTY_LIBRARIES {
    @Override
    public ArchRule forRoot(String root) {
      return classes()
          .that()
          .resideInAPackage(root + ".adapters..")
          .should()
          .onlyDependOnClassesThat(
              resideOutsideOfPackage(root + "..")
                  .or(resideInAnyPackage(root + ".ports..", root + ".adapters..")))
          .because(
              "an adapter plugs into ports and nothing else of ours; the core and the app stay"
                  + " replaceable")
          .allowEmptyShould(true);
    }
  },

  ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER {
    @Override
    public ArchRule forRoot(String root) {
      return slices()
          .matching(root + ".adapters.(*)..")
          .should()
          .notDependOnEachOther()
          .because("each adapter can be left out or replaced without touching another")
          .allowEmptyShould(true);
    }
  },

  TEMPORAL_ONLY_IN_THE_TEMPORAL_ADAPTER {
    @Override
    public ArchRule forRoot(String root) {
      return technologyOnlyIn(root, ".adapters.temporal..", "io.temporal..");
    }
  },

  PERSISTENCE_TECHNOLOGY_ONLY_IN_THE_PERSISTENCE_ADAPTER {
    @Override
    public ArchRule forRoot(String root) {
      return technologyOnlyIn(
          root,
          ".adapters.persistence..",
          "org.hibernate..",
          "jakarta.persistence..",
          "org.flywaydb..");
    }
  },

  WEBSOCKET_TECHNOLOGY_ONLY_IN_THE_OPENCLAW_ADAPTER {
    @Override
    public ArchRule forRoot(String root) {
      return technologyOnlyIn(
          root, ".adapters.openclaw..", "org.glassfish.tyrus..", "jakarta.websocket..");
    }
  },

  KUBERNETES_CLIENT_ONLY_IN_THE_K8S_ADAPTER {
    @Override
    public ArchRule forRoot(String root) {
      return technologyOnlyIn(root, ".adapters.k8s..", "io.kubernetes.client..");
    }
  },

  JAVALIN_ONLY_IN_THE_APP {
    @Override
    public ArchRule forRoot(String root) {
      return technologyOnlyIn(root, ".app..", "io.javalin..");
    }
  },

  DEPENDENCY_INJECTION_ONLY_IN_THE_APP {
    @Override
    public ArchRule forRoot(String root) {
      // javax.inject is the same JSR-330 annotations under their old name; Dagger still reads it.
      return technologyOnlyIn(root, ".app..", "dagger..", "jakarta.inject..", "javax.inject..");
    }
  },

  MODULES_ARE_FREE_OF_CYCLES {
    @Override
    public ArchRule forRoot(String root) {
      return slices()
          .matching(root + ".(*)..")
          .should()
          .beFreeOfCycles()
          .because("dependencies point inwards, from the app through the adapters to ports");
    }
  },

  ADAPTERS_ARE_FREE_OF_CYCLES {
    @Override
    public ArchRule forRoot(String root) {
      return slices()
          .matching(root + ".adapters.(*)..")
          .should()
          .beFreeOfCycles()
          .because("adapters are independent plug-ins")
          .allowEmptyShould(true);
    }
  },

  NO_IMPL_SUFFIX_OUTSIDE_THE_TEMPORAL_ADAPTER {
    @Override
    public ArchRule forRoot(String root) {
      return noClasses()
          .that()
          .resideInAPackage(root + "..")
          .and()
          .resideOutsideOfPackage(root + ".adapters.temporal..")
          .and(areNotGeneratedByDagger())
          .should()
          .haveSimpleNameEndingWith("Impl")
          .because(
              "classes are named for what they are (ExecuteSkillService, JpaInstanceRepository);"
                  + " only Temporal's workflow/activity idiom keeps *Impl (and Dagger's generated"
                  + " component, which nobody names)");
    }
  },

  NO_FROZEN_RULES {
    @Override
    public ArchRule forRoot(String root) {
      return noClasses()
          .that()
          .resideInAPackage(root + "..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("com.tngtech.archunit.library.freeze..")
          .because("a frozen rule accepts today's violations and so proves nothing");
    }
  },

  EVERY_CLASS_LIVES_IN_A_MODULE_PACKAGE {
    @Override
    public ArchRule forRoot(String root) {
      return classes()
          .that()
          .resideInAPackage(root + "..")
          .and()
          .doNotHaveSimpleName("package-info") // documentation only, allowed anywhere
          .should()
          .resideInAnyPackage(
              root + ".ports..", root + ".core..", root + ".adapters.*..", root + ".app..")
          .because("a class outside the known module packages would escape every rule above");
    }
  };

  /** Where ServiceTsunami's production classes live. */
  public static final String PRODUCTION_ROOT = "io.servicetsunami";

  /** This rule for the classes under {@code root} (e.g. {@value #PRODUCTION_ROOT}). */
  public abstract ArchRule forRoot(String root);

  private static ArchRule technologyOnlyIn(
      String root, String ownerPackage, String... technologyPackages) {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .and()
        .resideOutsideOfPackage(root + ownerPackage)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(technologyPackages)
        .because("each technology stays inside the one module that adapts it");
  }

  /**
   * Code that Dagger generates (the {@code Dagger*} component and the classes nested in it) is
   * named by Dagger, not by us; it carries {@code @dagger.internal.DaggerGenerated} on its
   * outermost class.
   */
  private static com.tngtech.archunit.base.DescribedPredicate<
          com.tngtech.archunit.core.domain.JavaClass>
      areNotGeneratedByDagger() {
    return com.tngtech.archunit.base.DescribedPredicate.describe(
        "are not generated by Dagger",
        javaClass -> {
          com.tngtech.archunit.core.domain.JavaClass outermost = javaClass;
          while (outermost.getEnclosingClass().isPresent()) {
            outermost = outermost.getEnclosingClass().get();
          }
          return !outermost.isAnnotatedWith("dagger.internal.DaggerGenerated");
        });
  }
}
