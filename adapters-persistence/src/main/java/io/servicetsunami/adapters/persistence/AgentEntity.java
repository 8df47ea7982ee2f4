package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.model.Agent;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.SkillStats;
import io.servicetsunami.ports.model.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "agents")
class AgentEntity {

  @Id
  @Column(name = "id")
  UUID id;

  @Column(name = "tenant_id", nullable = false)
  UUID tenantId;

  @Column(name = "name", nullable = false)
  String name;

  @Column(name = "description", nullable = false)
  String description;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "capabilities", nullable = false)
  List<String> capabilities;

  @Column(name = "instructions", nullable = false)
  String instructions;

  @Column(name = "llm_model")
  String llmModel;

  /** Per capability: {@code {times_used, successes, proficiency}}. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "skill_stats", nullable = false)
  Map<String, Object> skillStats;

  @Column(name = "revision", nullable = false)
  long revision;

  @Column(name = "created_at", nullable = false)
  Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  Instant updatedAt;

  protected AgentEntity() {}

  static AgentEntity of(Agent agent, long revision) {
    AgentEntity e = new AgentEntity();
    e.id = agent.id().value();
    e.tenantId = agent.tenantId().value();
    e.name = agent.name();
    e.description = agent.description();
    e.capabilities = agent.capabilities();
    e.instructions = agent.instructions();
    e.llmModel = agent.llmModel().orElse(null);
    Map<String, Object> stats = new LinkedHashMap<>();
    agent
        .skillStats()
        .forEach(
            (capability, s) ->
                stats.put(
                    capability,
                    Map.of(
                        "times_used", s.timesUsed(),
                        "successes", s.successes(),
                        "proficiency", s.proficiency())));
    e.skillStats = stats;
    e.revision = revision;
    e.createdAt = Rows.micros(agent.createdAt());
    e.updatedAt = Rows.micros(agent.updatedAt());
    return e;
  }

  Agent toRecord() {
    Map<String, SkillStats> stats = new LinkedHashMap<>();
    skillStats.forEach(
        (capability, value) -> {
          Map<?, ?> s = (Map<?, ?>) value;
          stats.put(
              capability,
              new SkillStats(
                  ((Number) s.get("times_used")).longValue(),
                  ((Number) s.get("successes")).longValue(),
                  ((Number) s.get("proficiency")).doubleValue()));
        });
    return new Agent(
        new AgentId(id),
        new TenantId(tenantId),
        name,
        description,
        capabilities,
        instructions,
        Optional.ofNullable(llmModel),
        stats,
        revision,
        createdAt,
        updatedAt);
  }
}
