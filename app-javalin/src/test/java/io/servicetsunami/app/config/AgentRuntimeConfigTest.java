package io.servicetsunami.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.core.task.AgentRuntimeKind;
import io.servicetsunami.core.task.AgentRuntimes;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.TenantId;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentRuntimeConfigTest {

  private static final Path DATA = Path.of("/srv/servicetsunami-data");
  private static final String TENANT = "0b7c1f8e-3a52-4d1e-9a53-1f0e6c2d7a10";
  private static final String AGENT = "5d2e9c41-7b8a-4f03-8e6d-2c9b1a0f4e77";

  private static AdapterConfig adapters(Map<String, String> env) {
    return AdapterConfig.fromEnvironment(env, DATA, "claude-sonnet-4-5");
  }

  @Test
  void withNothingSetTasksRunOnOpenClaw() {
    AgentRuntimes.Policy policy = adapters(Map.of()).agentRuntimePolicy();

    assertThat(policy).isEqualTo(AgentRuntimes.Policy.always(AgentRuntimeKind.OPENCLAW));
    assertThat(adapters(Map.of()).describe()).contains("tasks on the tenant's OpenClaw agent");
  }

  @Test
  void anAdkServerBecomesTheDefaultUnlessAgentRuntimeSaysOtherwise() {
    Map<String, String> adk = Map.of("ADK_BASE_URL", "http://servicetsunami-adk");

    assertThat(adapters(adk).agentRuntimePolicy().defaultKind()).isEqualTo(AgentRuntimeKind.ADK);
    assertThat(adapters(adk).describe()).contains("tasks on ADK http://servicetsunami-adk");
    assertThat(
            adapters(
                    Map.of(
                        "ADK_BASE_URL", "http://servicetsunami-adk", "AGENT_RUNTIME", "openclaw"))
                .agentRuntimePolicy()
                .defaultKind())
        .isEqualTo(AgentRuntimeKind.OPENCLAW);
  }

  @Test
  void theDefaultFollowsAnAdkServerConfiguredLater() {
    AdapterConfig config = adapters(Map.of());
    AdapterConfig withAdk = adapters(Map.of("ADK_BASE_URL", "http://servicetsunami-adk"));

    assertThat(config.withAdk(withAdk.adk()).agentRuntimePolicy().defaultKind())
        .isEqualTo(AgentRuntimeKind.ADK);
  }

  @Test
  void readsOverridesForTenantsAndAgentsIgnoringSpacesAndCase() {
    AdapterConfig config =
        adapters(
            Map.of(
                "AGENT_RUNTIME_OVERRIDES",
                " tenant:" + TENANT + " = OpenClaw , agent:" + AGENT + "=adk ",
                "ADK_BASE_URL",
                "http://servicetsunami-adk"));

    AgentRuntimes.Policy policy = config.agentRuntimePolicy();
    assertThat(policy.byTenant())
        .containsExactly(Map.entry(TenantId.parse(TENANT), AgentRuntimeKind.OPENCLAW));
    assertThat(policy.byAgent())
        .containsExactly(Map.entry(AgentId.parse(AGENT), AgentRuntimeKind.ADK));
    assertThat(config.describe()).contains("tasks on ADK http://servicetsunami-adk (2 overrides)");
  }

  @Test
  void anOverrideToAnUnconfiguredAdkIsAcceptedSoThatItsTasksFailAtStepThree() {
    AgentRuntimes.Policy policy =
        adapters(Map.of("AGENT_RUNTIME_OVERRIDES", "agent:" + AGENT + "=adk")).agentRuntimePolicy();

    assertThat(policy.defaultKind()).isEqualTo(AgentRuntimeKind.OPENCLAW);
    assertThat(policy.byAgent()).containsEntry(AgentId.parse(AGENT), AgentRuntimeKind.ADK);
  }

  @Test
  void anAdkDefaultWithoutAnAdkServerStopsStartUp() {
    assertThatThrownBy(() -> adapters(Map.of("AGENT_RUNTIME", "adk")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("AGENT_RUNTIME=adk needs ADK_BASE_URL, the address of the ADK API server");
  }

  @Test
  void anUnknownAgentRuntimeIsOneLineNamingTheSetting() {
    assertThatThrownBy(() -> adapters(Map.of("AGENT_RUNTIME", "langchain")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("AGENT_RUNTIME must be adk or openclaw: langchain");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "tenant:"
            + TENANT
            + "=docker | AGENT_RUNTIME_OVERRIDES: 'tenant:"
            + TENANT
            + "=docker': runtime must be adk or openclaw: 'docker'",
        "tenant:acme=adk | AGENT_RUNTIME_OVERRIDES: 'tenant:acme=adk': 'acme' is not a UUID",
        "user:"
            + AGENT
            + "=adk | AGENT_RUNTIME_OVERRIDES: 'user:"
            + AGENT
            + "=adk': "
            + AgentRuntimeConfig.OVERRIDES_FORMAT,
        AGENT
            + "=adk | AGENT_RUNTIME_OVERRIDES: '"
            + AGENT
            + "=adk': "
            + AgentRuntimeConfig.OVERRIDES_FORMAT,
        "'agent:"
            + AGENT
            + "=adk,,tenant:"
            + TENANT
            + "=adk' | AGENT_RUNTIME_OVERRIDES: empty entry: "
            + AgentRuntimeConfig.OVERRIDES_FORMAT,
        "'agent:"
            + AGENT
            + "=adk,agent:"
            + AGENT
            + "=openclaw' | AGENT_RUNTIME_OVERRIDES: 'agent:"
            + AGENT
            + "=openclaw': agent "
            + AGENT
            + " is named twice",
      })
  void aBadOverrideIsOneLineNamingTheEntryAndWhy(String overrides, String message) {
    assertThatThrownBy(() -> adapters(Map.of("AGENT_RUNTIME_OVERRIDES", overrides)))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message)
        .hasMessageNotContaining("\n");
  }
}
