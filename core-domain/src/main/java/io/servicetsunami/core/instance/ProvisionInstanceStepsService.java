package io.servicetsunami.core.instance;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.core.lifecycle.InstanceStateMachine;
import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.in.ProvisionInstanceSteps;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.InstanceStatus;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TenantInstance;
import io.servicetsunami.ports.out.Clock;
import io.servicetsunami.ports.out.GatewayEndpoint;
import io.servicetsunami.ports.out.InstanceRuntime;
import io.servicetsunami.ports.out.InstanceRuntime.InstanceSpec;
import io.servicetsunami.ports.out.InstanceRuntime.Progress;
import io.servicetsunami.ports.out.InstanceRuntime.ReleaseRef;
import io.servicetsunami.ports.out.SkillGateway;
import io.servicetsunami.ports.out.SkillGateway.DeviceAccepted;
import io.servicetsunami.ports.out.SkillGateway.DeviceHandshake;
import io.servicetsunami.ports.out.SkillGateway.PairingRequired;
import io.servicetsunami.ports.out.TenantInstanceRepository;
import java.util.Map;
import java.util.Optional;

/**
 * The five steps of OpenClawProvisionWorkflow. Each reads the instance afresh and is idempotent:
 * rendering is pure, installing converges, waiting only observes, the health check pairs the
 * control plane's device only when the gateway does not let it in yet, and registering an instance
 * already running the version is a no-op.
 */
public final class ProvisionInstanceStepsService implements ProvisionInstanceSteps {

  private final TenantInstanceRepository instances;
  private final InstanceRuntime runtime;
  private final GatewayEndpoints endpoints;
  private final SkillGateway gateway;
  private final InstanceSettings settings;
  private final Clock clock;

