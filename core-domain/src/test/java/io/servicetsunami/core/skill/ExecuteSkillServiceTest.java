package io.servicetsunami.core.skill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.core.breaker.CircuitBreakerPolicy;
import io.servicetsunami.core.breaker.SlidingWindowCircuitBreakers;
import io.servicetsunami.core.instance.GatewayEndpoints;
import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.ForbiddenException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.in.ExecuteSkillUseCase.AwaitingApproval;
import io.servicetsunami.ports.in.ExecuteSkillUseCase.Completed;
import io.servicetsunami.ports.in.ExecuteSkillUseCase.ExecuteSkillCommand;
import io.servicetsunami.ports.in.ExecuteSkillUseCase.SkillError;
import io.servicetsunami.ports.in.ExecuteSkillUseCase.SkillOutcome;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.EncryptedSecret;
import io.servicetsunami.ports.model.ExecutionId;
import io.servicetsunami.ports.model.ExecutionTrace;
import io.servicetsunami.ports.model.InstanceStatus;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.SkillConfig;
import io.servicetsunami.ports.model.SkillCredential;
import io.servicetsunami.ports.model.StepType;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TenantInstance;
import io.servicetsunami.ports.model.UserId;
import io.servicetsunami.ports.out.CircuitBreakers;
import io.servicetsunami.ports.out.CredentialCipher;
import io.servicetsunami.ports.out.GatewayEndpoint;
import io.servicetsunami.ports.out.SkillGateway;
import io.servicetsunami.ports.testing.FakeCredentialCipher;
import io.servicetsunami.ports.testing.FakeSkillGateway;
import io.servicetsunami.ports.testing.Fixtures;
import io.servicetsunami.ports.testing.InMemoryAgentTaskRepository;
import io.servicetsunami.ports.testing.InMemoryExecutionTraceRepository;
import io.servicetsunami.ports.testing.InMemorySkillConfigRepository;
import io.servicetsunami.ports.testing.InMemorySkillCredentialRepository;
import io.servicetsunami.ports.testing.InMemoryTenantInstanceRepository;
import io.servicetsunami.ports.testing.InMemoryTenantRepository;
import io.servicetsunami.ports.testing.MutableClock;
import io.servicetsunami.ports.testing.SequentialIdGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExecuteSkillServiceTest {

  private static final String SKILL = "github";
  private static final String GITHUB_TOKEN = "ghp_supersecretvalue123";
  private static final String GATEWAY_TOKEN = "gateway-token-of-the-instance";

  private final List<String> steps = new ArrayList<>();
  private final MutableClock clock = new MutableClock();
  private final SequentialIdGenerator ids = new SequentialIdGenerator();
  private final InMemoryTenantRepository tenants = new InMemoryTenantRepository();
  private final InMemoryTenantInstanceRepository instances = new InMemoryTenantInstanceRepository();
  private final InMemorySkillConfigRepository configs = new InMemorySkillConfigRepository();
  private final InMemorySkillCredentialRepository credentials =
      new InMemorySkillCredentialRepository();
  private final InMemoryExecutionTraceRepository traces = new InMemoryExecutionTraceRepository();
  private final InMemoryAgentTaskRepository tasks = new InMemoryAgentTaskRepository();
  private final RecordingCipher cipher = new RecordingCipher(new FakeCredentialCipher(), steps);
  private final RecordingBreakers breakers =
      new RecordingBreakers(
          new SlidingWindowCircuitBreakers(CircuitBreakerPolicy.DEFAULT, clock), steps);
  private final FakeSkillGateway gateway = new FakeSkillGateway();
  private final TenantId tenant = Fixtures.tenantId();
  private TenantInstance instance;
  private ExecuteSkillService service;

  @BeforeEach
  void setUp() {
    tenants.create(Fixtures.tenant(tenant));
    instance =
        instances.create(
            new TenantInstance(
                Fixtures.instanceId(),
                tenant,
                Fixtures.OPENCLAW_VERSION,
                InstanceStatus.RUNNING,
                Fixtures.releaseName(tenant),
                "prod",
                io.servicetsunami.ports.model.ResourceSpec.DEFAULT,
                Optional.of(
                    "http://" + Fixtures.releaseName(tenant) + ".prod.svc.cluster.local:18789"),
                Optional.of(cipher.delegate.encrypt(tenant, Secret.of(GATEWAY_TOKEN))),
                Optional.empty(),
                Optional.empty(),
                0,
                Fixtures.NOW,
                Fixtures.NOW));
    configs.save(
        new SkillConfig(
            tenant, SKILL, true, false, Optional.empty(), Set.of("token"), 0, Fixtures.NOW));
    credentials.put(
        new SkillCredential(
            tenant,
            SKILL,
            "token",
            cipher.delegate.encrypt(tenant, Secret.of(GITHUB_TOKEN)),
            Fixtures.NOW));
    gateway.succeeds(SKILL, Map.of("issues", List.of("#1", "#2")));
    service =
        new ExecuteSkillService(
            SkillRegistry.builtIn(),
            tenants,
            instances,
            breakers,
            configs,
            credentials,
            cipher,
            new GatewayEndpoints(cipher, Optional.empty()),
            recording(gateway),
            tasks,
            traces,
            clock,
            ids);
  }

  @Test
  void runsTheSkillWithDecryptedCredentialsAndTheTenantDefaultModel() {
    SkillOutcome outcome = service.execute(command());

    assertThat(outcome).isInstanceOf(Completed.class);
    Completed completed = (Completed) outcome;
    assertThat(completed.output()).containsEntry("issues", List.of("#1", "#2"));
    assertThat(completed.llmModel()).isEqualTo(Fixtures.tenant(tenant).defaultLlmModel());
    SkillGateway.SkillInvocation sent = gateway.lastInvocation().orElseThrow();
    assertThat(sent.credentials()).containsEntry("token", Secret.of(GITHUB_TOKEN));
    assertThat(sent.idempotencyKey()).isEqualTo("skill-" + completed.executionId());
    assertThat(gateway.calls().get(0).endpoint().token()).isEqualTo(Secret.of(GATEWAY_TOKEN));
  }

  @Test
  void doesTheSevenStepsInOrder() {
    AgentTask task = tasks.create(Fixtures.task(tenant));

    service.execute(command(Optional.of(task.id())));

    assertThat(steps)
        .containsExactly("breaker:acquire", "decrypt", "decrypt", "gateway", "breaker:success");
    assertThat(traces.listByTask(tenant, task.id()))
        .singleElement()
        .satisfies(trace -> assertThat(trace.stepType()).isEqualTo(StepType.SKILL_CALL));
  }

  @Test
  void rejectsFastWhileTheCircuitIsOpenWithoutDecryptingAnything() {
    gateway.throwsOn(SKILL, new TransientException(ErrorCode.GATEWAY_UNAVAILABLE, "down"));
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> service.execute(command())).isInstanceOf(TransientException.class);
    }
    steps.clear();
    clock.advance(Duration.ofSeconds(20));

    assertThatThrownBy(() -> service.execute(command()))
        .isInstanceOfSatisfying(
            TransientException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CIRCUIT_OPEN);
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(100));
            });
    assertThat(steps).containsExactly("breaker:acquire");
    assertThat(gateway.calls()).hasSize(3);
  }

  @Test
  void aSkillsOwnErrorDoesNotCountAgainstTheGateway() {
    gateway.failsWith(SKILL, "repository not found");

    for (int i = 0; i < 5; i++) {
      assertThat(service.execute(command())).isInstanceOf(SkillError.class);
    }

    assertThat(breakers.state(instance.id())).isEqualTo(CircuitBreakers.State.CLOSED);
  }

  @Test
  void gatewayErrorsCountAgainstTheGateway() {
    gateway.throwsOn(SKILL, new PermanentException(ErrorCode.GATEWAY_AUTH_FAILED, "bad token"));

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> service.execute(command())).isInstanceOf(PermanentException.class);
    }

    assertThat(breakers.state(instance.id())).isEqualTo(CircuitBreakers.State.OPEN);
  }

  @Test
  void aRequestTheGatewayRefusesAsInvalidDoesNotCountAgainstIt() {
    gateway.throwsOn(
        SKILL,
        new io.servicetsunami.ports.error.InvalidInputException(
            ErrorCode.INVALID_INPUT, "frame larger than the gateway's payload limit"));

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> service.execute(command()))
          .isInstanceOf(io.servicetsunami.ports.error.InvalidInputException.class);
    }

    assertThat(breakers.state(instance.id())).isEqualTo(CircuitBreakers.State.CLOSED);
  }

  @Test
  void credentialsEchoedByTheGatewayNeverReachResultsTracesOrExceptions() {
    AgentTask task = tasks.create(Fixtures.task(tenant));
    gateway.answers(
        SKILL,
        invocation ->
            new SkillGateway.Succeeded(
                Map.of("echo", "used " + GITHUB_TOKEN, "nested", Map.of("k", GITHUB_TOKEN))));

    Completed completed = (Completed) service.execute(command(Optional.of(task.id())));

    assertThat(completed.toString()).doesNotContain(GITHUB_TOKEN).contains("******");

    gateway.throwsOn(
        SKILL,
        new PermanentException(
            ErrorCode.GATEWAY_REJECTED, "invalid token " + GITHUB_TOKEN + " / " + GATEWAY_TOKEN));
    assertThatThrownBy(() -> service.execute(command(Optional.of(task.id()))))
        .isInstanceOf(PermanentException.class)
        .hasMessageNotContaining(GITHUB_TOKEN)
        .hasMessageNotContaining(GATEWAY_TOKEN)
        .hasNoCause();
    for (ExecutionTrace trace : traces.listByTask(tenant, task.id())) {
      assertThat(trace.details().toString())
          .doesNotContain(GITHUB_TOKEN)
          .doesNotContain(GATEWAY_TOKEN);
    }
  }

  @Test
  void usesTheSkillsOwnModelWhenConfigured() {
    SkillConfig current = configs.find(tenant, SKILL).orElseThrow();
    configs.save(
        new SkillConfig(
            tenant,
            SKILL,
            true,
            false,
            Optional.of("gpt-5-mini"),
            current.credentialKeys(),
            current.revision(),
            Fixtures.NOW));

    Completed completed = (Completed) service.execute(command());

    assertThat(completed.llmModel()).isEqualTo("gpt-5-mini");
    assertThat(gateway.lastInvocation().orElseThrow().llmModel()).isEqualTo("gpt-5-mini");
  }

  @Test
  void waitsForApprovalWhenTheSkillRequiresItAndRunsOnceApproved() {
    SkillConfig current = configs.find(tenant, SKILL).orElseThrow();
    configs.save(
        new SkillConfig(
            tenant,
            SKILL,
            true,
            true,
            Optional.empty(),
            current.credentialKeys(),
            current.revision(),
            Fixtures.NOW));

    SkillOutcome waiting = service.execute(command());
    assertThat(waiting).isInstanceOf(AwaitingApproval.class);
    assertThat(gateway.calls()).isEmpty();
    assertThat(cipher.decrypts).isZero();

    SkillOutcome approved =
        service.execute(
            new ExecuteSkillCommand(
                tenant,
                SKILL,
                Map.of(),
                Optional.of(waiting.executionId()),
                Optional.empty(),
                Optional.of(new UserId(ids.newId()))));
    assertThat(approved).isInstanceOf(Completed.class);
    assertThat(approved.executionId()).isEqualTo(waiting.executionId());
  }

  @Test
  void refusesASkillTheTenantHasNotEnabled() {
    SkillConfig current = configs.find(tenant, SKILL).orElseThrow();
    configs.save(
        new SkillConfig(
            tenant,
            SKILL,
            false,
            false,
            Optional.empty(),
            current.credentialKeys(),
            current.revision(),
            Fixtures.NOW));

    assertThatThrownBy(() -> service.execute(command()))
        .isInstanceOfSatisfying(
            ForbiddenException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SKILL_DISABLED));
    assertThatThrownBy(
            () ->
                service.execute(
                    new ExecuteSkillCommand(
                        tenant,
                        "slack",
                        Map.of(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty())))
        .isInstanceOfSatisfying(
            ForbiddenException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SKILL_DISABLED));
    assertThat(gateway.calls()).isEmpty();
  }

  @Test
  void aRefusedConfigurationDoesNotUseUpTheHalfOpenTrial() {
    gateway.throwsOn(SKILL, new TransientException(ErrorCode.GATEWAY_TIMEOUT, "slow"));
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> service.execute(command())).isInstanceOf(TransientException.class);
    }
    clock.advance(Duration.ofMinutes(2));
    assertThatThrownBy(
            () ->
                service.execute(
                    new ExecuteSkillCommand(
                        tenant,
                        "slack",
                        Map.of(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty())))
        .isInstanceOf(ForbiddenException.class);

    gateway.succeeds(SKILL, Map.of("ok", true));
    assertThat(service.execute(command())).isInstanceOf(Completed.class);
    assertThat(breakers.state(instance.id())).isEqualTo(CircuitBreakers.State.CLOSED);
  }

  @Test
  void needsARunningInstance() {
    instances.update(instance.withStatus(InstanceStatus.STOPPED, Optional.empty(), Fixtures.NOW));

    assertThatThrownBy(() -> service.execute(command()))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INSTANCE_NOT_RUNNING));
    assertThat(steps).isEmpty();
  }

  @Test
  void anotherTenantHasNoInstanceToRunOn() {
    TenantId other = Fixtures.tenantId();
    tenants.create(Fixtures.tenant(other));

    assertThatThrownBy(
            () ->
                service.execute(
                    new ExecuteSkillCommand(
                        other,
                        SKILL,
                        Map.of(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty())))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INSTANCE_NOT_FOUND));
  }

  @Test
  void aTaskTheTenantDoesNotHaveIsRefusedBeforeAnythingRuns() {
    TaskId foreign = tasks.create(Fixtures.task(Fixtures.tenantId())).id();

    assertThatThrownBy(() -> service.execute(command(Optional.of(foreign))))
        .isInstanceOfSatisfying(
            NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TASK_NOT_FOUND));
    assertThat(gateway.calls()).isEmpty();
    assertThat(steps).isEmpty();
  }

  @Test
  void anUnknownSkillIsNotFound() {
    assertThatThrownBy(
            () ->
                service.execute(
                    new ExecuteSkillCommand(
                        tenant,
                        "no-such-skill",
                        Map.of(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty())))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SKILL_NOT_FOUND));
  }

  @Test
  void retryingWithTheSameExecutionIdRunsTheSkillOnce() {
    ExecutionId execution = new ExecutionId(ids.newId());
    ExecuteSkillCommand command =
        new ExecuteSkillCommand(
            tenant, SKILL, Map.of(), Optional.of(execution), Optional.empty(), Optional.empty());

    service.execute(command);
    service.execute(command);

    assertThat(gateway.calls()).hasSize(2);
    assertThat(gateway.runs(SKILL)).isEqualTo(1);
  }

  @Test
  void recordsTheSkillCallOnceEvenWhenRetried() {
    TaskId task = tasks.create(Fixtures.task(tenant)).id();
    ExecutionId execution = new ExecutionId(ids.newId());
    ExecuteSkillCommand command =
        new ExecuteSkillCommand(
            tenant, SKILL, Map.of(), Optional.of(execution), Optional.of(task), Optional.empty());

    service.execute(command);
    service.execute(command);

    assertThat(traces.listByTask(tenant, task))
        .singleElement()
        .satisfies(
            trace -> {
              assertThat(trace.stepOrder()).isEqualTo(3);
              assertThat(trace.details())
                  .containsEntry("skill", SKILL)
                  .containsEntry("outcome", "success")
                  .containsEntry("execution_id", execution.toString());
            });
  }

  private ExecuteSkillCommand command() {
    return command(Optional.empty());
  }

  private ExecuteSkillCommand command(Optional<TaskId> task) {
    return new ExecuteSkillCommand(
        tenant, SKILL, Map.of("query", "open issues"), Optional.empty(), task, Optional.empty());
  }

  private SkillGateway recording(SkillGateway delegate) {
    return new SkillGateway() {
      @Override
      public SkillResult execute(GatewayEndpoint endpoint, SkillInvocation invocation) {
        steps.add("gateway");
        return delegate.execute(endpoint, invocation);
      }

      @Override
      public GatewayHealth probe(GatewayEndpoint endpoint) {
        return delegate.probe(endpoint);
      }

      @Override
      public DeviceHandshake connectDevice(GatewayEndpoint endpoint) {
        return delegate.connectDevice(endpoint);
      }
    };
  }

  /** Counts decryptions and notes them in the step log; encryption goes straight through. */
  private static final class RecordingCipher implements CredentialCipher {
    final CredentialCipher delegate;
    final List<String> steps;
    int decrypts;

    RecordingCipher(CredentialCipher delegate, List<String> steps) {
      this.delegate = delegate;
      this.steps = steps;
    }

    @Override
    public EncryptedSecret encrypt(TenantId tenant, Secret plaintext) {
      return delegate.encrypt(tenant, plaintext);
    }

    @Override
    public Secret decrypt(TenantId tenant, EncryptedSecret ciphertext) {
      decrypts++;
      steps.add("decrypt");
      return delegate.decrypt(tenant, ciphertext);
    }

    @Override
    public EncryptedSecret reencrypt(TenantId tenant, EncryptedSecret ciphertext) {
      return delegate.reencrypt(tenant, ciphertext);
    }
  }

  private static final class RecordingBreakers implements CircuitBreakers {
    private final CircuitBreakers delegate;
    private final List<String> steps;

    RecordingBreakers(CircuitBreakers delegate, List<String> steps) {
      this.delegate = delegate;
      this.steps = steps;
    }

    @Override
    public Admission tryAcquire(io.servicetsunami.ports.model.InstanceId instance) {
      steps.add("breaker:acquire");
      return delegate.tryAcquire(instance);
    }

    @Override
    public void onSuccess(io.servicetsunami.ports.model.InstanceId instance) {
      steps.add("breaker:success");
      delegate.onSuccess(instance);
    }

    @Override
    public void onFailure(io.servicetsunami.ports.model.InstanceId instance) {
      steps.add("breaker:failure");
      delegate.onFailure(instance);
    }

    @Override
    public void release(io.servicetsunami.ports.model.InstanceId instance) {
      steps.add("breaker:release");
      delegate.release(instance);
    }

    @Override
    public State state(io.servicetsunami.ports.model.InstanceId instance) {
      return delegate.state(instance);
    }
  }
}
