package io.servicetsunami.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import io.servicetsunami.canary.adapters.BadSharedAdapterHelper;
import io.servicetsunami.canary.adapters.k8s.BadK8sCallsOpenClaw;
import io.servicetsunami.canary.adapters.k8s.BadK8sOpensWebSocket;
import io.servicetsunami.canary.adapters.openclaw.BadOpenClawCallsK8s;
import io.servicetsunami.canary.adapters.openclaw.BadOpenClawUsesTemporal;
import io.servicetsunami.canary.adapters.persistence.BadPersistenceServesHttp;
import io.servicetsunami.canary.adapters.persistence.BadPersistenceUsesApp;
import io.servicetsunami.canary.adapters.persistence.BadPersistenceUsesCore;
import io.servicetsunami.canary.adapters.temporal.BadTemporalIsInjected;
import io.servicetsunami.canary.adapters.temporal.BadTemporalUsesJpa;
import io.servicetsunami.canary.app.BadAppFreezesARule;
import io.servicetsunami.canary.app.BadAppOpensTyrusClient;
import io.servicetsunami.canary.app.BadAppRunsFlyway;
import io.servicetsunami.canary.app.BadAppTalksToKubernetes;
import io.servicetsunami.canary.core.BadCoreDependsOnAdapter;
import io.servicetsunami.canary.core.BadCoreGeneratesRandomness;
import io.servicetsunami.canary.core.BadCoreIsADaggerModule;
import io.servicetsunami.canary.core.BadCoreManagesThreads;
import io.servicetsunami.canary.core.BadCoreReadsSystemClock;
import io.servicetsunami.canary.core.BadCoreUsesTemporal;
import io.servicetsunami.canary.core.BadServiceImpl;
import io.servicetsunami.canary.ports.BadPortCallsApp;
import io.servicetsunami.canary.ports.BadPortLeaksHibernate;
import io.servicetsunami.canary.ports.BadPortTakesJavalinContext;
import io.servicetsunami.canary.shared.BadStrayHelper;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves that every rule can fail: the canaries mirror the production packages under their own
 * root, and each breaks at least one rule on purpose.
 */
class CanaryTest {

  private static final String CANARY_ROOT = "io.servicetsunami.canary";

  // Only the canaries: a violation found here cannot come from production code.
  private static final JavaClasses CANARIES = new ClassFileImporter().importPackages(CANARY_ROOT);

  @ParameterizedTest(name = "{0}")
  @EnumSource(ArchitectureRule.class)
  void everyRuleReportsAViolationAmongTheCanaries(ArchitectureRule rule) {
    EvaluationResult result = rule.forRoot(CANARY_ROOT).evaluate(CANARIES);

    assertThat(result.hasViolation())
        .as("%s passes on the canaries: add a canary under %s that breaks it", rule, CANARY_ROOT)
        .isTrue();
  }

  @ParameterizedTest(name = "{0} reports {1} for {2}")
  @MethodSource("expectedViolations")
  void ruleReportsTheOffenceItsCanaryCommits(
      ArchitectureRule rule, Class<?> canary, String offence) {
    EvaluationResult result = rule.forRoot(CANARY_ROOT).evaluate(CANARIES);

    assertThat(result.getFailureReport().getDetails())
        .as("violations of %s", rule)
        .anySatisfy(detail -> assertThat(detail).contains(canary.getName()).contains(offence));
  }

  @Test
  void everyBadCanaryBreaksSomeRule() {
    String allViolations =
        Arrays.stream(ArchitectureRule.values())
            .flatMap(
                rule ->
                    rule
                        .forRoot(CANARY_ROOT)
                        .evaluate(CANARIES)
                        .getFailureReport()
                        .getDetails()
                        .stream())
            .collect(Collectors.joining("\n"));

    // The well-behaved helpers (Canary*) exist only as dependency targets for the bad ones.
    assertThat(CANARIES.stream().filter(canary -> canary.getSimpleName().startsWith("Bad")))
        .isNotEmpty()
        .allSatisfy(canary -> assertThat(allViolations).contains(canary.getName()));
  }

