package io.servicetsunami.core.skill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.in.UpdateSkillConfigUseCase.UpdateSkillConfigCommand;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.SkillConfig;
import io.servicetsunami.ports.model.SkillCredential;
import io.servicetsunami.ports.model.SkillDefinition;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.testing.FakeCredentialCipher;
import io.servicetsunami.ports.testing.Fixtures;
import io.servicetsunami.ports.testing.InMemorySkillConfigRepository;
import io.servicetsunami.ports.testing.InMemorySkillCredentialRepository;
import io.servicetsunami.ports.testing.MutableClock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SkillConfigServiceTest {

  private final InMemorySkillConfigRepository configs = new InMemorySkillConfigRepository();
  private final InMemorySkillCredentialRepository credentials =
      new InMemorySkillCredentialRepository();
  private final FakeCredentialCipher cipher = new FakeCredentialCipher();
  private final SkillConfigService service =
      new SkillConfigService(
          SkillRegistry.builtIn(), configs, credentials, cipher, new MutableClock());
  private final TenantId tenant = Fixtures.tenantId();

  @Test
  void theRegistryHasMoreThanFiftySkillsWithTheirCredentialFields() {
    assertThat(service.list()).hasSizeGreaterThan(50);
    assertThat(service.list()).extracting(SkillDefinition::name).doesNotHaveDuplicates();
    assertThat(SkillRegistry.builtIn().find("jira").orElseThrow().credentialFields())
        .extracting(f -> f.key())
        .containsExactly("base_url", "email", "api_token");
  }

  @Test
  void aSkillNeverConfiguredIsDisabledByDefault() {
    SkillConfig config = service.get(tenant, "github");

    assertThat(config.enabled()).isFalse();
    assertThat(config.requiresApproval()).isFalse();
    assertThat(config.llmModel()).isEmpty();
    assertThat(config.credentialKeys()).isEmpty();
  }

  @Test
  void storesCredentialsEncryptedForTheTenantAndNamesOnlyTheirKeys() {
    SkillConfig saved =
        service.update(
            new UpdateSkillConfigCommand(
                tenant,
                "github",
                Optional.of(true),
                Optional.of(true),
                Optional.of("claude-opus-4-1"),
                Map.of("token", Secret.of("ghp_plaintext")),
                Set.of()));

    assertThat(saved.enabled()).isTrue();
    assertThat(saved.requiresApproval()).isTrue();
    assertThat(saved.llmModel()).contains("claude-opus-4-1");
    assertThat(saved.credentialKeys()).containsExactly("token");
    assertThat(saved.toString()).doesNotContain("ghp_plaintext");
    SkillCredential stored = credentials.list(tenant, "github").get(0);
    assertThat(stored.value().token()).doesNotContain("ghp_plaintext");
    assertThat(cipher.decrypt(tenant, stored.value())).isEqualTo(Secret.of("ghp_plaintext"));
  }

  @Test
  void leavesFieldsThatAreNotGivenAsTheyWere() {
    service.update(
        new UpdateSkillConfigCommand(
            tenant,
            "github",
            Optional.of(true),
            Optional.empty(),
            Optional.of("gpt-5"),
            Map.of("token", Secret.of("t1")),
            Set.of()));

    SkillConfig updated =
        service.update(
            new UpdateSkillConfigCommand(
                tenant,
                "github",
                Optional.empty(),
                Optional.of(true),
                Optional.empty(),
                Map.of(),
                Set.of()));

    assertThat(updated.enabled()).isTrue();
    assertThat(updated.llmModel()).contains("gpt-5");
    assertThat(updated.credentialKeys()).containsExactly("token");
  }

  @Test
  void anEmptyModelClearsTheOverrideAndRemovedCredentialsAreDeleted() {
    service.update(
        new UpdateSkillConfigCommand(
            tenant,
            "github",
            Optional.of(true),
            Optional.empty(),
            Optional.of("gpt-5"),
            Map.of("token", Secret.of("t1")),
            Set.of()));

    SkillConfig updated =
        service.update(
            new UpdateSkillConfigCommand(
                tenant,
                "github",
                Optional.empty(),
                Optional.empty(),
                Optional.of(""),
                Map.of(),
                Set.of("token")));

    assertThat(updated.llmModel()).isEmpty();
    assertThat(updated.credentialKeys()).isEmpty();
    assertThat(credentials.list(tenant, "github")).isEmpty();
  }

  @Test
  void refusesACredentialTheSkillDoesNotDeclareAndChangesNothing() {
    assertThatThrownBy(
            () ->
                service.update(
                    new UpdateSkillConfigCommand(
                        tenant,
                        "github",
                        Optional.of(true),
                        Optional.empty(),
                        Optional.empty(),
                        Map.of("password", Secret.of("x")),
                        Set.of())))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));

    assertThat(configs.find(tenant, "github")).isEmpty();
    assertThat(credentials.list(tenant, "github")).isEmpty();
  }

  @Test
  void anUnknownSkillIsNotFound() {
    assertThatThrownBy(() -> service.get(tenant, "teleport"))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SKILL_NOT_FOUND));
  }

  @Test
  void tenantsDoNotShareConfigurations() {
    service.update(
        new UpdateSkillConfigCommand(
            tenant,
            "github",
            Optional.of(true),
            Optional.empty(),
            Optional.empty(),
            Map.of("token", Secret.of("t1")),
            Set.of()));

    TenantId other = Fixtures.tenantId();
    assertThat(service.get(other, "github").enabled()).isFalse();
    assertThat(credentials.list(other, "github")).isEmpty();
  }
}
