package io.servicetsunami.adapters.temporal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.testing.InMemoryWorkflowEngine;
import io.temporal.activity.ActivityInterface;
import io.temporal.workflow.WorkflowInterface;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Histories are stored in plain text, so no credential, token or other decrypted value may reach
 * one. The step fakes hold such secrets the way the real steps do; every scenario's history — and
 * every committed history — is scanned for them. A structural check keeps payloads to ids, names,
 * counts and messages, so a port record carrying a {@code Secret} cannot slip in either.
 */
class NoSecretsInHistoryTest {

  private static final List<String> SECRETS =
      List.of(
          ScriptedTaskSteps.GATEWAY_TOKEN,
          ScriptedProvisionSteps.INSTANCE_TOKEN,
          ScriptedDataSyncSteps.CONNECTOR_PASSWORD);

  @Test
  void noRecordedHistoryHoldsASecret() {
    try (TestTemporal temporal = TestTemporal.start(client -> new InMemoryWorkflowEngine())) {
      Map<String, String> ids = new HistoryScenarios(temporal).runAll();

      assertThat(ids).hasSizeGreaterThanOrEqualTo(16);
      for (String workflowId : ids.values()) {
        String history = temporal.client().fetchHistory(workflowId).toJson(false);
        assertThat(history).as(workflowId).isNotEmpty();
        for (String secret : SECRETS) {
          assertThat(history).as(workflowId).doesNotContain(secret);
        }
      }
    }
  }

  @Test
  void noCommittedHistoryHoldsASecret() throws IOException {
    try (Stream<Path> files = Files.list(ReplayTest.HISTORIES)) {
      for (Path file : files.toList()) {
        String history = Files.readString(file);
        for (String secret : SECRETS) {
          assertThat(history).as(file.toString()).doesNotContain(secret);
        }
      }
    }
  }

  private static final Set<Type> PLAIN =
      Set.of(
          String.class,
          boolean.class,
          int.class,
          long.class,
          double.class,
          void.class,
          Boolean.class,
          Integer.class,
          Long.class,
          Double.class);

  @Test
  void payloadsCarryOnlyPlainValuesAndOtherPayloads() {
    List<String> offending = new ArrayList<>();
    for (Class<?> type : payloadAndInterfaceTypes()) {
      if (type.isRecord()) {
        for (RecordComponent component : type.getRecordComponents()) {
          check(
              type.getSimpleName() + "." + component.getName(),
              component.getGenericType(),
              offending);
        }
      } else {
        for (Method method : type.getDeclaredMethods()) {
          check(
              type.getSimpleName() + "." + method.getName(),
              method.getGenericReturnType(),
              offending);
          for (Type parameter : method.getGenericParameterTypes()) {
            check(type.getSimpleName() + "." + method.getName(), parameter, offending);
          }
        }
      }
    }
    assertThat(offending).isEmpty();
  }

  private static void check(String where, Type type, List<String> offending) {
    if (PLAIN.contains(type)) {
      return;
    }
    if (type instanceof Class<?> c && c.isRecord() && c.getSimpleName().endsWith("Payload")) {
      return;
    }
    if (type instanceof ParameterizedType p
        && (p.getRawType() == List.class || p.getRawType() == Map.class)) {
      for (Type argument : p.getActualTypeArguments()) {
        if (argument != Object.class) {
          check(where, argument, offending);
        }
      }
      return;
    }
    offending.add(where + ": " + type.getTypeName());
  }

  private static List<Class<?>> payloadAndInterfaceTypes() {
    List<Class<?>> types = new ArrayList<>();
    for (Class<?> type :
        List.of(
            TaskExecutionWorkflow.class,
            OpenClawProvisionWorkflow.class,
            DatasetSyncWorkflow.class,
            DataSourceSyncWorkflow.class,
            ScheduledSyncWorkflow.class,
            KnowledgeExtractionWorkflow.class,
            AgentKitExecutionWorkflow.class,
            ScheduleLoopWorkflow.class,
            ScheduledStartWorkflow.class,
            TaskExecutionActivities.class,
            ProvisionActivities.class,
            DataSyncActivities.class,
            SchedulingActivities.class)) {
      assertThat(
              type.isAnnotationPresent(WorkflowInterface.class)
                  || type.isAnnotationPresent(ActivityInterface.class))
          .isTrue();
      types.add(type);
    }
    types.addAll(
        List.of(
            TaskExecutionPayload.class,
            TaskOutcomePayload.class,
            ApprovePayload.class,
            RejectPayload.class,
            DispatchedPayload.class,
            ExecutedPayload.class,
            ProvisionPayload.class,
            DatasetSyncPayload.class,
            DataSourceSyncPayload.class,
            TableSyncResultPayload.class,
            ScheduledSyncPayload.class,
            ScheduledSyncResultPayload.class,
            KnowledgeExtractionPayload.class,
            AgentKitPayload.class,
            WorkflowInputPayload.class,
            SchedulePayload.class,
            StartRequestPayload.class,
            ScheduleLoopPayload.class));
    return types;
  }
}
