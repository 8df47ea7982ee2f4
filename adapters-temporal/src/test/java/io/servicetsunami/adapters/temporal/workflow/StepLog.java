package io.servicetsunami.adapters.temporal.workflow;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.TransientException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the scripted step fakes share: every call with the (test) time it happened, and failures
 * scripted per step and key (a task, instance, dataset, table or session id) to throw on the next
 * calls, one per call.
 */
public final class StepLog {

  /** One step call. */
  public record Call(String step, String key, List<Object> args, long atMillis) {}

  private final List<Call> calls = new ArrayList<>();
  private final Map<String, Deque<RuntimeException>> failures = new HashMap<>();
  private volatile LongSupplier clock = System::currentTimeMillis;

  public void useClock(LongSupplier clock) {
    this.clock = clock;
  }

  /** The next calls of {@code step} for {@code key} throw these, in order. */
  public synchronized void failNext(String step, String key, RuntimeException... errors) {
    Deque<RuntimeException> queue =
        failures.computeIfAbsent(step + "/" + key, k -> new ArrayDeque<>());
    for (RuntimeException error : errors) {
      queue.add(error);
    }
  }

  /** {@code times} transient failures, e.g. for "fails twice, then succeeds". */
  public void failTransiently(String step, String key, int times) {
    for (int i = 0; i < times; i++) {
      failNext(
          step,
          key,
          new TransientException(
              ErrorCode.GATEWAY_UNAVAILABLE, step + " unavailable, attempt " + i));
    }
  }

  synchronized void record(String step, String key, Object... args) {
    calls.add(new Call(step, key, java.util.Arrays.asList(args.clone()), clock.getAsLong()));
    Deque<RuntimeException> queue = failures.get(step + "/" + key);
    if (queue != null && !queue.isEmpty()) {
      throw queue.poll();
    }
  }

  public synchronized List<Call> calls(String key) {
    return calls.stream().filter(c -> c.key().equals(key)).toList();
  }

  public synchronized List<String> steps(String key) {
    return calls(key).stream().map(Call::step).toList();
  }

  public synchronized List<Call> calls(String step, String key) {
    return calls(key).stream().filter(c -> c.step().equals(step)).toList();
  }
}
