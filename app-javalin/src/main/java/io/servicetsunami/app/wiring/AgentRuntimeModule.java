package io.servicetsunami.app.wiring;

import dagger.Module;
import dagger.Provides;
import io.servicetsunami.adapters.adk.AdkAgentRuntime;
import io.servicetsunami.adapters.openclaw.OpenClawAgentRuntime;
import io.servicetsunami.adapters.openclaw.OpenClawSkillGateway;
import io.servicetsunami.app.config.AdapterConfig;
import io.servicetsunami.ports.out.AgentRuntime;
import jakarta.inject.Singleton;

/**
 * What runs step 3 of a task ({@code execute_task}): the ADK API server when {@code ADK_BASE_URL}
 * is set, else the tenant's own OpenClaw agent on its gateway. The core takes one runtime for all
 * tenants, so the choice is made here, once, for the whole app.
 */
@Module
public final class AgentRuntimeModule {

  private AgentRuntimeModule() {}

  @Provides
  @Singleton
  static AgentRuntime agentRuntime(AdapterConfig config, OpenClawSkillGateway gateway) {
    if (config.adk().isPresent()) {
      return new AdkAgentRuntime(config.adk().get());
    }
    return new OpenClawAgentRuntime(gateway);
  }
}
