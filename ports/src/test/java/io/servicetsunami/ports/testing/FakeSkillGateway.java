package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.out.GatewayEndpoint;
import io.servicetsunami.ports.out.SkillGateway;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A scripted {@link SkillGateway}. Each skill answers as scripted ({@link #succeeds}, {@link
 * #failsWith}, {@link #throwsOn}, {@link #answers}); an unscripted skill is rejected by the
 * "gateway" ({@code gateway_rejected}) so a missing script shows up at once. Every call is recorded
 * with its endpoint and invocation — credentials included, as {@link Secret}s — so tests can check
 * what reached the gateway.
 *
 * <p>Like a real gateway it runs a skill once per idempotency key: a repeated key returns the first
 * result without running the script again. Gateways can be taken {@link #down} (transport errors,
 * unreachable probe) or made to accept only one {@link #acceptOnly token}.
 */
public final class FakeSkillGateway implements SkillGateway {

  /** One call of {@link #execute}, as received. */
  public record Call(GatewayEndpoint endpoint, SkillInvocation invocation) {}

  private final Map<String, Function<SkillInvocation, SkillResult>> scripts = new HashMap<>();
  private final Map<String, Deque<PortException>> nextFailures = new HashMap<>();
  private final Map<String, SkillResult> resultsByKey = new HashMap<>();
  private final Map<String, Integer> runs = new HashMap<>();
  private final List<Call> calls = new ArrayList<>();
  private final Set<String> downUrls = new HashSet<>();
  private final Map<String, GatewayHealth> health = new HashMap<>();
  private Secret acceptedToken;

  // ---- scripting -------------------------------------------------------------------------------

  /** The skill succeeds with {@code output}. */
  public synchronized FakeSkillGateway succeeds(String skill, Map<String, Object> output) {
    Succeeded result = new Succeeded(output);
    return answers(skill, invocation -> result);
  }

  /** The skill runs and reports an error of its own (a business failure, not a gateway one). */
  public synchronized FakeSkillGateway failsWith(String skill, String message) {
    SkillFailed result = new SkillFailed(message);
    return answers(skill, invocation -> result);
  }

  /** Every call of the skill fails with {@code failure}, as a broken gateway would. */
  public synchronized FakeSkillGateway throwsOn(String skill, PortException failure) {
    requireNonNull(failure, "failure is null");
    return answers(
        skill,
        invocation -> {
          throw failure;
        });
  }

  /** The next call of the skill fails with {@code failure}; later calls run the script. */
  public synchronized FakeSkillGateway throwsOnceOn(String skill, PortException failure) {
    nextFailures
        .computeIfAbsent(skill, s -> new ArrayDeque<>())
        .add(requireNonNull(failure, "failure is null"));
    return this;
  }

  /** The skill answers whatever {@code script} computes from the invocation. */
  public synchronized FakeSkillGateway answers(
      String skill, Function<SkillInvocation, SkillResult> script) {
    scripts.put(requireNonNull(skill, "skill is null"), requireNonNull(script, "script is null"));
    return this;
  }

  /** The gateway at the endpoint's URL cannot be reached: calls fail, probes report it. */
  public synchronized FakeSkillGateway down(GatewayEndpoint endpoint) {
    downUrls.add(endpoint.url());
    return this;
  }

  /** The gateway at the endpoint's URL is reachable again. */
  public synchronized FakeSkillGateway up(GatewayEndpoint endpoint) {
    downUrls.remove(endpoint.url());
    return this;
  }

  /** What the probe of the endpoint's gateway reports while it is up (default: healthy). */
  public synchronized FakeSkillGateway reportsHealth(
      GatewayEndpoint endpoint, GatewayHealth reported) {
    health.put(endpoint.url(), requireNonNull(reported, "reported is null"));
    return this;
  }

  /** Calls with any other gateway token fail with {@code gateway_auth_failed}. */
  public synchronized FakeSkillGateway acceptOnly(Secret token) {
    this.acceptedToken = requireNonNull(token, "token is null");
    return this;
  }

  // ---- the port --------------------------------------------------------------------------------

  @Override
  public SkillResult execute(GatewayEndpoint endpoint, SkillInvocation invocation) {
    requireNonNull(endpoint, "endpoint is null");
    requireNonNull(invocation, "invocation is null");
    Function<SkillInvocation, SkillResult> script;
    synchronized (this) {
      calls.add(new Call(endpoint, invocation));
      if (downUrls.contains(endpoint.url())) {
        throw new TransientException(
            ErrorCode.GATEWAY_UNAVAILABLE, "gateway " + endpoint.url() + " is unreachable");
      }
      if (acceptedToken != null && !acceptedToken.equals(endpoint.token())) {
        throw new PermanentException(ErrorCode.GATEWAY_AUTH_FAILED, "gateway token rejected");
      }
      SkillResult earlier = resultsByKey.get(invocation.idempotencyKey());
      if (earlier != null) {
        return earlier;
      }
      Deque<PortException> failures = nextFailures.get(invocation.skillName());
      if (failures != null && !failures.isEmpty()) {
        throw failures.poll();
      }
      script = scripts.get(invocation.skillName());
      if (script == null) {
        throw new PermanentException(
            ErrorCode.GATEWAY_REJECTED, "no script for skill " + invocation.skillName());
      }
    }
    SkillResult result = script.apply(invocation);
    synchronized (this) {
      runs.merge(invocation.skillName(), 1, Integer::sum);
      resultsByKey.putIfAbsent(invocation.idempotencyKey(), result);
      return resultsByKey.get(invocation.idempotencyKey());
    }
  }

  @Override
  public synchronized GatewayHealth probe(GatewayEndpoint endpoint) {
    requireNonNull(endpoint, "endpoint is null");
    if (downUrls.contains(endpoint.url())) {
      return new GatewayHealth(false, false);
    }
    return health.getOrDefault(endpoint.url(), new GatewayHealth(true, true));
  }

  // ---- assertions ------------------------------------------------------------------------------

  /** Every call received, in order, including repeated and failed ones. */
  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The invocations received for one skill, in order. */
  public synchronized List<SkillInvocation> invocations(String skill) {
    return calls.stream().map(Call::invocation).filter(i -> i.skillName().equals(skill)).toList();
  }

  /** The latest invocation received, if any. */
  public synchronized Optional<SkillInvocation> lastInvocation() {
    return calls.isEmpty()
        ? Optional.empty()
        : Optional.of(calls.get(calls.size() - 1).invocation());
  }

  /** How often the skill really ran (repeated idempotency keys and failures do not count). */
  public synchronized int runs(String skill) {
    return runs.getOrDefault(skill, 0);
  }
}
