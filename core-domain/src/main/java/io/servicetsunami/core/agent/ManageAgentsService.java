package io.servicetsunami.core.agent;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.in.AgentDraft;
import io.servicetsunami.ports.in.CreateAgentUseCase;
import io.servicetsunami.ports.in.DeleteAgentUseCase;
import io.servicetsunami.ports.in.GetAgentUseCase;
import io.servicetsunami.ports.in.ListAgentsUseCase;
import io.servicetsunami.ports.in.UpdateAgentUseCase;
import io.servicetsunami.ports.model.Agent;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.AgentRepository;
import io.servicetsunami.ports.out.Clock;
import io.servicetsunami.ports.out.IdGenerator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates, reads, changes and removes a tenant's agents.
 *
 * <p>A draft's name is trimmed and must not be blank; its capabilities are {@link
 * Capabilities#normalize normalised} (trimmed, de-duplicated ignoring case, none blank); a blank
 * model means "the tenant default". What an agent has learned — its skill statistics — is not
 * editable: an update keeps it, even for capabilities the update removes, so that re-adding one
 * does not forget its history.
 */
public final class ManageAgentsService
    implements CreateAgentUseCase,
        ListAgentsUseCase,
        GetAgentUseCase,
        UpdateAgentUseCase,
        DeleteAgentUseCase {

  private final AgentRepository agents;
  private final Clock clock;
  private final IdGenerator ids;

  public ManageAgentsService(AgentRepository agents, Clock clock, IdGenerator ids) {
    this.agents = requireNonNull(agents, "agents is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.ids = requireNonNull(ids, "ids is null");
  }

  @Override
  public Agent create(TenantId tenant, AgentDraft draft) {
    requireNonNull(tenant, "tenant is null");
    Valid valid = validate(draft);
    Instant now = clock.now();
    return agents.create(
        new Agent(
            new AgentId(ids.newId()),
            tenant,
            valid.name(),
            draft.description(),
            valid.capabilities(),
            draft.instructions(),
            valid.llmModel(),
            Map.of(),
            0,
            now,
            now));
  }

  @Override
  public List<Agent> list(TenantId tenant) {
    requireNonNull(tenant, "tenant is null");
    return agents.list(tenant);
  }

  @Override
  public Agent get(TenantId tenant, AgentId id) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(id, "id is null");
    return agents.find(tenant, id).orElseThrow(() -> notFound(id));
  }

  @Override
  public Agent update(TenantId tenant, AgentId id, AgentDraft draft) {
    Valid valid = validate(draft);
    Agent current = get(tenant, id);
    return agents.update(
        new Agent(
            current.id(),
            current.tenantId(),
            valid.name(),
            draft.description(),
            valid.capabilities(),
            draft.instructions(),
            valid.llmModel(),
            current.skillStats(),
            current.revision(),
            current.createdAt(),
            clock.now()));
  }

  @Override
  public void delete(TenantId tenant, AgentId id) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(id, "id is null");
    if (!agents.delete(tenant, id)) {
      throw notFound(id);
    }
  }

  private record Valid(String name, List<String> capabilities, Optional<String> llmModel) {}

  private static Valid validate(AgentDraft draft) {
    requireNonNull(draft, "draft is null");
    if (draft.name().isBlank()) {
      throw new InvalidInputException(ErrorCode.INVALID_INPUT, "name must not be blank");
    }
    return new Valid(
        draft.name().strip(),
        Capabilities.normalize(draft.capabilities(), "capabilities"),
        draft.llmModel().map(String::strip).filter(model -> !model.isEmpty()));
  }

  private static NotFoundException notFound(AgentId id) {
    return new NotFoundException(ErrorCode.AGENT_NOT_FOUND, "agent " + id);
  }
}
