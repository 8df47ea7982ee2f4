package io.servicetsunami.core.instance;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.core.lifecycle.InstanceStateMachine;
import io.servicetsunami.core.workflow.WorkflowIds;
import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.in.DeployInstanceUseCase;
import io.servicetsunami.ports.in.DestroyInstanceUseCase;
import io.servicetsunami.ports.in.GetInstanceLogsUseCase;
import io.servicetsunami.ports.in.GetInstanceUseCase;
import io.servicetsunami.ports.in.InstanceOperation;
import io.servicetsunami.ports.in.ListInstancesUseCase;
import io.servicetsunami.ports.in.RestartInstanceUseCase;
import io.servicetsunami.ports.in.StartInstanceUseCase;
import io.servicetsunami.ports.in.StopInstanceUseCase;
import io.servicetsunami.ports.in.UpgradeInstanceUseCase;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.InstanceStatus;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TenantInstance;
import io.servicetsunami.ports.model.WorkflowInput;
import io.servicetsunami.ports.out.Clock;
import io.servicetsunami.ports.out.CredentialCipher;
import io.servicetsunami.ports.out.IdGenerator;
import io.servicetsunami.ports.out.InstanceRuntime;
import io.servicetsunami.ports.out.InstanceRuntime.ReleaseRef;
import io.servicetsunami.ports.out.TenantInstanceRepository;
import io.servicetsunami.ports.out.WorkflowEngine;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The lifecycle of a tenant's OpenClaw instance. Every operation validates its transition against
 * the instance state machine before it touches the runtime or the workflow engine, and claims the
 * new status in the store first (an optimistic update), so that of two concurrent requests exactly
 * one acts. When the runtime then fails, the instance moves to {@code error} with the reason.
 */
