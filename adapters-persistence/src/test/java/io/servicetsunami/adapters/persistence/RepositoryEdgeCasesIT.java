package io.servicetsunami.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.KnowledgeEntity;
import io.servicetsunami.ports.model.KnowledgeRelation;
import io.servicetsunami.ports.model.TaskStatus;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.testing.Fixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Corners of the PostgreSQL repositories that the contracts do not reach. */
class RepositoryEdgeCasesIT implements PostgresPrerequisites {

  @Test
  void instantsAreStoredAtMicrosecondsAndWhatIsReturnedIsWhatIsStored() {
    TenantId tenant = newTenant();
    Instant nanos = Instant.parse("2025-03-01T10:15:30.123456789Z");
    AgentTask created = db().tasks().create(Fixtures.task(tenant, nanos));
    AgentTask updated =
        db().tasks().update(created.withStatus(TaskStatus.THINKING, nanos.plusNanos(999)));

    assertThat(created.createdAt()).isEqualTo(Instant.parse("2025-03-01T10:15:30.123456Z"));
    assertThat(db().tasks().find(tenant, created.id())).contains(updated);
  }

  @Test
  void anEntityMayBeRelatedToItself() {
    TenantId tenant = newTenant();
    KnowledgeEntity acme = db().knowledge().upsertEntity(Fixtures.entity(tenant, "Acme", "org"));

    KnowledgeRelation self =
        db().knowledge()
            .upsertRelation(Fixtures.relation(tenant, acme.id(), acme.id(), "subsidiary_of"));

    assertThat(db().knowledge().relationsOf(tenant, acme.id())).containsExactly(self);
  }

  @Test
  void markingNoMemoriesAndRecallingNoneDoNothing() {
    TenantId tenant = newTenant();
    AgentId agent = newAgent(tenant);
    var memory = db().memories().save(Fixtures.memory(tenant, agent, 0.9));

    db().memories().markAccessed(tenant, List.of(), Fixtures.at(5));

    assertThat(db().memories().recall(tenant, agent, 0.0, 0)).isEmpty();
    assertThat(db().memories().list(tenant, agent)).containsExactly(memory);
  }

  @Test
  void markingOneMemoryTwiceInOneCallCountsOnce() {
    TenantId tenant = newTenant();
    AgentId agent = newAgent(tenant);
    var memory = db().memories().save(Fixtures.memory(tenant, agent, 0.9));

    db().memories().markAccessed(tenant, List.of(memory.id(), memory.id()), Fixtures.at(5));

    assertThat(db().memories().list(tenant, agent).get(0).accessCount()).isEqualTo(1);
  }

  @Test
  void deletingAnAgentKeepsItsTasksAndForgetsTheAssignment() {
    TenantId tenant = newTenant();
    AgentId agent = newAgent(tenant);
    AgentTask task =
        db().tasks()
            .update(
                db().tasks()
                    .create(Fixtures.task(tenant))
                    .withAssignedAgent(agent, Fixtures.at(1)));
    db().memories().save(Fixtures.memory(tenant, agent, 0.5));

    assertThat(db().agents().delete(tenant, agent)).isTrue();

    AgentTask kept = db().tasks().find(tenant, task.id()).orElseThrow();
    assertThat(kept.assignedAgentId()).isEmpty();
    assertThat(kept.revision()).isEqualTo(task.revision());
    assertThat(db().memories().list(tenant, agent)).isEmpty();
  }
}
