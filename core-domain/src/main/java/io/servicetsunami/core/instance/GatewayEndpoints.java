package io.servicetsunami.core.instance;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.model.EncryptedSecret;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.TenantInstance;
import io.servicetsunami.ports.out.CredentialCipher;
import io.servicetsunami.ports.out.GatewayEndpoint;
import java.util.Optional;

/**
 * Turns an instance record into the endpoint of its gateway, decrypting its tokens. Each instance
 * has its own gateway token; the shared token is only a fallback for instances provisioned before
 * per-instance tokens existed.
 */
public final class GatewayEndpoints {

  private final CredentialCipher cipher;
  private final Optional<Secret> sharedGatewayToken;

  public GatewayEndpoints(CredentialCipher cipher, Optional<Secret> sharedGatewayToken) {
    this.cipher = requireNonNull(cipher, "cipher is null");
    this.sharedGatewayToken = requireNonNull(sharedGatewayToken, "sharedGatewayToken is null");
  }

  /**
   * The endpoint of the instance's gateway.
   *
   * @throws ConflictException {@code instance_not_running} if the instance has no URL yet or no
   *     token to connect with
   */
  public GatewayEndpoint of(TenantInstance instance) {
    String url =
        instance
            .internalUrl()
            .orElseThrow(
                () ->
                    new ConflictException(
                        ErrorCode.INSTANCE_NOT_RUNNING,
                        "instance " + instance.id() + " has no gateway address yet"));
    return new GatewayEndpoint(
        instance.id(),
        url,
        gatewayToken(instance),
        instance.deviceToken().map(token -> cipher.decrypt(instance.tenantId(), token)));
  }

  /** A device token the instance's gateway issued, encrypted for storage with the instance. */
  public EncryptedSecret seal(TenantInstance instance, Secret deviceToken) {
    return cipher.encrypt(instance.tenantId(), requireNonNull(deviceToken, "deviceToken is null"));
  }

  /** The instance's own gateway token, else the shared one. */
  public Secret gatewayToken(TenantInstance instance) {
    return instance
        .gatewayToken()
        .map(token -> cipher.decrypt(instance.tenantId(), token))
        .or(() -> sharedGatewayToken)
        .orElseThrow(
            () ->
                new ConflictException(
                    ErrorCode.INSTANCE_NOT_RUNNING,
                    "instance "
                        + instance.id()
                        + " has no gateway token and no shared OPENCLAW_GATEWAY_TOKEN is set"));
  }
}
