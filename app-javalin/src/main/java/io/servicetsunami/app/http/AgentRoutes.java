package io.servicetsunami.app.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.in.AgentDraft;
import io.servicetsunami.ports.in.CreateAgentUseCase;
import io.servicetsunami.ports.in.DeleteAgentUseCase;
import io.servicetsunami.ports.in.GetAgentUseCase;
import io.servicetsunami.ports.in.ListAgentsUseCase;
import io.servicetsunami.ports.in.UpdateAgentUseCase;
import io.servicetsunami.ports.model.Agent;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.Principal;
import io.servicetsunami.ports.model.SkillStats;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tenant's agents: list, create, get, update, delete. */
public final class AgentRoutes implements RouteGroup {

  record AgentRequest(
      String name,
      String description,
      List<String> capabilities,
      String instructions,
      String llmModel) {

    AgentDraft toDraft() {
      return new AgentDraft(
          AuthRoutes.required(name, "name"),
          description == null ? "" : description,
          capabilities == null ? List.of() : capabilities,
          instructions == null ? "" : instructions,
          Optional.ofNullable(llmModel).filter(model -> !model.isBlank()));
    }
  }

  record AgentResponse(
      String id,
      String tenantId,
      String name,
      String description,
      List<String> capabilities,
      String instructions,
      String llmModel,
      Map<String, SkillStats> skillStats,
      Instant createdAt,
      Instant updatedAt) {

    static AgentResponse of(Agent agent) {
      return new AgentResponse(
          agent.id().toString(),
          agent.tenantId().toString(),
          agent.name(),
          agent.description(),
          agent.capabilities(),
          agent.instructions(),
          agent.llmModel().orElse(null),
          agent.skillStats(),
          agent.createdAt(),
          agent.updatedAt());
    }
  }

  private final ObjectMapper mapper;
  private final CreateAgentUseCase create;
  private final ListAgentsUseCase list;
  private final GetAgentUseCase get;
  private final UpdateAgentUseCase update;
  private final DeleteAgentUseCase delete;

  @Inject
  public AgentRoutes(
      ObjectMapper mapper,
      CreateAgentUseCase create,
      ListAgentsUseCase list,
      GetAgentUseCase get,
      UpdateAgentUseCase update,
      DeleteAgentUseCase delete) {
    this.mapper = requireNonNull(mapper, "mapper is null");
    this.create = requireNonNull(create, "create is null");
    this.list = requireNonNull(list, "list is null");
    this.get = requireNonNull(get, "get is null");
    this.update = requireNonNull(update, "update is null");
    this.delete = requireNonNull(delete, "delete is null");
  }

  @Override
  public void register(ApiRoutes routes) {
    String agents = ApiRoutes.API + "/agents";
    routes.get(agents, this::list);
    routes.post(agents, this::create);
    routes.get(agents + "/{id}", this::get);
    routes.put(agents + "/{id}", this::update);
    routes.delete(agents + "/{id}", this::delete);
  }

  void list(Context ctx, Principal principal) {
    ctx.json(list.list(principal.tenantId()).stream().map(AgentResponse::of).toList());
  }

  void create(Context ctx, Principal principal) {
    AgentRequest request = Json.body(mapper, ctx, AgentRequest.class);
    Agent agent = create.create(principal.tenantId(), request.toDraft());
    ctx.status(201).json(AgentResponse.of(agent));
  }

  void get(Context ctx, Principal principal) {
    ctx.json(AgentResponse.of(get.get(principal.tenantId(), id(ctx))));
  }

  void update(Context ctx, Principal principal) {
    AgentId id = id(ctx);
    AgentRequest request = Json.body(mapper, ctx, AgentRequest.class);
    ctx.json(AgentResponse.of(update.update(principal.tenantId(), id, request.toDraft())));
  }

  void delete(Context ctx, Principal principal) {
    delete.delete(principal.tenantId(), id(ctx));
    ctx.status(204);
  }

  /** A malformed id names no agent of the tenant, so it is reported like a missing one. */
  private static AgentId id(Context ctx) {
    try {
      return AgentId.parse(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw new NotFoundException(ErrorCode.AGENT_NOT_FOUND, "agent not found");
    }
  }
}
