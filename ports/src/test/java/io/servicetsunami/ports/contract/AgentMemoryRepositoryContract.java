package io.servicetsunami.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.AgentMemory;
import io.servicetsunami.ports.model.MemoryType;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.AgentMemoryRepository;
import io.servicetsunami.ports.testing.Fixtures;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link AgentMemoryRepository} does. */
public interface AgentMemoryRepositoryContract extends Prerequisites {

  AgentMemoryRepository memories();

  @Test
  default void savedMemoryIsListedForItsAgent() {
    TenantId tenant = newTenant();
    AgentId agent = newAgent(tenant);
    AgentMemory memory = Fixtures.memory(tenant, agent, 0.8);

    AgentMemory stored = memories().save(memory);

    assertThat(stored).isEqualTo(memory);
    assertThat(memories().list(tenant, agent)).containsExactly(memory);
  }

  @Test
  default void savingTheSameIdAgainKeepsTheFirstMemory() {
    TenantId tenant = newTenant();
    AgentId agent = newAgent(tenant);
    AgentMemory first = memories().save(Fixtures.memory(tenant, agent, 0.8));
    AgentMemory retry =
        new AgentMemory(
            first.id(),
            tenant,
            agent,
            MemoryType.EXPERIENCE,
            "written again by a retried evaluation",
            0.4,
            Optional.empty(),
            0,
            Fixtures.at(60),
            Optional.empty());

    assertThat(memories().save(retry)).isEqualTo(first);
    assertThat(memories().list(tenant, agent)).containsExactly(first);
  }

  @Test
  default void agentWithoutMemoriesRecallsNothing() {
    TenantId tenant = newTenant();
    AgentId agent = newAgent(tenant);

    assertThat(memories().list(tenant, agent)).isEmpty();
    assertThat(memories().recall(tenant, agent, 0.0, 5)).isEmpty();
  }

  @Test
  default void listShowsNewestFirst() {
    TenantId tenant = newTenant();
    AgentId agent = newAgent(tenant);
    AgentMemory old = memories().save(Fixtures.memory(tenant, agent, 0.9, Fixtures.at(10)));
    AgentMemory recent = memories().save(Fixtures.memory(tenant, agent, 0.1, Fixtures.at(30)));
    AgentMemory middle = memories().save(Fixtures.memory(tenant, agent, 0.5, Fixtures.at(20)));
    memories().save(Fixtures.memory(tenant, newAgent(tenant), 0.5, Fixtures.at(40)));

    assertThat(memories().list(tenant, agent)).containsExactly(recent, middle, old);
  }

  @Test
  default void recallTakesTheMostImportantNewestFirstAboveTheThreshold() {
    TenantId tenant = newTenant();
    AgentId agent = newAgent(tenant);
    AgentMemory trivial = memories().save(Fixtures.memory(tenant, agent, 0.2, Fixtures.at(50)));
    AgentMemory threshold = memories().save(Fixtures.memory(tenant, agent, 0.3, Fixtures.at(10)));
    AgentMemory oldVital = memories().save(Fixtures.memory(tenant, agent, 0.9, Fixtures.at(10)));
    AgentMemory newVital = memories().save(Fixtures.memory(tenant, agent, 0.9, Fixtures.at(20)));
    AgentMemory useful = memories().save(Fixtures.memory(tenant, agent, 0.6, Fixtures.at(30)));

    List<AgentMemory> recalled = memories().recall(tenant, agent, 0.3, 5);

    assertThat(recalled).containsExactly(newVital, oldVital, useful, threshold);
    assertThat(recalled).doesNotContain(trivial);
    assertThat(memories().recall(tenant, agent, 0.3, 2)).containsExactly(newVital, oldVital);
  }

  @Test
  default void markAccessedCountsEachAccessAndSetsTheTime() {
    TenantId tenant = newTenant();
    AgentId agent = newAgent(tenant);
    AgentMemory memory = memories().save(Fixtures.memory(tenant, agent, 0.8));
    AgentMemory untouched = memories().save(Fixtures.memory(tenant, agent, 0.7));

    memories().markAccessed(tenant, List.of(memory.id()), Fixtures.at(60));
    memories().markAccessed(tenant, List.of(memory.id()), Fixtures.at(120));

    AgentMemory accessed = find(tenant, agent, memory);
    assertThat(accessed.accessCount()).isEqualTo(2);
    assertThat(accessed.lastAccessedAt()).contains(Fixtures.at(120));
    assertThat(find(tenant, agent, untouched)).isEqualTo(untouched);
  }

  @Test
  default void anotherTenantCannotListRecallOrMarkAMemory() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    AgentId agent = newAgent(a);
    AgentMemory memory = memories().save(Fixtures.memory(a, agent, 0.8));

    assertThat(memories().list(b, agent)).isEmpty();
    assertThat(memories().recall(b, agent, 0.0, 5)).isEmpty();
    memories().markAccessed(b, List.of(memory.id()), Fixtures.at(60));

    assertThat(find(a, agent, memory)).isEqualTo(memory);
  }

  private AgentMemory find(TenantId tenant, AgentId agent, AgentMemory memory) {
    return memories().list(tenant, agent).stream()
        .filter(m -> m.id().equals(memory.id()))
        .findFirst()
        .orElseThrow();
  }
}