  public ProvisionInstanceStepsService(
      TenantInstanceRepository instances,
      InstanceRuntime runtime,
      GatewayEndpoints endpoints,
      SkillGateway gateway,
      InstanceSettings settings,
      Clock clock) {
    this.instances = requireNonNull(instances, "instances is null");
    this.runtime = requireNonNull(runtime, "runtime is null");
    this.endpoints = requireNonNull(endpoints, "endpoints is null");
    this.gateway = requireNonNull(gateway, "gateway is null");
    this.settings = requireNonNull(settings, "settings is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  @Override
  public Map<String, Object> generateValues(TenantId tenant, InstanceId id, String version) {
    TenantInstance instance = instance(tenant, id);
    Optional<TenantId> owner =
        instances.releaseOwner(instance.k8sNamespace(), instance.helmRelease());
    if (owner.isPresent() && !owner.get().equals(tenant)) {
      throw new ConflictException(
          ErrorCode.RELEASE_NAME_COLLISION,
          "release " + instance.helmRelease() + " belongs to another tenant");
    }
    return runtime.render(spec(instance, version)).values();
  }

  @Override
  public void install(TenantId tenant, InstanceId id, String version) {
    TenantInstance instance = instance(tenant, id);
    runtime.install(spec(instance, version), endpoints.gatewayToken(instance));
  }

  @Override
  public void awaitReady(TenantId tenant, InstanceId id, Progress progress) {
    TenantInstance instance = instance(tenant, id);
    runtime.awaitReady(ref(instance), settings.readyTimeout(), progress);
  }

  /**
   * Probes the gateway, then leaves the control plane's device paired with it. From another pod the
   * control plane is not on the gateway's loopback, so the gateway grants scopes only to a paired
   * device, and it creates a pairing request only when the device connects. So: connect with the
   * instance's device; if the gateway asks for pairing, have the runtime approve the request from
   * inside the gateway's pod (where the gateway's own CLI is a local operator) and connect again;
   * the device token the gateway then hands to the device is stored, encrypted, for later connects.
   * A retried step finds the device paired and only refreshes the token.
   */
  @Override
  public void healthCheck(TenantId tenant, InstanceId id) {
    TenantInstance instance = withAddress(instance(tenant, id));
    GatewayEndpoint endpoint = endpoints.of(instance);
    SkillGateway.GatewayHealth health = gateway.probe(endpoint);
    if (!health.healthy()) {
      throw new TransientException(
          ErrorCode.GATEWAY_UNAVAILABLE,
          "the gateway of instance " + id + " is " + health.status() + " after it became ready");
    }
    pairDevice(instance, endpoint);
  }

  private void pairDevice(TenantInstance instance, GatewayEndpoint endpoint) {
    // The shared token and the signed device are what pairing is about; a device token from an
    // earlier life of the gateway's state must not stand in the way, so the handshake goes without.
    GatewayEndpoint handshakeEndpoint =
        new GatewayEndpoint(
            endpoint.instanceId(), endpoint.url(), endpoint.token(), Optional.empty());
    DeviceHandshake handshake = gateway.connectDevice(handshakeEndpoint);
    if (handshake instanceof PairingRequired required) {
      runtime.approveDevice(ref(instance), required.device().id(), required.device().publicKey());
      handshake = gateway.connectDevice(handshakeEndpoint);
    }
    if (!(handshake instanceof DeviceAccepted accepted)) {
      // Approval and the gateway disagree for now (say, the request expired in between): the retry
      // connects again, which files a fresh request.
      throw new TransientException(
          ErrorCode.GATEWAY_UNAVAILABLE,
          "the gateway of instance "
              + instance.id()
              + " still asks to pair device "
              + handshake.device().id()
              + " after its approval");
    }
    if (accepted.scopes().isEmpty()) {
      throw new PermanentException(
          ErrorCode.GATEWAY_AUTH_FAILED,
          "the gateway of instance "
              + instance.id()
              + " let device "
              + accepted.device().id()
              + " in without any scope");
    }
    Optional<Secret> issued = accepted.deviceToken();
    if (issued.isPresent() && !issued.equals(endpoint.deviceToken())) {
      instances.update(
          instance.withEndpoint(
              endpoint.url(), Optional.of(endpoints.seal(instance, issued.get())), clock.now()));
    }
  }

  @Override
  public void register(TenantId tenant, InstanceId id, String version) {
    TenantInstance instance = withAddress(instance(tenant, id));
    if (instance.status() == InstanceStatus.RUNNING && instance.version().equals(version)) {
      return;
    }
    InstanceStateMachine.transition(instance.status(), InstanceStatus.RUNNING).orThrow();
    instances.update(
        instance
            .withVersion(version, clock.now())
            .withStatus(InstanceStatus.RUNNING, Optional.empty(), clock.now()));
  }

  @Override
  public void markFailed(TenantId tenant, InstanceId id, String reason) {
    Optional<TenantInstance> found = instances.find(tenant, id);
    if (found.isEmpty() || found.get().status() == InstanceStatus.ERROR) {
      return;
    }
    TenantInstance instance = found.get();
    if (InstanceStateMachine.transition(instance.status(), InstanceStatus.ERROR).applied()) {
      instances.update(instance.withStatus(InstanceStatus.ERROR, Optional.of(reason), clock.now()));
    }
  }

  /** Stores where the gateway is reached, once; later steps and skill routing read it from here. */
  private TenantInstance withAddress(TenantInstance instance) {
    String url = runtime.render(spec(instance, instance.version())).internalUrl();
    if (instance.internalUrl().equals(Optional.of(url))) {
      return instance;
    }
    return instances.update(instance.withEndpoint(url, instance.deviceToken(), clock.now()));
  }

  private TenantInstance instance(TenantId tenant, InstanceId id) {
    return instances
        .find(tenant, id)
        .orElseThrow(
            () ->
                new NotFoundException(
                    ErrorCode.INSTANCE_NOT_FOUND, "instance " + id + " not found"));
  }

  private static InstanceSpec spec(TenantInstance instance, String version) {
    return new InstanceSpec(
        instance.tenantId(), instance.id(), ref(instance), version, instance.resources());
  }

  private static ReleaseRef ref(TenantInstance instance) {
    return new ReleaseRef(instance.k8sNamespace(), instance.helmRelease());
  }
}
