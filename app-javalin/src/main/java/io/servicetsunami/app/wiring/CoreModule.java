package io.servicetsunami.app.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.Module;
import dagger.Provides;
import io.servicetsunami.app.config.AppConfig;
import io.servicetsunami.app.http.Json;
import io.servicetsunami.core.agent.ManageAgentsService;
import io.servicetsunami.core.auth.AuthService;
import io.servicetsunami.core.auth.LoginRateLimiter;
import io.servicetsunami.ports.in.AuthenticateUseCase;
import io.servicetsunami.ports.in.CreateAgentUseCase;
import io.servicetsunami.ports.in.DeleteAgentUseCase;
import io.servicetsunami.ports.in.GetAgentUseCase;
import io.servicetsunami.ports.in.GetCurrentUserUseCase;
import io.servicetsunami.ports.in.ListAgentsUseCase;
import io.servicetsunami.ports.in.LoginUseCase;
import io.servicetsunami.ports.in.RegisterTenantUseCase;
import io.servicetsunami.ports.in.UpdateAgentUseCase;
import io.servicetsunami.ports.out.AccessTokens;
import io.servicetsunami.ports.out.AgentRepository;
import io.servicetsunami.ports.out.Clock;
import io.servicetsunami.ports.out.IdGenerator;
import io.servicetsunami.ports.out.PasswordHasher;
import io.servicetsunami.ports.out.TenantRepository;
import io.servicetsunami.ports.out.UserRepository;
import jakarta.inject.Singleton;

/** The core's services, built by hand from the ports, and bound to the use cases they serve. */
@Module
public final class CoreModule {

  private CoreModule() {}

  @Provides
  @Singleton
  static ObjectMapper objectMapper() {
    return Json.mapper();
  }

  @Provides
  @Singleton
  static AuthService authService(
      TenantRepository tenants,
      UserRepository users,
      PasswordHasher hasher,
      AccessTokens tokens,
      AppConfig config,
      Clock clock,
      IdGenerator ids) {
    return new AuthService(
        tenants,
        users,
        hasher,
        tokens,
        LoginRateLimiter.defaults(clock),
        config.defaultLlmModel(),
        clock,
        ids);
  }

  @Provides
  static RegisterTenantUseCase register(AuthService auth) {
    return auth;
  }

  @Provides
  static LoginUseCase login(AuthService auth) {
    return auth;
  }

  @Provides
  static AuthenticateUseCase authenticate(AuthService auth) {
    return auth;
  }

  @Provides
  static GetCurrentUserUseCase currentUser(AuthService auth) {
    return auth;
  }

  @Provides
  @Singleton
  static ManageAgentsService agentsService(AgentRepository agents, Clock clock, IdGenerator ids) {
    return new ManageAgentsService(agents, clock, ids);
  }

  @Provides
  static CreateAgentUseCase createAgent(ManageAgentsService agents) {
    return agents;
  }

  @Provides
  static ListAgentsUseCase listAgents(ManageAgentsService agents) {
    return agents;
  }

  @Provides
  static GetAgentUseCase getAgent(ManageAgentsService agents) {
    return agents;
  }

  @Provides
  static UpdateAgentUseCase updateAgent(ManageAgentsService agents) {
    return agents;
  }

  @Provides
  static DeleteAgentUseCase deleteAgent(ManageAgentsService agents) {
    return agents;
  }
}
