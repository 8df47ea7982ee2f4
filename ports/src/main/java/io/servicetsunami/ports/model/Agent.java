package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireOptional;
import static io.servicetsunami.ports.model.Checks.requireText;
import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An AI agent of a tenant: what it can do and how well it has done it.
 *
 * @param capabilities the skills and capabilities the agent offers; tasks are dispatched by them
 * @param instructions the agent's standing instructions, passed to the runtime with every task
 * @param llmModel the model this agent runs on, if not the tenant default
 * @param skillStats per capability, learned from evaluated tasks
 * @param revision optimistic-concurrency revision, incremented by every stored change
 */
public record Agent(
    AgentId id,
    TenantId tenantId,
    String name,
    String description,
    List<String> capabilities,
    String instructions,
    Optional<String> llmModel,
    Map<String, SkillStats> skillStats,
    long revision,
    Instant createdAt,
    Instant updatedAt) {

  public Agent {
    requireNonNull(id, "id is null");
    requireNonNull(tenantId, "tenantId is null");
    requireText(name, "name");
    requireNonNull(description, "description is null");
    capabilities = List.copyOf(requireNonNull(capabilities, "capabilities is null"));
    requireNonNull(instructions, "instructions is null");
    requireOptional(llmModel, "llmModel");
    skillStats =
        Collections.unmodifiableMap(
            new TreeMap<>(requireNonNull(skillStats, "skillStats is null")));
    requireNonNull(createdAt, "createdAt is null");
    requireNonNull(updatedAt, "updatedAt is null");
  }

  public SkillStats statsFor(String capability) {
    return skillStats.getOrDefault(capability, SkillStats.NEW);
  }

  public Agent withSkillStats(Map<String, SkillStats> stats, Instant now) {
    return new Agent(
        id,
        tenantId,
        name,
        description,
        capabilities,
        instructions,
        llmModel,
        stats,
        revision,
        createdAt,
        now);
  }
}
