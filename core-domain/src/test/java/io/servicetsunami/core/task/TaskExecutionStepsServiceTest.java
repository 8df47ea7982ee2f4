package io.servicetsunami.core.task;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.servicetsunami.core.workflow.WorkflowCatalog;
import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.in.TaskExecutionSteps.Dispatched;
import io.servicetsunami.ports.in.TaskExecutionSteps.Executed;
import io.servicetsunami.ports.model.Agent;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.AgentMemory;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.ExecutionTrace;
import io.servicetsunami.ports.model.KnowledgeEntity;
import io.servicetsunami.ports.model.MemoryId;
import io.servicetsunami.ports.model.MemoryType;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.SkillStats;
import io.servicetsunami.ports.model.StepType;
import io.servicetsunami.ports.model.TaskStatus;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TenantInstance;
import io.servicetsunami.ports.model.TraceId;
import io.servicetsunami.ports.model.UserId;
import io.servicetsunami.ports.out.AgentRuntime;
import io.servicetsunami.ports.out.AgentRuntime.AgentRun;
import io.servicetsunami.ports.out.AgentRuntime.AgentRunResult;
import io.servicetsunami.ports.out.AgentRuntime.ToolCall;
import io.servicetsunami.ports.out.GatewayEndpoint;
import io.servicetsunami.ports.out.Page;
import io.servicetsunami.ports.testing.FakeAgentRuntime;
import io.servicetsunami.ports.testing.Fixtures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskExecutionStepsServiceTest {

  private final TaskWorld world = new TaskWorld();
  private final TenantId tenant = world.tenant;
  private final TaskExecutionStepsService steps = world.steps();

  /** Runs steps 1 and 2 and returns the recalled memories. */
  private List<MemoryId> dispatchAndRecall(AgentTask task) {
    steps.dispatch(tenant, task.id());
    return steps.recallMemory(tenant, task.id());
  }

  /** Runs steps 1 to 3. */
  private Executed runUpToExecute(AgentTask task) {
    return steps.execute(tenant, task.id(), dispatchAndRecall(task));
  }

  @Test
  void stepOrdersAreTheCatalogsOneToFive() {
    assertThat(
            List.of(
                TaskExecutionStepsService.DISPATCH_ORDER,
                TaskExecutionStepsService.RECALL_ORDER,
                TaskExecutionStepsService.EXECUTE_ORDER,
                TaskExecutionStepsService.PERSIST_ORDER,
                TaskExecutionStepsService.EVALUATE_ORDER))
        .containsExactly(1, 2, 3, 4, 5);
    assertThat(WorkflowCatalog.TASK_EXECUTION.steps())
        .extracting(s -> s.traceStep().orElseThrow())
        .containsExactly(
            StepType.DISPATCHED,
            StepType.MEMORY_RECALL,
            StepType.EXECUTING,
            StepType.ENTITY_PERSIST,
            StepType.COMPLETED);
  }

  @Test
  void everyStepWritesOneTraceUnderAnIdDerivedFromTaskStepTypeAndOrder() {
    world.agent("Alpha", List.of("research"));
    AgentTask task = world.task(List.of("research"));

    runUpToExecute(task);
    steps.persistEntities(tenant, task.id());
    steps.evaluate(tenant, task.id());

    List<ExecutionTrace> traces = world.traces(task);
    assertThat(traces)
        .extracting(ExecutionTrace::stepType)
        .containsExactly(
            StepType.DISPATCHED,
            StepType.MEMORY_RECALL,
            StepType.EXECUTING,
            StepType.ENTITY_PERSIST,
            StepType.COMPLETED);
    assertThat(traces).extracting(ExecutionTrace::stepOrder).containsExactly(1, 2, 3, 4, 5);
    assertThat(traces)
        .extracting(ExecutionTrace::id)
        .containsExactly(
            new TraceId(world.ids.idFor("trace:" + task.id() + ":dispatched:1")),
            new TraceId(world.ids.idFor("trace:" + task.id() + ":memory_recall:2")),
            new TraceId(world.ids.idFor("trace:" + task.id() + ":executing:3")),
            new TraceId(world.ids.idFor("trace:" + task.id() + ":entity_persist:4")),
            new TraceId(world.ids.idFor("trace:" + task.id() + ":completed:5")));
    assertThat(traces).allSatisfy(t -> assertThat(t.durationMs()).isPositive());
    assertThat(traces).allSatisfy(t -> assertThat(t.agentId()).isPresent());
  }

  @Test
  void stepsOfAnotherTenantFindNoTaskAndChangeNothing() {
    world.agent("Alpha", List.of("research"));
    AgentTask task = world.task(List.of("research"));
    TenantId other = world.newTenant();

    assertPortError(
        NotFoundException.class, ErrorCode.TASK_NOT_FOUND, () -> steps.dispatch(other, task.id()));
    assertPortError(
        NotFoundException.class,
        ErrorCode.TASK_NOT_FOUND,
        () -> steps.fail(other, task.id(), 1, "not yours"));

    assertThat(world.reload(task)).isEqualTo(task);
    assertThat(world.traces.all()).isEmpty();
  }

  @Nested
  class Dispatch {

    @Test
    void assignsTheAgentCoveringAllRequiredCapabilitiesAndMovesTheTaskToThinking() {
      world.agent("Writer", List.of("summarize"));
      Agent researcher = world.agent("Researcher", List.of("research", "summarize"));
      AgentTask task = world.task(List.of("research", "summarize"));

      Dispatched dispatched = steps.dispatch(tenant, task.id());

      assertThat(dispatched.agentId()).isEqualTo(researcher.id());
      AgentTask stored = world.reload(task);
      assertThat(stored.status()).isEqualTo(TaskStatus.THINKING);
      assertThat(stored.assignedAgentId()).contains(researcher.id());
      assertThat(stored.startedAt()).isPresent();
    }

    @Test
    void prefersTheMostProficientQualifyingAgentAndRecordsWhy() {
      Agent alpha =
          world.agent(
              "Alpha", List.of("research", "summarize"), Map.of("research", stats(4, 3, 0.9)));
      world.agent("Beta", List.of("research"), Map.of("research", stats(4, 4, 0.6)));
      world.agent("Gamma", List.of("coding"), Map.of("coding", stats(9, 9, 1.0)));
      AgentTask task = world.task(List.of("research"));

      Dispatched dispatched = steps.dispatch(tenant, task.id());

      assertThat(dispatched.agentId()).isEqualTo(alpha.id());
      assertThat(dispatched.reason())
          .contains("Alpha covers research")
          .contains("proficiency 0.900")
          .contains("success rate 0.750")
          .contains("best of 2 qualifying of 3 agents");
      ExecutionTrace trace = world.onlyTrace(task, StepType.DISPATCHED);
      assertThat(trace.stepOrder()).isEqualTo(1);
      assertThat(trace.agentId()).contains(alpha.id());
      assertThat(trace.details())
          .containsEntry("agent_id", alpha.id().toString())
          .containsEntry("matched_capabilities", List.of("research"))
          .containsEntry("proficiency", 0.9)
          .containsEntry("success_rate", 0.75)
          .containsEntry("qualifying_agents", 2)
          .containsEntry("candidates", 3)
          .containsEntry("reason", dispatched.reason());
    }

    @Test
    void breaksProficiencyTiesBySuccessRateThenByName() {
      world.agent("Ada", List.of("research"), Map.of("research", stats(10, 5, 0.7)));
      Agent reliable =
          world.agent("Zed", List.of("research"), Map.of("research", stats(10, 9, 0.7)));
      AgentTask bySuccess = world.task(List.of("research"));
      assertThat(steps.dispatch(tenant, bySuccess.id()).agentId()).isEqualTo(reliable.id());

      TaskWorld fresh = new TaskWorld();
      fresh.agent("Zoe", List.of("research"));
      Agent first = fresh.agent("Abe", List.of("research"));
      AgentTask byName = fresh.task(List.of("research"));
      assertThat(fresh.steps().dispatch(fresh.tenant, byName.id()).agentId()).isEqualTo(first.id());
    }

    @Test
    void matchesCapabilitiesIgnoringCase() {
      Agent agent = world.agent("Alpha", List.of("Research"));
      AgentTask task = world.task(List.of("RESEARCH"));

      Dispatched dispatched = steps.dispatch(tenant, task.id());

      assertThat(dispatched.agentId()).isEqualTo(agent.id());
      assertThat(world.onlyTrace(task, StepType.DISPATCHED).details())
          .containsEntry("matched_capabilities", List.of("Research"));
    }

    @Test
    void letsEveryAgentQualifyWhenNoCapabilityIsRequiredAndRanksByTheTaskType() {
      world.agent("Alpha", List.of("coding"));
      Agent experienced =
          world.agent("Omega", List.of("coding"), Map.of("research", stats(5, 5, 0.95)));
      AgentTask task = world.task(List.of());

      Dispatched dispatched = steps.dispatch(tenant, task.id());

      assertThat(dispatched.agentId()).isEqualTo(experienced.id());
      assertThat(dispatched.reason())
          .contains("no capabilities are required")
          .contains("over [research]");
    }

    @Test
    void refusesWithNoAgentAvailableWhenNoAgentCoversTheRequirement() {
      world.agent("Alpha", List.of("research"));
      AgentTask task = world.task(List.of("research", "quantum"));

      ConflictException error =
          assertPortError(
              ConflictException.class,
              ErrorCode.NO_AGENT_AVAILABLE,
              () -> steps.dispatch(tenant, task.id()));

      assertThat(error).hasMessageContaining("quantum");
      assertThat(world.reload(task).status()).isEqualTo(TaskStatus.QUEUED);
      assertThat(world.traces(task)).isEmpty();
    }

    @Test
    void neverChoosesAnAgentOfAnotherTenant() {
      TenantId other = world.newTenant();
      world.agent(other, "Foreign", List.of("research"), Map.of());
      AgentTask task = world.task(List.of("research"));

      assertPortError(
          ConflictException.class,
          ErrorCode.NO_AGENT_AVAILABLE,
          () -> steps.dispatch(tenant, task.id()));
    }

    @Test
    void retriedReturnsTheSameAgentAndReasonAndWritesOneTrace() {
      Agent first = world.agent("Beta", List.of("research"));
      AgentTask task = world.task(List.of("research"));
      Dispatched dispatched = steps.dispatch(tenant, task.id());
      AgentTask afterFirst = world.reload(task);
      // A better agent appearing between attempts must not change an assignment already made.
      world.agent("Alpha", List.of("research"), Map.of("research", stats(3, 3, 1.0)));

      Dispatched retried = steps.dispatch(tenant, task.id());

      assertThat(retried).isEqualTo(dispatched);
      assertThat(retried.agentId()).isEqualTo(first.id());
      assertThat(world.reload(task)).isEqualTo(afterFirst);
      assertThat(world.traces(task, StepType.DISPATCHED)).hasSize(1);
    }

    @Test
    void thatLosesARaceToAConcurrentAttemptAdoptsItsAssignment() {
      Agent agent = world.agent("Alpha", List.of("research"));
      AgentTask task = world.task(List.of("research"));
      RacingStores.Tasks racing = new RacingStores.Tasks(world.tasks);
      racing.beforeNextUpdate(() -> steps.dispatch(tenant, task.id()));

      Dispatched dispatched =
          world.steps(racing, world.agents, Optional.empty()).dispatch(tenant, task.id());

      assertThat(dispatched.agentId()).isEqualTo(agent.id());
      assertThat(world.reload(task).revision()).isEqualTo(1);
      assertThat(world.traces(task, StepType.DISPATCHED)).hasSize(1);
    }

    @Test
    void ofAFailedTaskIsAnInvalidTransition() {
      world.agent("Alpha", List.of("research"));
      AgentTask task = world.task(List.of("research"));
      steps.fail(tenant, task.id(), 1, "cancelled");

      assertPortError(
          ConflictException.class,
          ErrorCode.INVALID_TRANSITION,
          () -> steps.dispatch(tenant, task.id()));
    }
  }

  @Nested
  class RecallMemory {

    @Test
    void returnsAtMostFiveMemoriesOfImportanceAtLeastThreeTenthsMostImportantFirst() {
      Agent agent = world.agent("Alpha", List.of("research"));
      AgentMemory m90 = world.memory(agent, "note one", 0.9);
      AgentMemory m80 = world.memory(agent, "note two", 0.8);
      AgentMemory m70 = world.memory(agent, "note three", 0.7);
      AgentMemory m60 = world.memory(agent, "note four", 0.6);
      AgentMemory m50 = world.memory(agent, "note five", 0.5);
      world.memory(agent, "note six", 0.4);
      world.memory(agent, "note seven", 0.2);
      AgentTask task = world.task(List.of("research"));

      List<MemoryId> recalled = dispatchAndRecall(task);

      assertThat(recalled).containsExactly(m90.id(), m80.id(), m70.id(), m60.id(), m50.id());
    }

    @Test
    void leavesOutMemoriesBelowTheThreshold() {
      Agent agent = world.agent("Alpha", List.of("research"));
      AgentMemory kept = world.memory(agent, "note kept", 0.3);
      world.memory(agent, "Acme quarterly report summary", 0.29);
      AgentTask task = world.task(List.of("research"));

      assertThat(dispatchAndRecall(task)).containsExactly(kept.id());
    }

    @Test
    void ranksAMemorySharingTheObjectivesKeywordsAboveAMoreImportantUnrelatedOne() {
      Agent agent = world.agent("Alpha", List.of("research"));
      AgentMemory unrelated = world.memory(agent, "The office closes at six", 0.8);
      AgentMemory related = world.memory(agent, "Acme publishes its quarterly report late", 0.5);
      AgentTask task =
          world.task("Summarise the quarterly report of Acme", List.of("research"), false);

      List<MemoryId> recalled = dispatchAndRecall(task);

      assertThat(recalled).containsExactly(related.id(), unrelated.id());
      List<?> ranked =
          (List<?>) world.onlyTrace(task, StepType.MEMORY_RECALL).details().get("memories");
      assertThat(json(ranked.get(0))).containsEntry("relevance", 0.875);
    }

    @Test
    void marksRecalledMemoriesAccessedOnceAndRetriedReturnsTheSameMemories() {
      Agent agent = world.agent("Alpha", List.of("research"));
      AgentMemory recalledMemory = world.memory(agent, "note", 0.9);
      AgentMemory ignored = world.memory(agent, "trivia", 0.1);
      AgentTask task = world.task(List.of("research"));
      steps.dispatch(tenant, task.id());

      List<MemoryId> first = steps.recallMemory(tenant, task.id());
      world.memory(agent, "a newer, more important note", 1.0);
      List<MemoryId> retried = steps.recallMemory(tenant, task.id());

      assertThat(retried).isEqualTo(first).containsExactly(recalledMemory.id());
      assertThat(world.storedMemory(recalledMemory.id()).accessCount()).isEqualTo(1);
      assertThat(world.storedMemory(recalledMemory.id()).lastAccessedAt()).isPresent();
      assertThat(world.storedMemory(ignored.id()).accessCount()).isZero();
      ExecutionTrace trace = world.onlyTrace(task, StepType.MEMORY_RECALL);
      assertThat(trace.stepOrder()).isEqualTo(2);
      assertThat(trace.details())
          .containsEntry("memory_ids", List.of(recalledMemory.id().toString()))
          .containsEntry("count", 1)
          .containsEntry("min_importance", 0.3)
          .containsEntry("limit", 5);
    }

    @Test
    void withoutMemoriesReturnsNothingAndStillTracesTheStep() {
      world.agent("Alpha", List.of("research"));
      AgentTask task = world.task(List.of("research"));

      assertThat(dispatchAndRecall(task)).isEmpty();
      assertThat(world.onlyTrace(task, StepType.MEMORY_RECALL).details()).containsEntry("count", 0);
    }

    @Test
    void ofATaskNotYetDispatchedIsAnInvalidTransition() {
      AgentTask task = world.task(List.of("research"));

      assertPortError(
          ConflictException.class,
          ErrorCode.INVALID_TRANSITION,
          () -> steps.recallMemory(tenant, task.id()));
    }
  }

  @Nested
  class Execute {

    @Test
    void runsTheTaskOnTheRuntimeAndStoresItsOutput() {
      Agent agent = world.agent("Alpha", List.of("research"));
      world.memory(agent, "Acme reports in euros", 0.9);
      AgentTask task = world.task(List.of("research"));

      Executed executed = runUpToExecute(task);

      assertThat(executed.awaitingApproval()).isFalse();
      AgentTask stored = world.reload(task);
      assertThat(stored.status()).isEqualTo(TaskStatus.EXECUTING);
      assertThat(stored.output()).containsEntry("summary", "Done.").containsEntry("text", "Done.");
      AgentRun run = world.runtime.runs().get(0);
      assertThat(run.tenantId()).isEqualTo(tenant);
      assertThat(run.agentId()).isEqualTo(agent.id());
      assertThat(run.sessionKey()).isEqualTo("task-" + task.id());
      assertThat(run.idempotencyKey()).isEqualTo("task-" + task.id() + ":execute_task");
      assertThat(run.llmModel()).isEqualTo(TaskWorld.TENANT_MODEL);
      assertThat(run.context()).containsEntry("source", "q3-report.pdf");
      assertThat(run.instructions()).isEqualTo(agent.instructions());
      assertThat(run.prompt())
          .contains(agent.instructions())
          .contains("Acme reports in euros")
          .endsWith(task.objective());
      assertThat(run.gateway()).isEmpty();
      ExecutionTrace trace = world.onlyTrace(task, StepType.EXECUTING);
      assertThat(trace.stepOrder()).isEqualTo(3);
      assertThat(trace.details())
          .containsEntry("session_key", "task-" + task.id())
          .containsEntry("memories_in_prompt", 1)
          .containsEntry("tool_calls", 0)
          .containsEntry("awaiting_approval", false);
    }

    @Test
    void usesTheAgentsOwnModelOverTheTenantDefault() {
      Agent agent = world.agent("Alpha", List.of("research"));
      world.agents.update(
          new Agent(
              agent.id(),
              tenant,
              agent.name(),
              agent.description(),
              agent.capabilities(),
              agent.instructions(),
              Optional.of("gpt-5"),
              agent.skillStats(),
              agent.revision(),
              agent.createdAt(),
              agent.updatedAt()));
      AgentTask task = world.task(List.of("research"));

      runUpToExecute(task);

      assertThat(world.runtime.runs().get(0).llmModel()).isEqualTo("gpt-5");
    }

    @Test
    void writesOneSkillCallTracePerToolCallWithCredentialsRedacted() {
      world.agent("Alpha", List.of("research"));
      world.runtime.returns(
          new AgentRunResult(
              "Acme grew 12%.",
              Map.of(),
              List.of(
                  new ToolCall(
                      "web_search",
                      Map.of("query", "acme q3", "api_key", "sk-live-123"),
                      Map.of("hits", 3),
                      false),
                  new ToolCall(
                      "fetch_page",
                      Map.of(
                          "url",
                          "https://acme.example",
                          "headers",
                          Map.of("Authorization", "Bearer abc")),
                      Map.of("error", "timeout"),
                      true))));
      AgentTask task = world.task(List.of("research"));

      runUpToExecute(task);

      List<ExecutionTrace> calls = world.traces(task, StepType.SKILL_CALL);
      assertThat(calls).hasSize(2);
      assertThat(calls).allSatisfy(c -> assertThat(c.stepOrder()).isEqualTo(3));
      assertThat(calls)
          .extracting(ExecutionTrace::id)
          .containsExactlyInAnyOrder(
              new TraceId(world.ids.idFor("trace:" + task.id() + ":skill_call:3:0")),
              new TraceId(world.ids.idFor("trace:" + task.id() + ":skill_call:3:1")));
      ExecutionTrace search =
          calls.stream()
              .filter(c -> "web_search".equals(c.details().get("tool")))
              .findFirst()
              .orElseThrow();
      assertThat(search.details()).containsEntry("error", false);
      assertThat(json(search.details().get("arguments")))
          .containsEntry("query", "acme q3")
          .containsEntry("api_key", TraceRedaction.MASK);
      assertThat(world.traces(task).toString()).doesNotContain("sk-live-123", "Bearer abc");
      assertThat(world.onlyTrace(task, StepType.EXECUTING).details())
          .containsEntry("tool_calls", 2)
          .containsEntry("tool_errors", 1);
    }

    @Test
    void retriedDoesNotRunAgainNorWriteTracesTwice() {
      world.agent("Alpha", List.of("research"));
      world.runtime.returns(
          new AgentRunResult(
              "Answer", Map.of(), List.of(new ToolCall("web_search", Map.of(), Map.of(), false))));
      AgentTask task = world.task(List.of("research"));
      List<MemoryId> memories = dispatchAndRecall(task);
      steps.execute(tenant, task.id(), memories);
      AgentTask afterFirst = world.reload(task);

      Executed retried = steps.execute(tenant, task.id(), memories);

      assertThat(retried.awaitingApproval()).isFalse();
      assertThat(world.runtime.executions()).isEqualTo(1);
      assertThat(world.reload(task)).isEqualTo(afterFirst);
      assertThat(world.traces(task, StepType.EXECUTING)).hasSize(1);
      assertThat(world.traces(task, StepType.SKILL_CALL)).hasSize(1);
    }

    @Test
    void retriedAfterATransientRuntimeFailureRunsOnce() {
      world.agent("Alpha", List.of("research"));
      world.runtime.failsOnceWith(
          new TransientException(ErrorCode.RUNTIME_UNAVAILABLE, "runtime restarting"));
      AgentTask task = world.task(List.of("research"));
      List<MemoryId> memories = dispatchAndRecall(task);

      assertPortError(
          TransientException.class,
          ErrorCode.RUNTIME_UNAVAILABLE,
          () -> steps.execute(tenant, task.id(), memories));
      assertThat(world.reload(task).output()).isEmpty();
      steps.execute(tenant, task.id(), memories);

      assertThat(world.runtime.executions()).isEqualTo(1);
      assertThat(world.reload(task).output()).containsEntry("text", "Done.");
      assertThat(world.traces(task, StepType.EXECUTING)).hasSize(1);
    }

    @Test
    void passesTheRunningInstancesGatewayWithItsDecryptedTokens() {
      world.agent("Alpha", List.of("research"));
      TenantInstance instance =
          world.runningInstance(Optional.of("instance-token"), Optional.of("device-token"));
      AgentTask task = world.task(List.of("research"));

      runUpToExecute(task);

      GatewayEndpoint gateway = world.runtime.runs().get(0).gateway().orElseThrow();
      assertThat(gateway.instanceId()).isEqualTo(instance.id());
      assertThat(gateway.url()).isEqualTo(instance.internalUrl().orElseThrow());
      assertThat(gateway.token().reveal()).isEqualTo("instance-token");
      assertThat(gateway.deviceToken()).map(Secret::reveal).contains("device-token");
      assertThat(world.onlyTrace(task, StepType.EXECUTING).details())
          .containsEntry("gateway_instance_id", instance.id().toString());
      assertThat(world.traces(task).toString()).doesNotContain("instance-token", "device-token");
    }

    @Test
    void usesTheSharedGatewayTokenWhenTheInstanceHasNoneOfItsOwn() {
      world.agent("Alpha", List.of("research"));
      world.runningInstance(Optional.empty(), Optional.empty());
      AgentTask task = world.task(List.of("research"));
      TaskExecutionStepsService withFallback = world.steps(Optional.of(Secret.of("shared-token")));

      withFallback.dispatch(tenant, task.id());
      withFallback.execute(tenant, task.id(), List.of());

      GatewayEndpoint gateway = world.runtime.runs().get(0).gateway().orElseThrow();
      assertThat(gateway.token().reveal()).isEqualTo("shared-token");
      assertThat(gateway.deviceToken()).isEmpty();
    }

    @Test
    void passesNoGatewayWhenNoTokenIsAtHand() {
      world.agent("Alpha", List.of("research"));
      world.runningInstance(Optional.empty(), Optional.empty());
      AgentTask task = world.task(List.of("research"));

      runUpToExecute(task);

      assertThat(world.runtime.runs().get(0).gateway()).isEmpty();
    }

    @Test
    void passesNoGatewayAndDecryptsNothingWhileTheInstanceIsNotRunning() {
      world.agent("Alpha", List.of("research"));
      // A provisioning instance whose token this cipher could not even open.
      world.instances.create(Fixtures.instance(tenant));
      AgentTask task = world.task(List.of("research"));

      runUpToExecute(task);

      assertThat(world.runtime.runs().get(0).gateway()).isEmpty();
    }

    @Test
    void ofATaskRequiringApprovalStoresTheOutputAndWaitsForInput() {
      world.agent("Alpha", List.of("research"));
      AgentTask task = world.task("Draft the press release", List.of("research"), true);

      Executed executed = runUpToExecute(task);
      Executed retried = steps.execute(tenant, task.id(), List.of());

      assertThat(executed.awaitingApproval()).isTrue();
      assertThat(retried.awaitingApproval()).isTrue();
      AgentTask stored = world.reload(task);
      assertThat(stored.status()).isEqualTo(TaskStatus.WAITING_INPUT);
      assertThat(stored.output()).containsEntry("text", "Done.");
      assertThat(world.runtime.executions()).isEqualTo(1);
      assertThat(world.onlyTrace(task, StepType.EXECUTING).details())
          .containsEntry("awaiting_approval", true);
    }

    @Test
    void withoutAnAgentRuntimeFailsPermanentlyAndFailRecordsTheReasonInTheTrace() {
      world.agent("Alpha", List.of("research"));
      world.runtime.failsWith(
          new PermanentException(
              ErrorCode.NO_AGENT_RUNTIME, "no agent runtime is configured for the tenant"));
      AgentTask task = world.task(List.of("research"));
      List<MemoryId> memories = dispatchAndRecall(task);

      PermanentException error =
          assertPortError(
              PermanentException.class,
              ErrorCode.NO_AGENT_RUNTIME,
              () -> steps.execute(tenant, task.id(), memories));
      steps.fail(tenant, task.id(), 3, error.getMessage());

      AgentTask stored = world.reload(task);
      assertThat(stored.status()).isEqualTo(TaskStatus.FAILED);
      assertThat(stored.error()).contains("no agent runtime is configured for the tenant");
      assertThat(stored.completedAt()).isPresent();
      ExecutionTrace failed = world.onlyTrace(task, StepType.FAILED);
      assertThat(failed.stepOrder()).isEqualTo(3);
      assertThat(failed.details())
          .containsEntry("reason", "no agent runtime is configured for the tenant")
          .containsEntry("status_before", "executing");
      assertThat(world.traces(task, StepType.EXECUTING)).isEmpty();
    }
  }

  @Nested
  class RuntimeChoice {

    private final FakeAgentRuntime adk = new FakeAgentRuntime();
    private final FakeAgentRuntime openClaw =
        new FakeAgentRuntime().returns(new AgentRunResult("From OpenClaw.", Map.of(), List.of()));
    private final Agent agent = world.agent("Alpha", List.of("research"));

    private TaskExecutionStepsService stepsWith(
        Map<AgentRuntimeKind, AgentRuntime> available,
        AgentRuntimeKind defaultKind,
        Map<TenantId, AgentRuntimeKind> byTenant,
        Map<AgentId, AgentRuntimeKind> byAgent) {
      return world.steps(
          new AgentRuntimes(available, new AgentRuntimes.Policy(defaultKind, byTenant, byAgent)));
    }

    private Executed execute(TaskExecutionStepsService on, AgentTask task) {
      on.dispatch(tenant, task.id());
      return on.execute(tenant, task.id(), on.recallMemory(tenant, task.id()));
    }

    private Map<AgentRuntimeKind, AgentRuntime> both() {
      return Map.of(AgentRuntimeKind.ADK, adk, AgentRuntimeKind.OPENCLAW, openClaw);
    }

    @Test
    void runsOnTheDefaultRuntimeAndRecordsItInTheExecutingTrace() {
      AgentTask task = world.task(List.of("research"));

      execute(stepsWith(both(), AgentRuntimeKind.OPENCLAW, Map.of(), Map.of()), task);

      assertThat(openClaw.executions()).isEqualTo(1);
      assertThat(adk.executions()).isZero();
      assertThat(world.reload(task).output()).containsEntry("text", "From OpenClaw.");
      assertThat(world.onlyTrace(task, StepType.EXECUTING).details())
          .containsEntry("agent_runtime", "openclaw")
          .containsEntry("agent_runtime_chosen_by", "default");
    }

    @Test
    void runsTheTenantsTasksOnItsOverrideInsteadOfTheDefault() {
      AgentTask task = world.task(List.of("research"));

      execute(
          stepsWith(
              both(), AgentRuntimeKind.ADK, Map.of(tenant, AgentRuntimeKind.OPENCLAW), Map.of()),
          task);

      assertThat(openClaw.executions()).isEqualTo(1);
      assertThat(adk.executions()).isZero();
      assertThat(world.onlyTrace(task, StepType.EXECUTING).details())
          .containsEntry("agent_runtime", "openclaw")
          .containsEntry("agent_runtime_chosen_by", "tenant");
    }

    @Test
    void prefersTheAgentsOverrideToItsTenants() {
      AgentTask task = world.task(List.of("research"));

      execute(
          stepsWith(
              both(),
              AgentRuntimeKind.OPENCLAW,
              Map.of(tenant, AgentRuntimeKind.OPENCLAW),
              Map.of(agent.id(), AgentRuntimeKind.ADK)),
          task);

      assertThat(adk.executions()).isEqualTo(1);
      assertThat(openClaw.executions()).isZero();
      assertThat(world.onlyTrace(task, StepType.EXECUTING).details())
          .containsEntry("agent_runtime", "adk")
          .containsEntry("agent_runtime_chosen_by", "agent");
    }

    @Test
    void leavesOtherTenantsOnTheDefault() {
      TenantId other = world.newTenant();
      AgentTask task = world.task(List.of("research"));

      execute(
          stepsWith(
              both(), AgentRuntimeKind.ADK, Map.of(other, AgentRuntimeKind.OPENCLAW), Map.of()),
          task);

      assertThat(adk.executions()).isEqualTo(1);
      assertThat(openClaw.executions()).isZero();
    }

    @Test
    void failsAsNoAgentRuntimeWhenTheChosenRuntimeIsNotConfiguredAndFailRecordsWhy() {
      AgentTask task = world.task(List.of("research"));
      TaskExecutionStepsService onOpenClawOnly =
          stepsWith(
              Map.of(AgentRuntimeKind.OPENCLAW, openClaw),
              AgentRuntimeKind.OPENCLAW,
              Map.of(),
              Map.of(agent.id(), AgentRuntimeKind.ADK));

      PermanentException error =
          assertPortError(
              PermanentException.class,
              ErrorCode.NO_AGENT_RUNTIME,
              () -> execute(onOpenClawOnly, task));
      onOpenClawOnly.fail(tenant, task.id(), 3, error.getMessage());

      assertThat(error.getMessage())
          .contains("task " + task.id())
          .contains("the adk agent runtime, chosen by the override for agent " + agent.id())
          .contains("is not configured")
          .contains("[openclaw]");
      assertThat(openClaw.executions()).isZero();
      assertThat(world.reload(task).status()).isEqualTo(TaskStatus.FAILED);
      ExecutionTrace failed = world.onlyTrace(task, StepType.FAILED);
      assertThat(failed.stepOrder()).isEqualTo(3);
      assertThat(failed.details()).containsEntry("reason", error.getMessage());
      assertThat(world.traces(task, StepType.EXECUTING)).isEmpty();
    }

    @Test
    void retriedAfterTheRunStoredItsOutputNeedsNoRuntimeAndDoesNotFail() {
      AgentTask task = world.task(List.of("research"));
      execute(stepsWith(both(), AgentRuntimeKind.ADK, Map.of(), Map.of()), task);
      TaskExecutionStepsService adkGone =
          stepsWith(
              Map.of(AgentRuntimeKind.OPENCLAW, openClaw),
              AgentRuntimeKind.ADK,
              Map.of(),
              Map.of());

      Executed retried = adkGone.execute(tenant, task.id(), List.of());

      assertThat(retried.awaitingApproval()).isFalse();
      assertThat(adk.executions()).isEqualTo(1);
      assertThat(openClaw.executions()).isZero();
      assertThat(world.traces(task, StepType.EXECUTING)).hasSize(1);
    }
  }

  @Nested
  class Approval {

    @Test
    void resumesAWaitingTaskAsExecutingAndRecordsTheApprover() {
      world.agent("Alpha", List.of("research"));
      AgentTask task = world.task("Draft the press release", List.of("research"), true);
      runUpToExecute(task);
      UserId approver = Fixtures.userId();

      steps.approved(tenant, task.id(), approver);

      AgentTask stored = world.reload(task);
      assertThat(stored.status()).isEqualTo(TaskStatus.EXECUTING);
      assertThat(stored.approvedBy()).contains(approver);
    }

    @Test
    void retriedChangesNothing() {
      world.agent("Alpha", List.of("research"));
      AgentTask task = world.task("Draft the press release", List.of("research"), true);
      runUpToExecute(task);
      UserId approver = Fixtures.userId();
      steps.approved(tenant, task.id(), approver);
      AgentTask afterFirst = world.reload(task);

      steps.approved(tenant, task.id(), approver);

      assertThat(world.reload(task)).isEqualTo(afterFirst);
    }

    @Test
    void ofATaskNotWaitingForInputIsAnInvalidTransition() {
      world.agent("Alpha", List.of("research"));
      AgentTask task = world.task(List.of("research"));
      steps.dispatch(tenant, task.id());

      assertPortError(
          ConflictException.class,
          ErrorCode.INVALID_TRANSITION,
          () -> steps.approved(tenant, task.id(), Fixtures.userId()));
      assertThat(world.reload(task).status()).isEqualTo(TaskStatus.THINKING);
    }

    @Test
    void executeAfterApprovalDoesNotWaitAgain() {
      world.agent("Alpha", List.of("research"));
      AgentTask task = world.task("Draft the press release", List.of("research"), true);
      runUpToExecute(task);
      steps.approved(tenant, task.id(), Fixtures.userId());

      Executed retried = steps.execute(tenant, task.id(), List.of());

      assertThat(retried.awaitingApproval()).isFalse();
      assertThat(world.reload(task).status()).isEqualTo(TaskStatus.EXECUTING);
    }
  }

  @Nested
  class PersistEntities {

    @Test
    void upsertsTheOutputsEntitiesWithTheTaskAsSourceAndSkipsUnusableOnes() {
      world.agent("Alpha", List.of("research"));
      world.runtime.returns(
          new AgentRunResult(
              "Found them.",
              Map.of(
                  "entities",
                  List.of(
                      Map.of(
                          "name",
                          "Acme Corp",
                          "type",
                          "organization",
                          "attributes",
                          Map.of("hq", "Berlin"),
                          "confidence",
                          0.9),
                      Map.of("name", "Ada Lovelace", "type", "person"),
                      Map.of("name", " ", "type", "person"),
                      "not an entity",
                      Map.of("name", "acme   corp", "type", "organization", "confidence", 0.4))),
              List.of()));
      AgentTask task = world.task(List.of("research"));
      runUpToExecute(task);

      int persisted = steps.persistEntities(tenant, task.id());

      assertThat(persisted).isEqualTo(2);
      List<KnowledgeEntity> entities =
          world.knowledge.listEntities(tenant, Optional.empty(), Page.first(10));
      assertThat(entities)
          .extracting(KnowledgeEntity::name)
          .containsExactlyInAnyOrder("Acme Corp", "Ada Lovelace");
      assertThat(entities).allSatisfy(e -> assertThat(e.source()).contains("task:" + task.id()));
      KnowledgeEntity acme =
          entities.stream().filter(e -> e.name().equals("Acme Corp")).findFirst().orElseThrow();
      assertThat(acme.attributes()).containsEntry("hq", "Berlin");
      assertThat(acme.confidence()).isEqualTo(0.9);
      ExecutionTrace trace = world.onlyTrace(task, StepType.ENTITY_PERSIST);
      assertThat(trace.stepOrder()).isEqualTo(4);
      assertThat(trace.details()).containsEntry("count", 2).containsEntry("skipped", 2);
      assertThat(List.<Object>copyOf((List<?>) trace.details().get("entity_ids")))
          .containsExactlyInAnyOrderElementsOf(
              entities.stream().map(e -> e.id().toString()).toList());
    }

    @Test
    void retriedStoresEachEntityOnceAndReturnsTheSameCount() {
      world.agent("Alpha", List.of("research"));
      world.runtime.returns(
          new AgentRunResult(
              "Found it.",
              Map.of("entities", List.of(Map.of("name", "Acme", "type", "organization"))),
              List.of()));
      AgentTask task = world.task(List.of("research"));
      runUpToExecute(task);

      int first = steps.persistEntities(tenant, task.id());
      int retried = steps.persistEntities(tenant, task.id());

      assertThat(first).isEqualTo(1);
      assertThat(retried).isEqualTo(1);
      assertThat(world.knowledge.listEntities(tenant, Optional.empty(), Page.first(10))).hasSize(1);
      assertThat(world.traces(task, StepType.ENTITY_PERSIST)).hasSize(1);
    }

    @Test
    void withoutEntitiesInTheOutputPersistsNothingAndTracesZero() {
      world.agent("Alpha", List.of("research"));
      AgentTask task = world.task(List.of("research"));
      runUpToExecute(task);

      assertThat(steps.persistEntities(tenant, task.id())).isZero();
      assertThat(world.onlyTrace(task, StepType.ENTITY_PERSIST).details())
          .containsEntry("count", 0);
    }

    @Test
    void ofATaskStillWaitingForApprovalIsAnInvalidTransition() {
      world.agent("Alpha", List.of("research"));
      AgentTask task = world.task("Draft the press release", List.of("research"), true);
      runUpToExecute(task);

      assertPortError(
          ConflictException.class,
          ErrorCode.INVALID_TRANSITION,
          () -> steps.persistEntities(tenant, task.id()));
    }
  }

  @Nested
  class Evaluate {

    @Test
    void completesTheTaskWithItsScoreAndRemembersTheExperience() {
      Agent agent = world.agent("Alpha", List.of("research"));
      AgentTask task = world.task(List.of("research"));
      runUpToExecute(task);
      steps.persistEntities(tenant, task.id());

      double score = steps.evaluate(tenant, task.id());

      // answered 0.5 + substance 0.2 × 5/500 + no tool errors 0.2 + no entities 0
      assertThat(score).isEqualTo(0.702);
      AgentTask stored = world.reload(task);
      assertThat(stored.status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(stored.confidence()).contains(0.702);
      assertThat(stored.completedAt()).isPresent();
      MemoryId memoryId = new MemoryId(world.ids.idFor("memory:task:" + task.id()));
      AgentMemory memory = world.storedMemory(memoryId);
      assertThat(memory.agentId()).isEqualTo(agent.id());
      assertThat(memory.memoryType()).isEqualTo(MemoryType.EXPERIENCE);
      assertThat(memory.sourceTaskId()).contains(task.id());
      assertThat(memory.importance()).isCloseTo(0.2 + 0.6 * 0.702, within(0.001));
      assertThat(memory.content()).contains(task.objective()).contains("Done.");
      ExecutionTrace trace = world.onlyTrace(task, StepType.COMPLETED);
      assertThat(trace.stepOrder()).isEqualTo(5);
      assertThat(trace.details())
          .containsEntry("score", 0.702)
          .containsEntry("success", true)
          .containsEntry("memory_id", memoryId.toString())
          .containsEntry("skill_stats_updated", true);
    }

    @Test
    void foldsTheScoreIntoTheAgentsStatsForEachRequiredCapability() {
      Agent agent =
          world.agent(
              "Alpha", List.of("research", "summarize"), Map.of("research", stats(1, 0, 0.3)));
      AgentTask task = world.task(List.of("research", "summarize"));
      runUpToExecute(task);
      steps.persistEntities(tenant, task.id());

      steps.evaluate(tenant, task.id());

      Agent learned = world.reload(agent);
      SkillStats research = learned.statsFor("research");
      assertThat(research.timesUsed()).isEqualTo(2);
      assertThat(research.successes()).isEqualTo(1);
      assertThat(research.proficiency()).isCloseTo((0.3 + 0.702) / 2, within(1e-9));
      assertThat(learned.statsFor("summarize")).isEqualTo(new SkillStats(1, 1, 0.702));
    }

    @Test
    void countsTheTaskTypeWhenNoCapabilityIsRequired() {
      Agent agent = world.agent("Alpha", List.of("coding"));
      AgentTask task = world.task(List.of());
      runUpToExecute(task);
      steps.persistEntities(tenant, task.id());

      steps.evaluate(tenant, task.id());

      assertThat(world.reload(agent).skillStats()).containsOnlyKeys("research");
    }

    @Test
    void calledTwiceUpdatesStatsOnceAndWritesOneMemoryAndOneTrace() {
      Agent agent = world.agent("Alpha", List.of("research"));
      AgentTask task = world.task(List.of("research"));
      runUpToExecute(task);
      steps.persistEntities(tenant, task.id());

      double first = steps.evaluate(tenant, task.id());
      AgentTask afterFirst = world.reload(task);
      double retried = steps.evaluate(tenant, task.id());

      assertThat(retried).isEqualTo(first);
      assertThat(world.reload(task)).isEqualTo(afterFirst);
      assertThat(world.reload(agent).statsFor("research").timesUsed()).isEqualTo(1);
      assertThat(world.memories.list(tenant, agent.id())).hasSize(1);
      assertThat(world.traces(task, StepType.COMPLETED)).hasSize(1);
    }

    @Test
    void thatLosesTheCompletionRaceDoesNotCountTheStatsAgain() {
      Agent agent = world.agent("Alpha", List.of("research"));
      AgentTask task = world.task(List.of("research"));
      runUpToExecute(task);
      steps.persistEntities(tenant, task.id());
      RacingStores.Tasks racing = new RacingStores.Tasks(world.tasks);
      racing.beforeNextUpdate(() -> steps.evaluate(tenant, task.id()));

      double score =
          world.steps(racing, world.agents, Optional.empty()).evaluate(tenant, task.id());

      assertThat(score).isEqualTo(0.702);
      assertThat(world.reload(task).status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(world.reload(agent).statsFor("research").timesUsed()).isEqualTo(1);
    }

    @Test
    void retriesTheAgentUpdateWhenAnotherEvaluationChangedTheAgentMeanwhile() {
      Agent agent = world.agent("Alpha", List.of("research", "summarize"));
      AgentTask task = world.task(List.of("research"));
      runUpToExecute(task);
      steps.persistEntities(tenant, task.id());
      RacingStores.Agents racing = new RacingStores.Agents(world.agents);
      Runnable otherEvaluation =
          () -> {
            Agent current = world.reload(agent);
            Map<String, SkillStats> stats = new HashMap<>(current.skillStats());
            SkillStats summarize = current.statsFor("summarize");
            stats.put(
                "summarize",
                new SkillStats(summarize.timesUsed() + 1, summarize.successes() + 1, 0.9));
            world.agents.update(current.withSkillStats(stats, world.clock.now()));
          };
      racing.beforeNextUpdate(otherEvaluation).beforeNextUpdate(otherEvaluation);

      world.steps(world.tasks, racing, Optional.empty()).evaluate(tenant, task.id());

      assertThat(racing.updates()).isEqualTo(3);
      Agent learned = world.reload(agent);
      assertThat(learned.statsFor("research").timesUsed()).isEqualTo(1);
      assertThat(learned.statsFor("summarize").timesUsed()).isEqualTo(2);
      assertThat(world.onlyTrace(task, StepType.COMPLETED).details())
          .containsEntry("skill_stats_updated", true);
    }

    @Test
    void completesTheTaskOnlyAfterItsCompletedTraceIsWritten() {
      world.agent("Alpha", List.of("research"));
      AgentTask task = world.task(List.of("research"));
      runUpToExecute(task);
      steps.persistEntities(tenant, task.id());
      List<List<StepType>> seenWhenCompleting = new ArrayList<>();
      StatusProbeTasks probe =
          new StatusProbeTasks(world.tasks)
              .beforeMovingTo(
                  TaskStatus.COMPLETED,
                  completing ->
                      seenWhenCompleting.add(
                          world.traces.stepTypes(completing.tenantId(), completing.id())));

      world.steps(probe, world.agents, Optional.empty()).evaluate(tenant, task.id());

      assertThat(seenWhenCompleting)
          .containsExactly(
              List.of(
                  StepType.DISPATCHED,
                  StepType.MEMORY_RECALL,
                  StepType.EXECUTING,
                  StepType.ENTITY_PERSIST,
                  StepType.COMPLETED));
      assertThat(world.reload(task).status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void retriedAfterStoppingBetweenItsTraceAndTheCompletionCompletesOnceAndCountsOnce() {
      Agent agent = world.agent("Alpha", List.of("research"));
      AgentTask task = world.task(List.of("research"));
      runUpToExecute(task);
      steps.persistEntities(tenant, task.id());
      StatusProbeTasks dying =
          new StatusProbeTasks(world.tasks)
              .failOnceMovingTo(
                  TaskStatus.COMPLETED,
                  new TransientException(ErrorCode.DATABASE_UNAVAILABLE, "connection lost"));

      assertPortError(
          TransientException.class,
          ErrorCode.DATABASE_UNAVAILABLE,
          () -> world.steps(dying, world.agents, Optional.empty()).evaluate(tenant, task.id()));
      AgentTask stopped = world.reload(task);
      double retried = steps.evaluate(tenant, task.id());

      assertThat(stopped.status()).isEqualTo(TaskStatus.EXECUTING);
      assertThat(retried).isEqualTo(0.702);
      AgentTask stored = world.reload(task);
      assertThat(stored.status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(stored.confidence()).contains(0.702);
      assertThat(world.traces(task, StepType.COMPLETED)).hasSize(1);
      assertThat(world.onlyTrace(task, StepType.COMPLETED).details())
          .containsEntry("skill_stats_updated", true);
      assertThat(world.reload(agent).statsFor("research").timesUsed()).isEqualTo(1);
      assertThat(world.memories.list(tenant, agent.id())).hasSize(1);
    }

    @Test
    void scoresFailedToolCallsAndFoundEntitiesIntoTheConfidence() {
      world.agent("Alpha", List.of("research"));
      world.runtime.returns(
          new AgentRunResult(
              "x".repeat(500),
              Map.of(
                  "entities",
                  List.of(
                      Map.of("name", "A", "type", "t"),
                      Map.of("name", "B", "type", "t"),
                      Map.of("name", "C", "type", "t"))),
              List.of(
                  new ToolCall("ok", Map.of(), Map.of(), false),
                  new ToolCall("broken", Map.of(), Map.of(), true))));
      AgentTask task = world.task(List.of("research"));
      runUpToExecute(task);
      steps.persistEntities(tenant, task.id());

      // answered 0.5 + full substance 0.2 + half the tool calls worked 0.1 + three entities 0.1
      assertThat(steps.evaluate(tenant, task.id())).isEqualTo(0.9);
    }

    @Test
    void ofATaskStillWaitingForApprovalIsAnInvalidTransitionAndLearnsNothing() {
      Agent agent = world.agent("Alpha", List.of("research"));
      AgentTask task = world.task("Draft the press release", List.of("research"), true);
      runUpToExecute(task);

      assertPortError(
          ConflictException.class,
          ErrorCode.INVALID_TRANSITION,
          () -> steps.evaluate(tenant, task.id()));

      assertThat(world.reload(task).status()).isEqualTo(TaskStatus.WAITING_INPUT);
      assertThat(world.reload(agent).skillStats()).isEmpty();
      assertThat(world.memories.list(tenant, agent.id())).isEmpty();
    }
  }

  @Nested
  class Fail {

    @Test
    void movesTheTaskToFailedWithTheReasonAndTracesTheFailedStep() {
      world.agent("Alpha", List.of("research"));
      AgentTask task = world.task(List.of("research"));
      steps.dispatch(tenant, task.id());

      steps.fail(tenant, task.id(), 2, "memory store unreachable");

      AgentTask stored = world.reload(task);
      assertThat(stored.status()).isEqualTo(TaskStatus.FAILED);
      assertThat(stored.error()).contains("memory store unreachable");
      ExecutionTrace trace = world.onlyTrace(task, StepType.FAILED);
      assertThat(trace.stepOrder()).isEqualTo(2);
      assertThat(trace.id())
          .isEqualTo(new TraceId(world.ids.idFor("trace:" + task.id() + ":failed:2")));
      assertThat(trace.details())
          .containsEntry("reason", "memory store unreachable")
          .containsEntry("failed_step", 2)
          .containsEntry("status_before", "thinking");
    }

    @Test
    void movesTheTaskToFailedOnlyAfterItsFailedTraceIsWritten() {
      world.agent("Alpha", List.of("research"));
      AgentTask task = world.task(List.of("research"));
      steps.dispatch(tenant, task.id());
      List<List<StepType>> seenWhenFailing = new ArrayList<>();
      StatusProbeTasks probe =
          new StatusProbeTasks(world.tasks)
              .beforeMovingTo(
                  TaskStatus.FAILED,
                  failing ->
                      seenWhenFailing.add(
                          world.traces.stepTypes(failing.tenantId(), failing.id())));

      world.steps(probe, world.agents, Optional.empty()).fail(tenant, task.id(), 2, "lost");

      assertThat(seenWhenFailing).containsExactly(List.of(StepType.DISPATCHED, StepType.FAILED));
      assertThat(world.reload(task).status()).isEqualTo(TaskStatus.FAILED);
    }

    @Test
    void retriedAfterStoppingBetweenItsTraceAndTheStatusChangeFailsTheTaskWithOneTrace() {
      world.agent("Alpha", List.of("research"));
      AgentTask task = world.task(List.of("research"));
      steps.dispatch(tenant, task.id());
      StatusProbeTasks dying =
          new StatusProbeTasks(world.tasks)
              .failOnceMovingTo(
                  TaskStatus.FAILED,
                  new TransientException(ErrorCode.DATABASE_UNAVAILABLE, "connection lost"));

      assertPortError(
          TransientException.class,
          ErrorCode.DATABASE_UNAVAILABLE,
          () ->
              world
                  .steps(dying, world.agents, Optional.empty())
                  .fail(tenant, task.id(), 2, "memory store unreachable"));
      AgentTask stopped = world.reload(task);
      steps.fail(tenant, task.id(), 2, "memory store unreachable");

      assertThat(stopped.status()).isEqualTo(TaskStatus.THINKING);
      AgentTask stored = world.reload(task);
      assertThat(stored.status()).isEqualTo(TaskStatus.FAILED);
      assertThat(stored.error()).contains("memory store unreachable");
      assertThat(world.traces(task, StepType.FAILED)).hasSize(1);
    }

    @Test
    void calledTwiceLeavesOneTraceAndTheFirstReason() {
      AgentTask task = world.task(List.of("research"));

      steps.fail(tenant, task.id(), 1, "no agent available");
      AgentTask afterFirst = world.reload(task);
      steps.fail(tenant, task.id(), 1, "no agent available");

      assertThat(world.reload(task)).isEqualTo(afterFirst);
      assertThat(world.traces(task, StepType.FAILED)).hasSize(1);
    }

    @Test
    void ofACompletedTaskChangesNothing() {
      world.agent("Alpha", List.of("research"));
      AgentTask task = world.task(List.of("research"));
      runUpToExecute(task);
      steps.persistEntities(tenant, task.id());
      steps.evaluate(tenant, task.id());
      AgentTask completed = world.reload(task);

      steps.fail(tenant, task.id(), 5, "too late");

      assertThat(world.reload(task)).isEqualTo(completed);
      assertThat(world.traces(task, StepType.FAILED)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 6})
    void rejectsAStepOutsideOneToFive(int step) {
      AgentTask task = world.task(List.of("research"));

      assertPortError(
          InvalidInputException.class,
          ErrorCode.INVALID_INPUT,
          () -> steps.fail(tenant, task.id(), step, "whatever"));
      assertThat(world.reload(task).status()).isEqualTo(TaskStatus.QUEUED);
    }
  }

  /** A JSON object of trace details, typed for assertions. */
  private static Map<String, Object> json(Object value) {
    Map<String, Object> object = new HashMap<>();
    ((Map<?, ?>) value).forEach((key, item) -> object.put(String.valueOf(key), item));
    return object;
  }

  private static SkillStats stats(long used, long successes, double proficiency) {
    return new SkillStats(used, successes, proficiency);
  }
}