public final class InstanceLifecycleService
    implements DeployInstanceUseCase,
        ListInstancesUseCase,
        GetInstanceUseCase,
        StopInstanceUseCase,
        StartInstanceUseCase,
        RestartInstanceUseCase,
        UpgradeInstanceUseCase,
        DestroyInstanceUseCase,
        GetInstanceLogsUseCase {

  private final TenantInstanceRepository instances;
  private final InstanceRuntime runtime;
  private final WorkflowEngine workflows;
  private final CredentialCipher cipher;
  private final InstanceSettings settings;
  private final Clock clock;
  private final IdGenerator ids;

  public InstanceLifecycleService(
      TenantInstanceRepository instances,
      InstanceRuntime runtime,
      WorkflowEngine workflows,
      CredentialCipher cipher,
      InstanceSettings settings,
      Clock clock,
      IdGenerator ids) {
    this.instances = requireNonNull(instances, "instances is null");
    this.runtime = requireNonNull(runtime, "runtime is null");
    this.workflows = requireNonNull(workflows, "workflows is null");
    this.cipher = requireNonNull(cipher, "cipher is null");
    this.settings = requireNonNull(settings, "settings is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.ids = requireNonNull(ids, "ids is null");
  }

  /** The release name of a tenant: {@code openclaw-} and the first 8 characters of its id. */
  public static String releaseName(TenantId tenant) {
    return "openclaw-" + tenant.toString().substring(0, 8);
  }

  @Override
  public InstanceOperation deploy(DeployInstanceCommand command) {
    TenantId tenant = command.tenantId();
    String version = command.version().orElse(settings.defaultVersion());
    requireValidVersion(version);
    if (instances.findByTenant(tenant).isPresent()) {
      throw new ConflictException(
          ErrorCode.INSTANCE_ALREADY_EXISTS, "the tenant already has an OpenClaw instance");
    }
    String release = releaseName(tenant);
    Optional<TenantId> owner = instances.releaseOwner(settings.namespace(), release);
    if (owner.isPresent() && !owner.get().equals(tenant)) {
      throw new ConflictException(
          ErrorCode.RELEASE_NAME_COLLISION,
          "release "
              + release
              + " in namespace "
              + settings.namespace()
              + " belongs to another tenant");
    }
    Instant now = clock.now();
    TenantInstance created =
        instances.create(
            new TenantInstance(
                new InstanceId(ids.newId()),
                tenant,
                version,
                InstanceStateMachine.initial(),
                release,
                settings.namespace(),
                command.resources().orElse(settings.resources()),
                Optional.empty(),
                Optional.of(cipher.encrypt(tenant, newGatewayToken())),
                Optional.empty(),
                Optional.empty(),
                0,
                now,
                now));
    String workflowId = WorkflowIds.provision(created.id());
    startOrFail(
        created,
        workflowId,
        new WorkflowInput.OpenClawProvision(tenant, created.id(), version, false));
    return new InstanceOperation(created, workflowId);
  }

  @Override
  public List<TenantInstance> list(TenantId tenant) {
    return instances.list(tenant);
  }

  @Override
  public TenantInstance get(TenantId tenant, InstanceId id) {
    return instances
        .find(tenant, id)
        .orElseThrow(
            () ->
                new NotFoundException(
                    ErrorCode.INSTANCE_NOT_FOUND, "instance " + id + " not found"));
  }

  @Override
  public TenantInstance stop(TenantId tenant, InstanceId id) {
    TenantInstance stopped = claim(get(tenant, id), InstanceStatus.STOPPED);
    return actOnRuntime(stopped, () -> runtime.stop(ref(stopped)));
  }

  @Override
  public TenantInstance start(TenantId tenant, InstanceId id) {
    TenantInstance instance = get(tenant, id);
    requireStatus(instance, InstanceStatus.STOPPED, "started");
    TenantInstance started = claim(instance, InstanceStatus.RUNNING);
    return actOnRuntime(started, () -> runtime.start(ref(started)));
  }

  @Override
  public TenantInstance restart(TenantId tenant, InstanceId id) {
    TenantInstance instance = get(tenant, id);
    requireStatus(instance, InstanceStatus.RUNNING, "restarted");
    return actOnRuntime(instance, () -> runtime.restart(ref(instance)));
  }

  @Override
  public InstanceOperation upgrade(TenantId tenant, InstanceId id, String version) {
    requireValidVersion(version);
    TenantInstance upgrading = claim(get(tenant, id), InstanceStatus.UPGRADING);
    String workflowId = WorkflowIds.upgrade(id, clock.now());
    startOrFail(
        upgrading, workflowId, new WorkflowInput.OpenClawProvision(tenant, id, version, true));
    return new InstanceOperation(upgrading, workflowId);
  }

  @Override
  public void destroy(TenantId tenant, InstanceId id) {
    TenantInstance destroying = claim(get(tenant, id), InstanceStatus.DESTROYING);
    actOnRuntime(destroying, () -> runtime.destroy(ref(destroying)));
    instances.delete(tenant, id);
  }

  @Override
  public List<String> logs(TenantId tenant, InstanceId id, int tail) {
    if (tail < 1 || tail > MAX_TAIL) {
      throw new InvalidInputException(
          ErrorCode.INVALID_INPUT, "tail must be between 1 and " + MAX_TAIL + ": " + tail);
    }
    TenantInstance instance = get(tenant, id);
    if (instance.status() == InstanceStatus.DESTROYING) {
      throw new ConflictException(
          ErrorCode.INVALID_TRANSITION, "the instance is being destroyed and has no logs to read");
    }
    return runtime.logs(ref(instance), tail);
  }

  /**
   * Start and restart are actions, not just target states: provisioning also ends in {@code
   * running}, but only a stopped instance can be started and only a running one restarted.
   */
  private static void requireStatus(TenantInstance instance, InstanceStatus required, String verb) {
    if (instance.status() != required) {
      throw new ConflictException(
          ErrorCode.INVALID_TRANSITION,
          "only a "
              + required.wire()
              + " instance can be "
              + verb
              + "; this one is "
              + instance.status().wire());
    }
  }

  /** Validates and stores the transition; nothing else is touched if it is illegal. */
  private TenantInstance claim(TenantInstance instance, InstanceStatus next) {
    InstanceStateMachine.transition(instance.status(), next).orThrow();
    return instances.update(instance.withStatus(next, Optional.empty(), clock.now()));
  }

  private TenantInstance actOnRuntime(TenantInstance instance, Runnable action) {
    try {
      action.run();
      return instance;
    } catch (PortException failure) {
      markError(instance, failure.getMessage());
      throw failure;
    }
  }

  private void startOrFail(TenantInstance instance, String workflowId, WorkflowInput input) {
    try {
      workflows.start(workflowId, input);
    } catch (PortException failure) {
      markError(instance, "could not start " + workflowId + ": " + failure.getMessage());
      throw failure;
    }
  }

  private void markError(TenantInstance instance, String reason) {
    try {
      instances
          .find(instance.tenantId(), instance.id())
          .filter(
              current ->
                  InstanceStateMachine.transition(current.status(), InstanceStatus.ERROR).applied())
          .ifPresent(
              current ->
                  instances.update(
                      current.withStatus(InstanceStatus.ERROR, Optional.of(reason), clock.now())));
    } catch (ConflictException movedMeanwhile) {
      // Someone else moved the instance meanwhile; their status is newer than our failure.
    }
  }

  /**
   * A fresh gateway token: two random UUIDs from the id generator (SecureRandom-backed version-4
   * UUIDs in production), 244 random bits in 64 hex characters.
   */
  private Secret newGatewayToken() {
    return Secret.of((ids.newId().toString() + ids.newId().toString()).replace("-", ""));
  }

  private static ReleaseRef ref(TenantInstance instance) {
    return new ReleaseRef(instance.k8sNamespace(), instance.helmRelease());
  }

  private static void requireValidVersion(String version) {
    if (!InstanceSettings.isValidVersion(version)) {
      throw new InvalidInputException(
          ErrorCode.INVALID_INPUT,
          "version must be an image tag (letters, digits, '.', '-', '_'; at most 64): " + version);
    }
  }
}