  /** Each canary with the rule it was written for and a fragment of the expected violation. */
  static Stream<Arguments> expectedViolations() {
    return Stream.of(
        arguments(
            ArchitectureRule.PORTS_DEPEND_ONLY_ON_THE_JDK,
            BadPortLeaksHibernate.class,
            "org.hibernate.Session"),
        arguments(
            ArchitectureRule.PORTS_DEPEND_ONLY_ON_THE_JDK,
            BadPortTakesJavalinContext.class,
            "io.javalin.http.Context"),
        arguments(
            ArchitectureRule.PORTS_DEPEND_ONLY_ON_THE_JDK,
            BadPortCallsApp.class,
            "io.servicetsunami.canary.app."),
        arguments(
            ArchitectureRule.CORE_DEPENDS_ONLY_ON_PORTS_AND_THE_JDK,
            BadCoreUsesTemporal.class,
            "io.temporal.workflow.Workflow"),
        arguments(
            ArchitectureRule.CORE_DEPENDS_ONLY_ON_PORTS_AND_THE_JDK,
            BadCoreDependsOnAdapter.class,
            "io.servicetsunami.canary.adapters.persistence."),
        arguments(
            ArchitectureRule.CORE_NEVER_READS_THE_SYSTEM_CLOCK,
            BadCoreReadsSystemClock.class,
            "java.time.Instant.now()"),
        arguments(
            ArchitectureRule.CORE_NEVER_READS_THE_SYSTEM_CLOCK,
            BadCoreReadsSystemClock.class,
            "java.time.LocalDateTime.now()"),
        arguments(
            ArchitectureRule.CORE_NEVER_READS_THE_SYSTEM_CLOCK,
            BadCoreReadsSystemClock.class,
            "java.time.ZonedDateTime.now()"),
        arguments(
            ArchitectureRule.CORE_NEVER_READS_THE_SYSTEM_CLOCK,
            BadCoreReadsSystemClock.class,
            "java.time.OffsetDateTime.now()"),
        arguments(
            ArchitectureRule.CORE_NEVER_READS_THE_SYSTEM_CLOCK,
            BadCoreReadsSystemClock.class,
            "java.time.LocalDate.now()"),
        arguments(
            ArchitectureRule.CORE_NEVER_READS_THE_SYSTEM_CLOCK,
            BadCoreReadsSystemClock.class,
            "java.lang.System.currentTimeMillis()"),
        arguments(
            ArchitectureRule.CORE_NEVER_READS_THE_SYSTEM_CLOCK,
            BadCoreReadsSystemClock.class,
            "java.lang.System.nanoTime()"),
        arguments(
            ArchitectureRule.CORE_NEVER_READS_THE_SYSTEM_CLOCK,
            BadCoreReadsSystemClock.class,
            "java.time.Clock.systemUTC()"),
        arguments(
            ArchitectureRule.CORE_NEVER_GENERATES_IDS_OR_RANDOMNESS,
            BadCoreGeneratesRandomness.class,
            "java.util.UUID.randomUUID()"),
        arguments(
            ArchitectureRule.CORE_NEVER_GENERATES_IDS_OR_RANDOMNESS,
            BadCoreGeneratesRandomness.class,
            "java.util.UUID.nameUUIDFromBytes("),
        arguments(
            ArchitectureRule.CORE_NEVER_GENERATES_IDS_OR_RANDOMNESS,
            BadCoreGeneratesRandomness.class,
            "java.lang.Math.random()"),
        arguments(
            ArchitectureRule.CORE_NEVER_GENERATES_IDS_OR_RANDOMNESS,
            BadCoreGeneratesRandomness.class,
            "java.util.Random.<init>()"),
        arguments(
            ArchitectureRule.CORE_NEVER_GENERATES_IDS_OR_RANDOMNESS,
            BadCoreGeneratesRandomness.class,
            "java.util.concurrent.ThreadLocalRandom.current()"),
        arguments(
            ArchitectureRule.CORE_NEVER_GENERATES_IDS_OR_RANDOMNESS,
            BadCoreGeneratesRandomness.class,
            "java.security.SecureRandom.<init>()"),
        arguments(
            ArchitectureRule.CORE_NEVER_STARTS_OR_BLOCKS_THREADS,
            BadCoreManagesThreads.class,
            "java.lang.Thread.sleep(long)"),
        arguments(
            ArchitectureRule.CORE_NEVER_STARTS_OR_BLOCKS_THREADS,
            BadCoreManagesThreads.class,
            "java.lang.Thread.<init>(java.lang.Runnable)"),
        arguments(
            ArchitectureRule.CORE_NEVER_STARTS_OR_BLOCKS_THREADS,
            BadCoreManagesThreads.class,
            "java.util.concurrent.Executors.newSingleThreadExecutor()"),
        arguments(
            ArchitectureRule.ADAPTERS_DEPEND_ONLY_ON_PORTS_AND_THIRD_PARTY_LIBRARIES,
            BadPersistenceUsesCore.class,
            "io.servicetsunami.canary.core."),
        arguments(
            ArchitectureRule.ADAPTERS_DEPEND_ONLY_ON_PORTS_AND_THIRD_PARTY_LIBRARIES,
            BadPersistenceUsesApp.class,
            "io.servicetsunami.canary.app."),
        arguments(
            ArchitectureRule.ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER,
            BadOpenClawCallsK8s.class,
            BadK8sCallsOpenClaw.class.getName()),
        arguments(
            ArchitectureRule.ADAPTERS_ARE_FREE_OF_CYCLES,
            BadK8sCallsOpenClaw.class,
            BadOpenClawCallsK8s.class.getName()),
        arguments(
            ArchitectureRule.MODULES_ARE_FREE_OF_CYCLES,
            BadPortCallsApp.class,
            "io.servicetsunami.canary.app."),
        arguments(
            ArchitectureRule.TEMPORAL_ONLY_IN_THE_TEMPORAL_ADAPTER,
            BadCoreUsesTemporal.class,
            "io.temporal.workflow.Workflow"),
        arguments(
            ArchitectureRule.TEMPORAL_ONLY_IN_THE_TEMPORAL_ADAPTER,
            BadOpenClawUsesTemporal.class,
            "io.temporal."),
        arguments(
            ArchitectureRule.PERSISTENCE_TECHNOLOGY_ONLY_IN_THE_PERSISTENCE_ADAPTER,
            BadPortLeaksHibernate.class,
            "org.hibernate.Session"),
        arguments(
            ArchitectureRule.PERSISTENCE_TECHNOLOGY_ONLY_IN_THE_PERSISTENCE_ADAPTER,
            BadTemporalUsesJpa.class,
            "jakarta.persistence.EntityManager"),
        arguments(
            ArchitectureRule.PERSISTENCE_TECHNOLOGY_ONLY_IN_THE_PERSISTENCE_ADAPTER,
            BadAppRunsFlyway.class,
            "org.flywaydb.core.Flyway"),
        arguments(
            ArchitectureRule.WEBSOCKET_TECHNOLOGY_ONLY_IN_THE_OPENCLAW_ADAPTER,
            BadK8sOpensWebSocket.class,
            "jakarta.websocket."),
        arguments(
            ArchitectureRule.WEBSOCKET_TECHNOLOGY_ONLY_IN_THE_OPENCLAW_ADAPTER,
            BadAppOpensTyrusClient.class,
            "org.glassfish.tyrus.client.ClientManager"),
        arguments(
            ArchitectureRule.KUBERNETES_CLIENT_ONLY_IN_THE_K8S_ADAPTER,
            BadAppTalksToKubernetes.class,
            "io.kubernetes.client.openapi.ApiClient"),
        arguments(
            ArchitectureRule.JAVALIN_ONLY_IN_THE_APP,
            BadPortTakesJavalinContext.class,
            "io.javalin.http.Context"),
        arguments(
            ArchitectureRule.JAVALIN_ONLY_IN_THE_APP,
            BadPersistenceServesHttp.class,
            "io.javalin.Javalin"),
        arguments(
            ArchitectureRule.DEPENDENCY_INJECTION_ONLY_IN_THE_APP,
            BadCoreIsADaggerModule.class,
            "dagger.Module"),
        arguments(
            ArchitectureRule.DEPENDENCY_INJECTION_ONLY_IN_THE_APP,
            BadTemporalIsInjected.class,
            "jakarta.inject.Inject"),
        arguments(
            ArchitectureRule.NO_IMPL_SUFFIX_OUTSIDE_THE_TEMPORAL_ADAPTER,
            BadServiceImpl.class,
            "Impl"),
        arguments(
            ArchitectureRule.NO_FROZEN_RULES,
            BadAppFreezesARule.class,
            "com.tngtech.archunit.library.freeze.TextFileBasedViolationStore"),
        arguments(
            ArchitectureRule.EVERY_CLASS_LIVES_IN_A_MODULE_PACKAGE,
            BadStrayHelper.class,
            "io.servicetsunami.canary.shared"),
        arguments(
            ArchitectureRule.EVERY_CLASS_LIVES_IN_A_MODULE_PACKAGE,
            BadSharedAdapterHelper.class,
            "io.servicetsunami.canary.adapters"));
  }
}
