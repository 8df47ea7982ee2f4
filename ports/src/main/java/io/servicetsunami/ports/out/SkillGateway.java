package io.servicetsunami.ports.out;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.ExecutionId;
import io.servicetsunami.ports.model.Json;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.SkillKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs skills on a tenant's OpenClaw gateway, and connects the control plane's device to it so that
 * provisioning can get the device paired.
 */
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
   * The control plane's device towards one instance's gateway: an Ed25519 key pair kept per
   * instance, so the gateway sees the same device on every connect.
   *
   * @param id the device id the gateway knows it by (hex SHA-256 of the raw public key)
   * @param publicKey the raw public key, base64url without padding
   */
  record Device(String id, String publicKey) {
    public Device {
      requireNonNull(id, "id is null");
      requireNonNull(publicKey, "publicKey is null");
    }
  }

  /** How a connect with the control plane's device went. */
  sealed interface DeviceHandshake {
    Device device();
  }

  /**
   * The gateway let the device in.
   *
   * @param scopes the operator scopes it granted
   * @param deviceToken the token the gateway issued to the paired device in this handshake, if it
   *     issued one (it does not on loopback, where a backend client is never paired)
   */
  record DeviceAccepted(Device device, List<String> scopes, Optional<Secret> deviceToken)
      implements DeviceHandshake {
    public DeviceAccepted {
      requireNonNull(device, "device is null");
      scopes = List.copyOf(requireNonNull(scopes, "scopes is null"));
      requireNonNull(deviceToken, "deviceToken is null");
    }
  }

  /**
   * The gateway does not know the device yet (or not for the scopes asked) and holds a pending
   * pairing request for it; an operator on the gateway's host must approve it.
   */
  record PairingRequired(Device device, String requestId) implements DeviceHandshake {
    public PairingRequired {
      requireNonNull(device, "device is null");
      requireNonNull(requestId, "requestId is null");
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

  /**
   * Connects once with the instance's device identity on a connection of its own, which is closed
   * again, and reports whether the gateway let the device in. A connect from a device the gateway
   * does not know creates its pairing request (repeating it keeps the same request), so this is how
   * the control plane asks to be paired.
   *
   * @throws TransientException {@code gateway_unavailable} when the gateway cannot be reached
   * @throws PermanentException {@code gateway_auth_failed} when the gateway refuses the token or
   *     the device for any other reason than a missing pairing
   */
  DeviceHandshake connectDevice(GatewayEndpoint endpoint);
}
