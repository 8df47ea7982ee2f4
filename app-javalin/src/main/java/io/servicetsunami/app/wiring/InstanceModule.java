package io.servicetsunami.app.wiring;

import dagger.Module;
import dagger.Provides;
import io.servicetsunami.core.instance.GatewayEndpoints;
import io.servicetsunami.core.instance.InstanceLifecycleService;
import io.servicetsunami.core.instance.InstanceSettings;
import io.servicetsunami.core.instance.ProvisionInstanceStepsService;
import io.servicetsunami.ports.in.DeployInstanceUseCase;
import io.servicetsunami.ports.in.DestroyInstanceUseCase;
import io.servicetsunami.ports.in.GetInstanceLogsUseCase;
import io.servicetsunami.ports.in.GetInstanceUseCase;
import io.servicetsunami.ports.in.ListInstancesUseCase;
import io.servicetsunami.ports.in.ProvisionInstanceSteps;
import io.servicetsunami.ports.in.RestartInstanceUseCase;
import io.servicetsunami.ports.in.StartInstanceUseCase;
import io.servicetsunami.ports.in.StopInstanceUseCase;
import io.servicetsunami.ports.in.UpgradeInstanceUseCase;
import io.servicetsunami.ports.out.Clock;
import io.servicetsunami.ports.out.CredentialCipher;
import io.servicetsunami.ports.out.IdGenerator;
import io.servicetsunami.ports.out.InstanceRuntime;
import io.servicetsunami.ports.out.SkillGateway;
import io.servicetsunami.ports.out.TenantInstanceRepository;
import io.servicetsunami.ports.out.WorkflowEngine;
import jakarta.inject.Singleton;

/** Tenant instances: their lifecycle and the five provisioning steps. */
@Module
public final class InstanceModule {

  private InstanceModule() {}

  @Provides
  @Singleton
  static InstanceLifecycleService instanceLifecycle(
      TenantInstanceRepository instances,
      InstanceRuntime runtime,
      WorkflowEngine workflows,
      CredentialCipher cipher,
      InstanceSettings settings,
      Clock clock,
      IdGenerator ids) {
    return new InstanceLifecycleService(
        instances, runtime, workflows, cipher, settings, clock, ids);
  }

  @Provides
  static DeployInstanceUseCase deploy(InstanceLifecycleService service) {
    return service;
  }

  @Provides
  static ListInstancesUseCase list(InstanceLifecycleService service) {
    return service;
  }

  @Provides
  static GetInstanceUseCase get(InstanceLifecycleService service) {
    return service;
  }

  @Provides
  static StopInstanceUseCase stop(InstanceLifecycleService service) {
    return service;
  }

  @Provides
  static StartInstanceUseCase start(InstanceLifecycleService service) {
    return service;
  }

  @Provides
  static RestartInstanceUseCase restart(InstanceLifecycleService service) {
    return service;
  }

  @Provides
  static UpgradeInstanceUseCase upgrade(InstanceLifecycleService service) {
    return service;
  }

  @Provides
  static DestroyInstanceUseCase destroy(InstanceLifecycleService service) {
    return service;
  }

  @Provides
  static GetInstanceLogsUseCase logs(InstanceLifecycleService service) {
    return service;
  }

  @Provides
  @Singleton
  static ProvisionInstanceSteps provisionSteps(
      TenantInstanceRepository instances,
      InstanceRuntime runtime,
      GatewayEndpoints endpoints,
      SkillGateway gateway,
      InstanceSettings settings,
      Clock clock) {
    return new ProvisionInstanceStepsService(
        instances, runtime, endpoints, gateway, settings, clock);
  }
}
