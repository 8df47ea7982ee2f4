package io.servicetsunami.app.wiring;

import dagger.Module;
import dagger.Provides;
import io.servicetsunami.core.instance.GatewayEndpoints;
import io.servicetsunami.core.skill.CheckSkillHealthService;
import io.servicetsunami.core.skill.ExecuteSkillService;
import io.servicetsunami.core.skill.SkillConfigService;
import io.servicetsunami.core.skill.SkillRegistry;
import io.servicetsunami.ports.in.CheckSkillHealthUseCase;
import io.servicetsunami.ports.in.ExecuteSkillUseCase;
import io.servicetsunami.ports.in.GetSkillConfigUseCase;
import io.servicetsunami.ports.in.ListSkillsUseCase;
import io.servicetsunami.ports.in.UpdateSkillConfigUseCase;
import io.servicetsunami.ports.out.AgentTaskRepository;
import io.servicetsunami.ports.out.CircuitBreakers;
import io.servicetsunami.ports.out.Clock;
import io.servicetsunami.ports.out.CredentialCipher;
import io.servicetsunami.ports.out.ExecutionTraceRepository;
import io.servicetsunami.ports.out.IdGenerator;
import io.servicetsunami.ports.out.SkillConfigRepository;
import io.servicetsunami.ports.out.SkillCredentialRepository;
import io.servicetsunami.ports.out.SkillGateway;
import io.servicetsunami.ports.out.TenantInstanceRepository;
import io.servicetsunami.ports.out.TenantRepository;
import jakarta.inject.Singleton;

/** Skills: the built-in registry, each tenant's configuration, execution and gateway health. */
@Module
public final class SkillModule {

  private SkillModule() {}

  @Provides
  @Singleton
  static SkillRegistry registry() {
    return SkillRegistry.builtIn();
  }

  @Provides
  @Singleton
  static SkillConfigService skillConfigService(
      SkillRegistry registry,
      SkillConfigRepository configs,
      SkillCredentialRepository credentials,
      CredentialCipher cipher,
      Clock clock) {
    return new SkillConfigService(registry, configs, credentials, cipher, clock);
  }

  @Provides
  static ListSkillsUseCase listSkills(SkillConfigService service) {
    return service;
  }

  @Provides
  static GetSkillConfigUseCase getSkillConfig(SkillConfigService service) {
    return service;
  }

  @Provides
  static UpdateSkillConfigUseCase updateSkillConfig(SkillConfigService service) {
    return service;
  }

  @Provides
  @Singleton
  static ExecuteSkillUseCase executeSkill(
      SkillRegistry registry,
      TenantRepository tenants,
      TenantInstanceRepository instances,
      CircuitBreakers breakers,
      SkillConfigRepository configs,
      SkillCredentialRepository credentials,
      CredentialCipher cipher,
      GatewayEndpoints endpoints,
      SkillGateway gateway,
      AgentTaskRepository tasks,
      ExecutionTraceRepository traces,
      Clock clock,
      IdGenerator ids) {
    return new ExecuteSkillService(
        registry,
        tenants,
        instances,
        breakers,
        configs,
        credentials,
        cipher,
        endpoints,
        gateway,
        tasks,
        traces,
        clock,
        ids);
  }

  @Provides
  @Singleton
  static CheckSkillHealthUseCase checkSkillHealth(
      TenantInstanceRepository instances,
      GatewayEndpoints endpoints,
      SkillGateway gateway,
      CircuitBreakers breakers) {
    return new CheckSkillHealthService(instances, endpoints, gateway, breakers);
  }
}
