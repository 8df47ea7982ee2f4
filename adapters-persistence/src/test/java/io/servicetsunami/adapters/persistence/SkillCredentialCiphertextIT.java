package io.servicetsunami.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.adapters.persistence.vault.FernetCredentialCipher;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.model.EncryptedSecret;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.SkillCredential;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TenantInstance;
import io.servicetsunami.ports.testing.Fixtures;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The stored columns hold the vault's Fernet tokens and nothing else: read back raw, no column of
 * the row contains the plaintext, and the token read back decrypts for its tenant only.
 */
class SkillCredentialCiphertextIT implements PostgresPrerequisites {

  private static final String PLAINTEXT = "ghp_Plaintext0fAGitHubToken1234567890";

  private final FernetCredentialCipher cipher =
      new FernetCredentialCipher(
          List.of(FernetCredentialCipher.generateKey(new SecureRandom())),
          new SecureRandom(),
          Clock.systemUTC());

  @Test
  void theCredentialsRowHoldsCiphertextOnly() {
    TenantId tenant = newTenant();
    EncryptedSecret token = cipher.encrypt(tenant, Secret.of(PLAINTEXT));
    db().skillCredentials()
        .put(new SkillCredential(tenant, "github", "api_key", token, Fixtures.NOW));

    List<Map<String, String>> rows =
        RawRows.query(
            db().dataSource(),
            "SELECT * FROM skill_credentials WHERE tenant_id = ?",
            tenant.value());

    assertThat(rows).hasSize(1);
    assertThat(rows.get(0)).containsEntry("ciphertext", token.token());
    assertThat(rows.get(0).values()).noneMatch(value -> value != null && value.contains(PLAINTEXT));
    SkillCredential stored = db().skillCredentials().list(tenant, "github").get(0);
    assertThat(cipher.decrypt(tenant, stored.value()).reveal()).isEqualTo(PLAINTEXT);
    assertThatThrownBy(() -> cipher.decrypt(newTenant(), stored.value()))
        .isInstanceOf(PermanentException.class);
  }

  @Test
  void theInstancesTokensAreStoredAsCiphertextOnly() {
    TenantId tenant = newTenant();
    EncryptedSecret gatewayToken = cipher.encrypt(tenant, Secret.of(PLAINTEXT));
    EncryptedSecret deviceToken = cipher.encrypt(tenant, Secret.of(PLAINTEXT + "-device"));
    TenantInstance instance = db().instances().create(Fixtures.instance(tenant));
    db().instances()
        .update(
            instance.withEndpoint(
                "http://openclaw.prod.svc.cluster.local:18789",
                Optional.of(deviceToken),
                Fixtures.at(1)));
    TenantInstance withGatewayToken =
        new TenantInstance(
            instance.id(),
            tenant,
            instance.version(),
            instance.status(),
            instance.helmRelease(),
            instance.k8sNamespace(),
            instance.resources(),
            Optional.empty(),
            Optional.of(gatewayToken),
            Optional.of(deviceToken),
            Optional.empty(),
            1,
            instance.createdAt(),
            Fixtures.at(2));
    db().instances().update(withGatewayToken);

    Map<String, String> row =
        RawRows.query(
                db().dataSource(),
                "SELECT * FROM tenant_instances WHERE tenant_id = ?",
                tenant.value())
            .get(0);

    assertThat(row)
        .containsEntry("encrypted_gateway_token", gatewayToken.token())
        .containsEntry("encrypted_device_token", deviceToken.token());
    assertThat(row.values()).noneMatch(value -> value != null && value.contains(PLAINTEXT));
  }
}
