package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.InstanceId;
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
 *
 * <p>Devices: each instance has one fixed {@link #deviceOf device}. By default a gateway lets the
 * device in with {@link #GRANTED_SCOPES} and issues no device token, as a real gateway does on
 * loopback. A gateway made {@link #remote} treats the control plane as remote, as a gateway in
 * another pod does: an unpaired device gets {@link PairingRequired} (its request goes to the given
 * {@link DevicePairings}, e.g. {@link InMemoryInstanceRuntime#pairings}) and cannot run skills; a
 * paired one is let in with a device token.
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
  private final Map<String, DevicePairings> remoteUrls = new HashMap<>();
  private final List<GatewayEndpoint> deviceConnects = new ArrayList<>();
  private Secret acceptedToken;

  /** The scopes a gateway of this fake grants a device it lets in. */
  public static final List<String> GRANTED_SCOPES =
      List.of("operator.read", "operator.write", "operator.admin");

  /**
   * Where a remote gateway keeps its pairings: whether a device is approved, and the pending
   * request a connect of an unapproved device creates.
   */
  public interface DevicePairings {

    /** Whether the device is approved. */
    boolean paired(Device device);

    /** The device connected unapproved and asks to be paired; answers the request id. */
    String requested(Device device);
  }

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

  /**
   * The gateway at the endpoint's URL treats the control plane as remote: its device must be paired
   * through {@code pairings} before the gateway lets it in or runs its skills.
   */
  public synchronized FakeSkillGateway remote(GatewayEndpoint endpoint, DevicePairings pairings) {
    remoteUrls.put(endpoint.url(), requireNonNull(pairings, "pairings is null"));
    return this;
  }

  /** The device the control plane connects to the instance's gateway with. */
  public static Device deviceOf(InstanceId instance) {
    return new Device("device-" + instance, "public-key-" + instance);
  }

  /** The token a remote gateway issues to a paired device. */
  public static Secret deviceTokenOf(Device device) {
    return Secret.of("device-token-" + device.id());
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
      DevicePairings pairings = remoteUrls.get(endpoint.url());
      if (pairings != null && !pairings.paired(deviceOf(endpoint.instanceId()))) {
        throw new PermanentException(
            ErrorCode.GATEWAY_AUTH_FAILED,
            "the gateway rejected the connection: NOT_PAIRED/PAIRING_REQUIRED");
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

  @Override
  public synchronized DeviceHandshake connectDevice(GatewayEndpoint endpoint) {
    requireNonNull(endpoint, "endpoint is null");
    deviceConnects.add(endpoint);
    if (downUrls.contains(endpoint.url())) {
      throw new TransientException(
          ErrorCode.GATEWAY_UNAVAILABLE, "gateway " + endpoint.url() + " is unreachable");
    }
    if (acceptedToken != null && !acceptedToken.equals(endpoint.token())) {
      throw new PermanentException(ErrorCode.GATEWAY_AUTH_FAILED, "gateway token rejected");
    }
    Device device = deviceOf(endpoint.instanceId());
    DevicePairings pairings = remoteUrls.get(endpoint.url());
    if (pairings == null) {
      return new DeviceAccepted(device, GRANTED_SCOPES, Optional.empty());
    }
    if (pairings.paired(device)) {
      return new DeviceAccepted(device, GRANTED_SCOPES, Optional.of(deviceTokenOf(device)));
    }
    return new PairingRequired(device, pairings.requested(device));
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

  /** Every {@link #connectDevice} received, in order. */
  public synchronized List<GatewayEndpoint> deviceConnects() {
    return List.copyOf(deviceConnects);
  }

  /** How often the skill really ran (repeated idempotency keys and failures do not count). */
  public synchronized int runs(String skill) {
    return runs.getOrDefault(skill, 0);
  }
}
