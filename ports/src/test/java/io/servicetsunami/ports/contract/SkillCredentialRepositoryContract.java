package io.servicetsunami.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.model.EncryptedSecret;
import io.servicetsunami.ports.model.SkillCredential;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.SkillCredentialRepository;
import io.servicetsunami.ports.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** What every {@link SkillCredentialRepository} does. */
public interface SkillCredentialRepositoryContract extends Prerequisites {

  SkillCredentialRepository skillCredentials();

  @Test
  default void storedCredentialIsListedForItsSkill() {
    TenantId tenant = newTenant();
    SkillCredential credential = Fixtures.credential(tenant, "github", "api_key");

    skillCredentials().put(credential);

    assertThat(skillCredentials().list(tenant, "github")).containsExactly(credential);
    assertThat(skillCredentials().list(tenant, "slack")).isEmpty();
  }

  @Test
  default void puttingTheSameKeyAgainReplacesTheCredential() {
    TenantId tenant = newTenant();
    skillCredentials().put(Fixtures.credential(tenant, "github", "api_key"));
    SkillCredential rotated =
        new SkillCredential(
            tenant, "github", "api_key", new EncryptedSecret("rotated"), Fixtures.at(60));

    skillCredentials().put(rotated);
    skillCredentials().put(rotated);

    assertThat(skillCredentials().list(tenant, "github")).containsExactly(rotated);
  }

  @Test
  default void credentialsAreListedByKeyAndAllBySkillThenKey() {
    TenantId tenant = newTenant();
    SkillCredential slackToken = Fixtures.credential(tenant, "slack", "token");
    SkillCredential githubToken = Fixtures.credential(tenant, "github", "token");
    SkillCredential githubApiKey = Fixtures.credential(tenant, "github", "api_key");
    skillCredentials().put(slackToken);
    skillCredentials().put(githubToken);
    skillCredentials().put(githubApiKey);

    assertThat(skillCredentials().list(tenant, "github"))
        .containsExactly(githubApiKey, githubToken);
    assertThat(skillCredentials().listAll(tenant))
        .containsExactly(githubApiKey, githubToken, slackToken);
  }

  @Test
  default void deleteRemovesTheCredentialOnce() {
    TenantId tenant = newTenant();
    SkillCredential keep = Fixtures.credential(tenant, "github", "token");
    skillCredentials().put(keep);
    skillCredentials().put(Fixtures.credential(tenant, "github", "api_key"));

    assertThat(skillCredentials().delete(tenant, "github", "api_key")).isTrue();
    assertThat(skillCredentials().delete(tenant, "github", "api_key")).isFalse();
    assertThat(skillCredentials().list(tenant, "github")).containsExactly(keep);
  }

  @Test
  default void unknownCredentialIsNotListedOrDeleted() {
    TenantId tenant = newTenant();

    assertThat(skillCredentials().listAll(tenant)).isEmpty();
    assertThat(skillCredentials().delete(tenant, "github", "api_key")).isFalse();
  }

  @Test
  default void anotherTenantCannotListReplaceOrDeleteACredential() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    SkillCredential credential = Fixtures.credential(a, "github", "api_key");
    skillCredentials().put(credential);

    assertThat(skillCredentials().list(b, "github")).isEmpty();
    assertThat(skillCredentials().listAll(b)).isEmpty();
    assertThat(skillCredentials().delete(b, "github", "api_key")).isFalse();
    SkillCredential own =
        new SkillCredential(b, "github", "api_key", new EncryptedSecret("b's"), Fixtures.NOW);
    skillCredentials().put(own);

    assertThat(skillCredentials().list(a, "github")).containsExactly(credential);
    assertThat(skillCredentials().list(b, "github")).containsExactly(own);
  }
}
