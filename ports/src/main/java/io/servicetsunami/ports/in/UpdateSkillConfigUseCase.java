package io.servicetsunami.ports.in;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.Secret;
import io.servicetsunami.ports.model.SkillConfig;
import io.servicetsunami.ports.model.TenantId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Changes a tenant's settings of one skill and stores its credentials encrypted. */
public interface UpdateSkillConfigUseCase {

  /**
   * Fields left empty keep their stored value.
   *
   * @param llmModel a model name to override the tenant default, or an empty string to clear it
   * @param credentials credential values to store (encrypted), by key
   * @param removeCredentials credential keys to delete
   */
  record UpdateSkillConfigCommand(
      TenantId tenantId,
      String skillName,
      Optional<Boolean> enabled,
      Optional<Boolean> requiresApproval,
      Optional<String> llmModel,
      Map<String, Secret> credentials,
      Set<String> removeCredentials) {
    public UpdateSkillConfigCommand {
      requireNonNull(tenantId, "tenantId is null");
      requireNonNull(skillName, "skillName is null");
      requireNonNull(enabled, "enabled is null");
      requireNonNull(requiresApproval, "requiresApproval is null");
      requireNonNull(llmModel, "llmModel is null");
      credentials = Map.copyOf(requireNonNull(credentials, "credentials is null"));
      removeCredentials =
          Set.copyOf(requireNonNull(removeCredentials, "removeCredentials is null"));
    }
  }

  /**
   * @throws NotFoundException {@code skill_not_found}
   * @throws InvalidInputException {@code invalid_input} for a credential key the skill does not
   *     declare
   * @throws ConflictException {@code concurrent_modification} if the configuration changed
   *     meanwhile
   */
  SkillConfig update(UpdateSkillConfigCommand command);
}
