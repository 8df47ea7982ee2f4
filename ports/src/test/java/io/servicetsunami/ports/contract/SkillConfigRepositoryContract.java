package io.servicetsunami.ports.contract;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.model.SkillConfig;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.SkillConfigRepository;
import io.servicetsunami.ports.testing.Fixtures;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every {@link SkillConfigRepository} does. */
public interface SkillConfigRepositoryContract extends Prerequisites {

  SkillConfigRepository skillConfigs();

  private static SkillConfig disabled(SkillConfig config) {
    return new SkillConfig(
        config.tenantId(),
        config.skillName(),
        false,
        true,
        Optional.of("gpt-5-mini"),
        Set.of("api_key", "workspace"),
        config.revision(),
        Fixtures.at(60));
  }

  @Test
  default void savingANewConfigCreatesItAtRevisionOne() {
    TenantId tenant = newTenant();

    SkillConfig saved = skillConfigs().save(Fixtures.skillConfig(tenant, "github"));

    assertThat(saved.revision()).isEqualTo(1);
    assertThat(saved.enabled()).isTrue();
    assertThat(saved.credentialKeys()).containsExactly("api_key");
    assertThat(skillConfigs().find(tenant, "github")).contains(saved);
  }

  @Test
  default void unconfiguredSkillIsNotFound() {
    TenantId tenant = newTenant();

    assertThat(skillConfigs().find(tenant, "github")).isEmpty();
    assertThat(skillConfigs().list(tenant)).isEmpty();
  }

  @Test
  default void savingAtTheStoredRevisionReplacesTheConfig() {
    TenantId tenant = newTenant();
    SkillConfig created = skillConfigs().save(Fixtures.skillConfig(tenant, "github"));

    SkillConfig saved = skillConfigs().save(disabled(created));

    assertThat(saved.revision()).isEqualTo(2);
    assertThat(saved.enabled()).isFalse();
    assertThat(saved.llmModel()).contains("gpt-5-mini");
    assertThat(skillConfigs().find(tenant, "github")).contains(saved);
  }

  @Test
  default void saveWithStaleRevisionIsAConflict() {
    TenantId tenant = newTenant();
    SkillConfig created = skillConfigs().save(Fixtures.skillConfig(tenant, "github"));
    SkillConfig current = skillConfigs().save(disabled(created));

    assertPortError(
        ConflictException.class,
        ErrorCode.CONCURRENT_MODIFICATION,
        () -> skillConfigs().save(disabled(created)));
    assertThat(skillConfigs().find(tenant, "github")).contains(current);
  }

  @Test
  default void creatingAConfigThatExistsIsAConflict() {
    TenantId tenant = newTenant();
    SkillConfig created = skillConfigs().save(Fixtures.skillConfig(tenant, "github"));

    assertPortError(
        ConflictException.class,
        ErrorCode.CONCURRENT_MODIFICATION,
        () -> skillConfigs().save(Fixtures.skillConfig(tenant, "github")));
    assertThat(skillConfigs().find(tenant, "github")).contains(created);
  }

  @Test
  default void listShowsTheTenantsConfigsBySkillName() {
    TenantId tenant = newTenant();
    SkillConfig slack = skillConfigs().save(Fixtures.skillConfig(tenant, "slack"));
    SkillConfig github = skillConfigs().save(Fixtures.skillConfig(tenant, "github"));
    SkillConfig notion = skillConfigs().save(Fixtures.skillConfig(tenant, "notion"));
    skillConfigs().save(Fixtures.skillConfig(newTenant(), "airtable"));

    assertThat(skillConfigs().list(tenant)).containsExactly(github, notion, slack);
  }

  @Test
  default void anotherTenantCannotReadListOrOverwriteAConfig() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    SkillConfig created = skillConfigs().save(Fixtures.skillConfig(a, "github"));

    assertThat(skillConfigs().find(b, "github")).isEmpty();
    assertThat(skillConfigs().list(b)).isEmpty();
    SkillConfig own = skillConfigs().save(disabled(Fixtures.skillConfig(b, "github")));

    assertThat(own.tenantId()).isEqualTo(b);
    assertThat(skillConfigs().find(a, "github")).contains(created);
    assertThat(skillConfigs().find(b, "github")).contains(own);
  }
}
