package io.servicetsunami.adapters.openclaw;

import io.servicetsunami.ports.model.ExecutionId;
import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.SkillKind;
import io.servicetsunami.ports.out.GatewayEndpoint;
import io.servicetsunami.ports.out.SkillGateway.SkillInvocation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Endpoints, invocations and settings for the adapter's tests. */
final class GatewayFixtures {

  private GatewayFixtures() {}

  static GatewayEndpoint endpoint(String url, String token) {
    return new GatewayEndpoint(
        new InstanceId(UUID.randomUUID()), url, Secret.of(token), Optional.empty());
  }

  static SkillInvocation invocation(String skill, SkillKind kind, Map<String, Object> input) {
    return invocation(skill, kind, input, Map.of());
  }

  static SkillInvocation invocation(
      String skill, SkillKind kind, Map<String, Object> input, Map<String, Secret> credentials) {
    ExecutionId execution = new ExecutionId(UUID.randomUUID());
    return new SkillInvocation(
        execution, skill, kind, input, "mock/mock-1", credentials, "skill-" + execution);
  }

  /** Short times so failure tests finish quickly. */
  static OpenClawSettings fastSettings(Path keys) {
    return OpenClawSettings.defaults(keys)
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(8))
        .withConnectTimeout(Duration.ofSeconds(3))
        .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(1))
        .withProbeTimeout(Duration.ofSeconds(2));
  }
}
