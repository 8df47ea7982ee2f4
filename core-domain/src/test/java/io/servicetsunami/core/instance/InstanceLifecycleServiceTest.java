package io.servicetsunami.core.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.in.DeployInstanceUseCase.DeployInstanceCommand;
import io.servicetsunami.ports.in.InstanceOperation;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.InstanceStatus;
import io.servicetsunami.ports.model.ResourceSpec;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TenantInstance;
import io.servicetsunami.ports.model.WorkflowInput;
import io.servicetsunami.ports.model.WorkflowType;
import io.servicetsunami.ports.out.InstanceRuntime.ReleaseRef;
import io.servicetsunami.ports.out.SkillGateway.GatewayHealth;
import io.servicetsunami.ports.testing.FakeCredentialCipher;
import io.servicetsunami.ports.testing.FakeSkillGateway;
import io.servicetsunami.ports.testing.Fixtures;
import io.servicetsunami.ports.testing.InMemoryInstanceRuntime;
import io.servicetsunami.ports.testing.InMemoryTenantInstanceRepository;
import io.servicetsunami.ports.testing.InMemoryWorkflowEngine;
import io.servicetsunami.ports.testing.MutableClock;
import io.servicetsunami.ports.testing.SequentialIdGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InstanceLifecycleServiceTest {

  private static final String VERSION = "2026.1.29";

  private final MutableClock clock = new MutableClock();
  private final SequentialIdGenerator ids = new SequentialIdGenerator();
  private final InMemoryTenantInstanceRepository instances = new InMemoryTenantInstanceRepository();
  private final InMemoryInstanceRuntime runtime = new InMemoryInstanceRuntime();
  private final InMemoryWorkflowEngine workflows = new InMemoryWorkflowEngine();
  private final FakeCredentialCipher cipher = new FakeCredentialCipher();
  private final FakeSkillGateway gateway = new FakeSkillGateway();
  private final InstanceSettings settings = InstanceSettings.defaults(VERSION);
  private final GatewayEndpoints endpoints = new GatewayEndpoints(cipher, Optional.empty());
  private final InstanceLifecycleService lifecycle =
      new InstanceLifecycleService(instances, runtime, workflows, cipher, settings, clock, ids);
  private final ProvisionInstanceStepsService steps =
      new ProvisionInstanceStepsService(instances, runtime, endpoints, gateway, settings, clock);
  private final TenantId tenant = Fixtures.tenantId();

  @Test
  void deployRecordsAProvisioningInstanceAndStartsItsWorkflow() {
    InstanceOperation operation = lifecycle.deploy(deploy(tenant));

    TenantInstance instance = operation.instance();
    assertThat(instance.status()).isEqualTo(InstanceStatus.PROVISIONING);
    assertThat(instance.helmRelease()).isEqualTo("openclaw-" + tenant.toString().substring(0, 8));
    assertThat(instance.k8sNamespace()).isEqualTo("prod");
    assertThat(instance.resources()).isEqualTo(ResourceSpec.DEFAULT);
    assertThat(operation.workflowId()).isEqualTo("provision-openclaw-" + instance.id());
    assertThat(workflows.inputOf(operation.workflowId()))
        .isEqualTo(new WorkflowInput.OpenClawProvision(tenant, instance.id(), VERSION, false));
    // The instance's own gateway token is stored encrypted, and only for its tenant.
    Secret token = cipher.decrypt(tenant, instance.gatewayToken().orElseThrow());
    assertThat(token.reveal()).hasSize(64);
    assertThat(instance.gatewayToken().orElseThrow().token()).doesNotContain(token.reveal());
  }

  @Test
  void provisioningStepsBringTheInstanceToRunning() {
    TenantInstance instance = provisioned();

    assertThat(instance.status()).isEqualTo(InstanceStatus.RUNNING);
    assertThat(instance.internalUrl())
        .contains("http://" + instance.helmRelease() + ".prod.svc.cluster.local:18789");
    assertThat(runtime.release(ref(instance)).orElseThrow().gatewayToken())
        .isEqualTo(cipher.decrypt(tenant, instance.gatewayToken().orElseThrow()));
  }

  @Test
  void provisioningStepsAreIdempotent() {
    TenantInstance instance = lifecycle.deploy(deploy(tenant)).instance();
    for (int attempt = 0; attempt < 2; attempt++) {
      steps.generateValues(tenant, instance.id(), VERSION);
      steps.install(tenant, instance.id(), VERSION);
      steps.awaitReady(tenant, instance.id(), detail -> {});
      steps.healthCheck(tenant, instance.id());
      steps.register(tenant, instance.id(), VERSION);
    }

    assertThat(lifecycle.get(tenant, instance.id()).status()).isEqualTo(InstanceStatus.RUNNING);
    assertThat(runtime.release(ref(instance)).orElseThrow().replicas()).isEqualTo(1);
  }

  @Test
  void aGatewayThatIsNotHealthyAfterReadinessIsRetriedNotRegistered() {
    TenantInstance instance = lifecycle.deploy(deploy(tenant)).instance();
    steps.install(tenant, instance.id(), VERSION);
    steps.awaitReady(tenant, instance.id(), detail -> {});
    gateway.reportsHealth(
        Fixtures.endpoint(instance.id(), InMemoryInstanceRuntime.internalUrl(ref(instance))),
        new GatewayHealth(true, false));

    assertThatThrownBy(() -> steps.healthCheck(tenant, instance.id()))
        .isInstanceOfSatisfying(
            TransientException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.GATEWAY_UNAVAILABLE))
        .hasMessageContaining("http_only");
  }

  @Test
  void aFailedProvisioningLeavesTheInstanceInErrorWithTheReason() {
    TenantInstance instance = lifecycle.deploy(deploy(tenant)).instance();
    runtime.failReadinessWith(new PermanentException(ErrorCode.POD_FAILED, "ImagePullBackOff"));
    assertThatThrownBy(() -> steps.awaitReady(tenant, instance.id(), detail -> {}))
        .isInstanceOf(PermanentException.class);

    steps.markFailed(tenant, instance.id(), "wait_pod_ready: ImagePullBackOff");
    steps.markFailed(tenant, instance.id(), "wait_pod_ready: ImagePullBackOff");

    TenantInstance failed = lifecycle.get(tenant, instance.id());
    assertThat(failed.status()).isEqualTo(InstanceStatus.ERROR);
    assertThat(failed.errorMessage()).contains("wait_pod_ready: ImagePullBackOff");
  }

  @Test
  void stopAndStartScaleTheGatewayAndMoveTheStatus() {
    TenantInstance instance = provisioned();

    assertThat(lifecycle.stop(tenant, instance.id()).status()).isEqualTo(InstanceStatus.STOPPED);
    assertThat(runtime.release(ref(instance)).orElseThrow().replicas()).isZero();

    assertThat(lifecycle.start(tenant, instance.id()).status()).isEqualTo(InstanceStatus.RUNNING);
    assertThat(runtime.release(ref(instance)).orElseThrow().replicas()).isEqualTo(1);
  }

  @Test
  void restartKeepsTheInstanceRunning() {
    TenantInstance instance = provisioned();

    TenantInstance restarted = lifecycle.restart(tenant, instance.id());

    assertThat(restarted.status()).isEqualTo(InstanceStatus.RUNNING);
    assertThat(runtime.release(ref(instance)).orElseThrow().restarts()).isEqualTo(1);
  }

  @Test
  void upgradeRerunsProvisioningWithTheNewVersion() {
    TenantInstance instance = provisioned();
    clock.advance(Duration.ofHours(1));

    InstanceOperation operation = lifecycle.upgrade(tenant, instance.id(), "2026.2.1");

    assertThat(operation.instance().status()).isEqualTo(InstanceStatus.UPGRADING);
    assertThat(operation.workflowId())
        .isEqualTo("upgrade-openclaw-" + instance.id() + "-" + clock.peek().getEpochSecond());
    assertThat(workflows.inputOf(operation.workflowId()))
        .isEqualTo(new WorkflowInput.OpenClawProvision(tenant, instance.id(), "2026.2.1", true));
    runSteps(instance.id(), "2026.2.1");
    TenantInstance upgraded = lifecycle.get(tenant, instance.id());
    assertThat(upgraded.status()).isEqualTo(InstanceStatus.RUNNING);
    assertThat(upgraded.version()).isEqualTo("2026.2.1");
    assertThat(runtime.release(ref(instance)).orElseThrow().version()).isEqualTo("2026.2.1");
  }

  @Test
  void destroyRemovesTheReleaseAndThenTheRecord() {
    TenantInstance instance = provisioned();

    lifecycle.destroy(tenant, instance.id());

    assertThat(runtime.destroyed()).containsExactly(ref(instance));
    assertThat(instances.find(tenant, instance.id())).isEmpty();
  }

  @Test
  void aFailedDestroyLeavesTheInstanceInErrorSoItCanBeDestroyedAgain() {
    TenantInstance instance = provisioned();
    InstanceLifecycleService failing =
        new InstanceLifecycleService(
            instances, new DestroyFailsRuntime(runtime), workflows, cipher, settings, clock, ids);

    assertThatThrownBy(() -> failing.destroy(tenant, instance.id()))
        .isInstanceOf(TransientException.class);
    assertThat(lifecycle.get(tenant, instance.id()).status()).isEqualTo(InstanceStatus.ERROR);

    lifecycle.destroy(tenant, instance.id());
    assertThat(instances.find(tenant, instance.id())).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = InstanceStatus.class,
      names = {"PROVISIONING", "STOPPED", "UPGRADING", "ERROR", "DESTROYING"})
  void stopIsRefusedUnlessRunningAndTouchesNothing(InstanceStatus status) {
    TenantInstance instance = stored(status);
    List<String> before = runtimeCalls();

    assertThatThrownBy(() -> lifecycle.stop(tenant, instance.id()))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRANSITION));

    assertThat(instances.find(tenant, instance.id())).contains(instance);
    assertThat(runtimeCalls()).isEqualTo(before);
  }

  @ParameterizedTest
  @EnumSource(
      value = InstanceStatus.class,
      names = {"PROVISIONING", "RUNNING", "UPGRADING", "ERROR", "DESTROYING"})
  void startIsRefusedUnlessStopped(InstanceStatus status) {
    TenantInstance instance = stored(status);

    assertThatThrownBy(() -> lifecycle.start(tenant, instance.id()))
        .isInstanceOf(ConflictException.class);
    assertThat(instances.find(tenant, instance.id())).contains(instance);
  }

  @ParameterizedTest
  @EnumSource(
      value = InstanceStatus.class,
      names = {"PROVISIONING", "STOPPED", "UPGRADING", "ERROR", "DESTROYING"})
  void restartIsRefusedUnlessRunning(InstanceStatus status) {
    TenantInstance instance = stored(status);

    assertThatThrownBy(() -> lifecycle.restart(tenant, instance.id()))
        .isInstanceOf(ConflictException.class);
    assertThat(runtime.release(ref(instance))).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = InstanceStatus.class,
      names = {"PROVISIONING", "STOPPED", "UPGRADING", "DESTROYING"})
  void upgradeIsRefusedUnlessRunningOrFailedAndStartsNoWorkflow(InstanceStatus status) {
    TenantInstance instance = stored(status);

    assertThatThrownBy(() -> lifecycle.upgrade(tenant, instance.id(), "2026.2.1"))
        .isInstanceOf(ConflictException.class);
    assertThat(workflows.started()).isEmpty();
  }

  @Test
  void destroyIsRefusedWhileAlreadyDestroying() {
    TenantInstance instance = stored(InstanceStatus.DESTROYING);

    assertThatThrownBy(() -> lifecycle.destroy(tenant, instance.id()))
        .isInstanceOf(ConflictException.class);
    assertThat(instances.find(tenant, instance.id())).isPresent();
  }

  @Test
  void aTenantGetsOneInstanceOnly() {
    lifecycle.deploy(deploy(tenant));

    assertThatThrownBy(() -> lifecycle.deploy(deploy(tenant)))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INSTANCE_ALREADY_EXISTS));
    assertThat(workflows.started(WorkflowType.OPENCLAW_PROVISION)).hasSize(1);
  }

  @Test
  void refusesAReleaseNameThatAnotherTenantAlreadyUses() {
    UUID a = UUID.fromString("abcdef12-0000-0000-0000-000000000001");
    UUID b = UUID.fromString("abcdef12-0000-0000-0000-000000000002");
    lifecycle.deploy(deploy(new TenantId(a)));

    assertThatThrownBy(() -> lifecycle.deploy(deploy(new TenantId(b))))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RELEASE_NAME_COLLISION));
  }

  @Test
  void refusesAMalformedVersion() {
    assertThatThrownBy(
            () ->
                lifecycle.deploy(
                    new DeployInstanceCommand(
                        tenant, Optional.of("1.0; rm -rf /"), Optional.empty())))
        .isInstanceOf(InvalidInputException.class);
    assertThat(instances.list(tenant)).isEmpty();
  }

  @Test
  void aWorkflowEngineThatCannotStartLeavesTheInstanceInError() {
    workflows.unavailable(true);

    assertThatThrownBy(() -> lifecycle.deploy(deploy(tenant)))
        .isInstanceOf(TransientException.class);

    assertThat(instances.findByTenant(tenant).orElseThrow().status())
        .isEqualTo(InstanceStatus.ERROR);
  }

  @Test
  void anotherTenantCannotSeeOrTouchTheInstance() {
    TenantInstance instance = provisioned();
    TenantId intruder = Fixtures.tenantId();

    assertThatThrownBy(() -> lifecycle.get(intruder, instance.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> lifecycle.stop(intruder, instance.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> lifecycle.destroy(intruder, instance.id()))
        .isInstanceOf(NotFoundException.class);
    assertThat(lifecycle.list(intruder)).isEmpty();
    assertThat(lifecycle.get(tenant, instance.id()).status()).isEqualTo(InstanceStatus.RUNNING);
  }

  @Test
  void logsReturnTheLastLinesAndCheckTheTail() {
    TenantInstance instance = provisioned();
    runtime.appendLog(ref(instance), "one", "two", "three");

    assertThat(lifecycle.logs(tenant, instance.id(), 2)).containsExactly("two", "three");
    assertThatThrownBy(() -> lifecycle.logs(tenant, instance.id(), 0))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> lifecycle.logs(tenant, instance.id(), 5001))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void ofConcurrentStopsExactlyOneActs() throws InterruptedException {
    TenantInstance instance = provisioned();
    int racers = 8;
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger stopped = new AtomicInteger();
    AtomicInteger conflicts = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < racers; i++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  go.await();
                  lifecycle.stop(tenant, instance.id());
                  stopped.incrementAndGet();
                } catch (ConflictException e) {
                  conflicts.incrementAndGet();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      threads.add(thread);
      thread.start();
    }
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(stopped.get()).isEqualTo(1);
    assertThat(conflicts.get()).isEqualTo(racers - 1);
  }

  private TenantInstance provisioned() {
    TenantInstance instance = lifecycle.deploy(deploy(tenant)).instance();
    runSteps(instance.id(), VERSION);
    return lifecycle.get(tenant, instance.id());
  }

  private void runSteps(InstanceId id, String version) {
    steps.generateValues(tenant, id, version);
    steps.install(tenant, id, version);
    steps.awaitReady(tenant, id, detail -> {});
    steps.healthCheck(tenant, id);
    steps.register(tenant, id, version);
  }

  private TenantInstance stored(InstanceStatus status) {
    TenantInstance created = instances.create(Fixtures.instance(tenant));
    if (status == InstanceStatus.PROVISIONING) {
      return created;
    }
    return instances.update(created.withStatus(status, Optional.empty(), clock.now()));
  }

  private List<String> runtimeCalls() {
    return Stream.of(instances.list(tenant).toArray(TenantInstance[]::new))
        .map(i -> String.valueOf(runtime.release(ref(i))))
        .toList();
  }

  private static DeployInstanceCommand deploy(TenantId tenant) {
    return new DeployInstanceCommand(tenant, Optional.empty(), Optional.empty());
  }

  private static ReleaseRef ref(TenantInstance instance) {
    return new ReleaseRef(instance.k8sNamespace(), instance.helmRelease());
  }

  /** The real fake, except that its API server refuses deletions. */
  private static final class DestroyFailsRuntime
      implements io.servicetsunami.ports.out.InstanceRuntime {
    private final io.servicetsunami.ports.out.InstanceRuntime delegate;

    DestroyFailsRuntime(io.servicetsunami.ports.out.InstanceRuntime delegate) {
      this.delegate = delegate;
    }

    @Override
    public ReleasePlan render(InstanceSpec spec) {
      return delegate.render(spec);
    }

    @Override
    public void install(InstanceSpec spec, Secret gatewayToken) {
      delegate.install(spec, gatewayToken);
    }

    @Override
    public ReadyRelease awaitReady(ReleaseRef ref, Duration timeout, Progress progress) {
      return delegate.awaitReady(ref, timeout, progress);
    }

    @Override
    public DeviceApproval approveDevice(ReleaseRef ref, String deviceId, String devicePublicKey) {
      return delegate.approveDevice(ref, deviceId, devicePublicKey);
    }

    @Override
    public void stop(ReleaseRef ref) {
      delegate.stop(ref);
    }

    @Override
    public void start(ReleaseRef ref) {
      delegate.start(ref);
    }

    @Override
    public void restart(ReleaseRef ref) {
      delegate.restart(ref);
    }

    @Override
    public void destroy(ReleaseRef ref) {
      throw new TransientException(ErrorCode.RUNTIME_UNAVAILABLE, "API server down");
    }

    @Override
    public List<String> logs(ReleaseRef ref, int tail) {
      return delegate.logs(ref, tail);
    }
  }
}
