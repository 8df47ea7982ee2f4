package io.servicetsunami.ports.out;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.ExecutionId;
import io.servicetsunami.ports.model.Json;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.SkillKind;
import java.util.Map;

/** Runs skills on a tenant's OpenClaw gateway. */
public interface SkillGateway {

  /**
   * One skill execution.
   *
   * @param idempotencyKey derived from the execution id: a retried call with the same key never
   *     runs the skill twice
   * @param credentials decrypted credentials, handed to the skill through the gateway's own secret
   *     handling, never inside message text
   */
  record SkillInvocation(
      ExecutionId executionId,
      String skillName,
      SkillKind kind,
      Map<String, Object> input,
      String llmModel,
      Map<String, Secret> credentials,
      String idempotencyKey) {
    public SkillInvocation {
      requireNonNull(executionId, "executionId is null");
      requireNonNull(skillName, "skillName is null");
      requireNonNull(kind, "kind is null");
      input = Json.copyOf(input);
      requireNonNull(llmModel, "llmModel is null");
      credentials = Map.copyOf(requireNonNull(credentials, "credentials is null"));
      requireNonNull(idempotencyKey, "idempotencyKey is null");
    }
  }

  /** What a skill answered: its output, or its own (business) error. */
  sealed interface SkillResult {}

  /** The skill ran and produced {@code output}. */
  record Succeeded(Map<String, Object> output) implements SkillResult {
    public Succeeded {
      output = Json.copyOf(output);
    }
  }

  /** The skill ran and reported an error of its own; the gateway itself was healthy. */
  record SkillFailed(String message) implements SkillResult {
    public SkillFailed {
      requireNonNull(message, "message is null");
    }
  }

  /** What the health probe found. */
  record GatewayHealth(boolean httpOk, boolean wsOk) {
    public boolean healthy() {
      return httpOk && wsOk;
    }

    /** {@code healthy}, {@code http_only} or {@code unreachable}. */
    public String status() {
      return healthy() ? "healthy" : httpOk ? "http_only" : "unreachable";
    }
  }

  /**
   * Runs the skill and waits for its result: 60 s for the gateway's response, 90 s overall.
   *
   * @throws TransientException {@code gateway_unavailable} when the gateway cannot be reached or
   *     drops the connection, {@code gateway_timeout} when the time is up (with the server's
   *     retry-after when it gave one)
   * @throws PermanentException {@code gateway_auth_failed} for a rejected token or protocol
   *     mismatch, {@code gateway_rejected} for a request the gateway refuses as invalid
   */
  SkillResult execute(GatewayEndpoint endpoint, SkillInvocation invocation);

  /**
   * Probes the gateway: an HTTP readiness check plus a WebSocket open that must receive the connect
   * challenge. Never throws for an unreachable gateway; reports it.
   */
  GatewayHealth probe(GatewayEndpoint endpoint);
}
