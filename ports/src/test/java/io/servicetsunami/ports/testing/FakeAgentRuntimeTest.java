package io.servicetsunami.ports.testing;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.out.AgentRuntime.AgentRun;
import io.servicetsunami.ports.out.AgentRuntime.AgentRunResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FakeAgentRuntimeTest {

  private final FakeAgentRuntime runtime = new FakeAgentRuntime();

  private static AgentRun run(String idempotencyKey) {
    TaskId task = Fixtures.taskId();
    return new AgentRun(
        Fixtures.tenantId(),
        task,
        Fixtures.agentId(),
        "task-" + task,
        idempotencyKey,
        "Cite every source.",
        "Summarise the quarterly report",
        Map.of(),
        "claude-sonnet-4-5",
        Optional.empty());
  }

  @Test
  void runsCompleteWithTheDefaultResult() {
    assertThat(runtime.run(run("k1"))).isEqualTo(FakeAgentRuntime.DEFAULT_RESULT);
    assertThat(runtime.executions()).isEqualTo(1);
  }

  @Test
  void answersAreComputedFromTheRun() {
    runtime.answers(r -> new AgentRunResult(r.prompt(), Map.of("model", r.llmModel()), List.of()));

    AgentRunResult result = runtime.run(run("k1"));

    assertThat(result.finalText()).isEqualTo("Summarise the quarterly report");
    assertThat(result.output()).containsEntry("model", "claude-sonnet-4-5");
  }

  @Test
  void repeatedIdempotencyKeyStartsOneRun() {
    AgentRun run = run("execution-1");

    runtime.run(run);
    runtime.run(run);

    assertThat(runtime.runs()).hasSize(2);
    assertThat(runtime.executions()).isEqualTo(1);
  }

  @Test
  void oneOffFailureThenSuccess() {
    runtime.failsOnceWith(new TransientException(ErrorCode.RUNTIME_UNAVAILABLE, "timeout"));
    AgentRun run = run("k1");

    assertPortError(
        TransientException.class, ErrorCode.RUNTIME_UNAVAILABLE, () -> runtime.run(run));
    assertThat(runtime.run(run)).isEqualTo(FakeAgentRuntime.DEFAULT_RESULT);
  }

  @Test
  void stickyFailureUntilCleared() {
    runtime.failsWith(new PermanentException(ErrorCode.NO_AGENT_RUNTIME, "none configured"));

    assertPortError(
        PermanentException.class, ErrorCode.NO_AGENT_RUNTIME, () -> runtime.run(run("k1")));
    runtime.failsWith(null);
    assertThat(runtime.run(run("k1"))).isEqualTo(FakeAgentRuntime.DEFAULT_RESULT);
  }
}
