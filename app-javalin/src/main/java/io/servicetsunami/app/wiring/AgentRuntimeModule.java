package io.servicetsunami.app.wiring;

import dagger.Module;
import dagger.Provides;
import io.servicetsunami.adapters.adk.AdkAgentRuntime;
import io.servicetsunami.adapters.openclaw.OpenClawAgentRuntime;
import io.servicetsunami.adapters.openclaw.OpenClawSkillGateway;
import io.servicetsunami.app.config.AdapterConfig;
import io.servicetsunami.core.task.AgentRuntimeKind;
import io.servicetsunami.core.task.AgentRuntimes;
import io.servicetsunami.ports.out.AgentRuntime;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;

/**
 * The agent runtimes step 3 of a task ({@code execute_task}) can run on: the tenant's own OpenClaw
 * agent always, an ADK API server when {@code ADK_BASE_URL} is set. Which one runs a task is the
 * core's policy ({@link AgentRuntimes}), configured by {@code AGENT_RUNTIME} and {@code
 * AGENT_RUNTIME_OVERRIDES}.
 */
@Module
public final class AgentRuntimeModule {

  private AgentRuntimeModule() {}

  @Provides
  @Singleton
  static AgentRuntimes agentRuntimes(AdapterConfig config, OpenClawSkillGateway gateway) {
    Map<AgentRuntimeKind, AgentRuntime> available = new EnumMap<>(AgentRuntimeKind.class);
    available.put(AgentRuntimeKind.OPENCLAW, new OpenClawAgentRuntime(gateway));
    config.adk().ifPresent(adk -> available.put(AgentRuntimeKind.ADK, new AdkAgentRuntime(adk)));
    return new AgentRuntimes(available, config.agentRuntimePolicy());
  }
}
