package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.out.AgentRuntime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A scripted {@link AgentRuntime}. By default every run completes with {@link #DEFAULT_RESULT};
 * {@link #answers} and {@link #returns} change that, {@link #failsWith} and {@link #failsOnceWith}
 * script failures. Like a real runtime it starts at most one run per idempotency key: a repeated
 * key returns the first result.
 */
public final class FakeAgentRuntime implements AgentRuntime {

  /** What a run returns unless scripted otherwise. */
  public static final AgentRunResult DEFAULT_RESULT =
      new AgentRunResult("Done.", Map.of("summary", "Done."), List.of());

  private Function<AgentRun, AgentRunResult> script = run -> DEFAULT_RESULT;
  private PortException failure;
  private final Deque<PortException> nextFailures = new ArrayDeque<>();
  private final Map<String, AgentRunResult> resultsByKey = new HashMap<>();
  private final List<AgentRun> runs = new ArrayList<>();
  private int executions;

  /** Every run answers {@code result}. */
  public synchronized FakeAgentRuntime returns(AgentRunResult result) {
    requireNonNull(result, "result is null");
    return answers(run -> result);
  }

  /** Every run answers what {@code answer} computes. */
  public synchronized FakeAgentRuntime answers(Function<AgentRun, AgentRunResult> answer) {
    this.script = requireNonNull(answer, "answer is null");
    return this;
  }

  /** Every run fails with {@code failure}; {@code null} lets runs through again. */
  public synchronized FakeAgentRuntime failsWith(PortException failure) {
    this.failure = failure;
    return this;
  }

  /** The next run fails with {@code failure}, later runs follow the script. */
  public synchronized FakeAgentRuntime failsOnceWith(PortException failure) {
    nextFailures.add(requireNonNull(failure, "failure is null"));
    return this;
  }

  @Override
  public AgentRunResult run(AgentRun run) {
    requireNonNull(run, "run is null");
    Function<AgentRun, AgentRunResult> answer;
    synchronized (this) {
      runs.add(run);
      AgentRunResult earlier = resultsByKey.get(run.idempotencyKey());
      if (earlier != null) {
        return earlier;
      }
      if (!nextFailures.isEmpty()) {
        throw nextFailures.poll();
      }
      if (failure != null) {
        throw failure;
      }
      answer = script;
    }
    AgentRunResult result = answer.apply(run);
    synchronized (this) {
      executions++;
      resultsByKey.putIfAbsent(run.idempotencyKey(), result);
      return resultsByKey.get(run.idempotencyKey());
    }
  }

  /** Every run requested, in order, including repeated and failed ones. */
  public synchronized List<AgentRun> runs() {
    return List.copyOf(runs);
  }

  /** How many runs really executed (repeated idempotency keys and failures do not count). */
  public synchronized int executions() {
    return executions;
  }
}
