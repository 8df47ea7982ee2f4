package io.servicetsunami.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.adapters.temporal.TemporalSettings;
import io.servicetsunami.app.config.AdapterConfig.InstanceRuntimeKind;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdapterConfigTest {

  private static final Path DATA = Path.of("/srv/servicetsunami-data");

  @Test
  void withNothingSetEverythingIsEmbeddedUnderTheDataDirectory() {
    AdapterConfig config = AdapterConfig.fromEnvironment(Map.of(), DATA, "claude-sonnet-4-5");

    assertThat(config.temporal().mode()).isEqualTo(TemporalSettings.Mode.EMBEDDED);
    assertThat(config.temporal().embeddedPort()).isEqualTo(7233);
    assertThat(config.instanceRuntime()).isEqualTo(InstanceRuntimeKind.LOCAL);
    assertThat(config.local().baseDirectory()).isEqualTo(DATA.resolve("instances"));
    assertThat(config.kubernetes()).isEmpty();
    assertThat(config.instances().namespace()).isEqualTo("prod");
    assertThat(config.instances().defaultVersion())
        .isEqualTo(AdapterConfig.DEFAULT_OPENCLAW_VERSION);
    assertThat(config.adk()).isEmpty();
    assertThat(config.duckDb().databaseFile()).isEqualTo(DATA.resolve("lakehouse.duckdb"));
    assertThat(config.databricks()).isEmpty();
    assertThat(config.openClaw().deviceKeyDirectory()).contains(DATA.resolve("devices"));
    assertThat(config.sharedGatewayToken()).isEmpty();
    assertThat(config.knowledgeModel()).isEqualTo("claude-sonnet-4-5");
  }

  @Test
  void theProductionVariablesSelectTheRemoteAdapters() {
    AdapterConfig config =
        AdapterConfig.fromEnvironment(
            Map.of(
                "TEMPORAL_ADDRESS", "temporal:7233",
                "TEMPORAL_NAMESPACE", "servicetsunami",
                "INSTANCE_RUNTIME", "kubernetes",
                "KUBERNETES_ACCESS", "in-cluster",
                "OPENCLAW_NAMESPACE", "tenants",
                "ADK_BASE_URL", "http://servicetsunami-adk",
                "DATABRICKS_HOST", "adb-1.azuredatabricks.net",
                "DATABRICKS_TOKEN", "dapi-token",
                "DATABRICKS_WAREHOUSE_ID", "wh1",
                "OPENCLAW_GATEWAY_TOKEN", "shared-token"),
            DATA,
            "claude-sonnet-4-5");

    assertThat(config.temporal().mode()).isEqualTo(TemporalSettings.Mode.REMOTE);
    assertThat(config.temporal().address()).contains("temporal:7233");
    assertThat(config.temporal().namespace()).isEqualTo("servicetsunami");
    assertThat(config.instanceRuntime()).isEqualTo(InstanceRuntimeKind.KUBERNETES);
    assertThat(config.kubernetes()).isPresent();
    assertThat(config.instances().namespace()).isEqualTo("tenants");
    assertThat(config.adk())
        .get()
        .extracting(a -> a.baseUrl())
        .isEqualTo(URI.create("http://servicetsunami-adk"));
    assertThat(config.databricks()).isPresent();
    assertThat(config.sharedGatewayToken())
        .get()
        .extracting(s -> s.reveal())
        .isEqualTo("shared-token");
    assertThat(config.toString()).doesNotContain("dapi-token").doesNotContain("shared-token");
  }

  @Test
  void anUnknownInstanceRuntimeStopsStartUpNamingTheSetting() {
    assertThatThrownBy(
            () ->
                AdapterConfig.fromEnvironment(
                    Map.of("INSTANCE_RUNTIME", "docker"), DATA, "claude-sonnet-4-5"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("INSTANCE_RUNTIME must be local or kubernetes: docker");
  }

  @Test
  void malformedAdapterSettingsAreOneLineConfigErrorsNamingTheSetting() {
    assertThatThrownBy(
            () ->
                AdapterConfig.fromEnvironment(
                    Map.of("TASK_APPROVAL_EXPIRY", "three days"), DATA, "claude-sonnet-4-5"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TASK_APPROVAL_EXPIRY")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(
            () ->
                AdapterConfig.fromEnvironment(
                    Map.of("OPENCLAW_VERSION", "latest; rm -rf /"), DATA, "claude-sonnet-4-5"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("OPENCLAW_VERSION");
    assertThatThrownBy(
            () ->
                AdapterConfig.fromEnvironment(
                    Map.of("DATABRICKS_HOST", "adb-1.azuredatabricks.net"),
                    DATA,
                    "claude-sonnet-4-5"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DATABRICKS_TOKEN");
  }
}
