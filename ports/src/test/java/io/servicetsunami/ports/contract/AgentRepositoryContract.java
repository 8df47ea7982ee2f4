package io.servicetsunami.ports.contract;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.Agent;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.SkillStats;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.AgentRepository;
import io.servicetsunami.ports.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every {@link AgentRepository} does. */
public interface AgentRepositoryContract extends Prerequisites {

  AgentRepository agents();

  private static Agent improved(Agent agent, int seconds) {
    return agent.withSkillStats(
        Map.of("research", new SkillStats(1, 1, 0.9)), Fixtures.at(seconds));
  }

  @Test
  default void createStoresTheAgentAtRevisionZero() {
    TenantId tenant = newTenant();
    Agent agent = Fixtures.agent(tenant);

    Agent created = agents().create(agent);

    assertThat(created).isEqualTo(agent);
    assertThat(created.revision()).isZero();
    assertThat(agents().find(tenant, agent.id())).contains(agent);
  }

  @Test
  default void unknownAgentIsNotFound() {
    TenantId tenant = newTenant();

    assertThat(agents().find(tenant, Fixtures.agentId())).isEmpty();
    assertPortError(
        NotFoundException.class,
        ErrorCode.AGENT_NOT_FOUND,
        () -> agents().update(Fixtures.agent(tenant)));
    assertThat(agents().delete(tenant, Fixtures.agentId())).isFalse();
  }

  @Test
  default void creatingATakenIdIsAConflict() {
    Agent agent = agents().create(Fixtures.agent(newTenant()));

    assertPortError(
        ConflictException.class, ErrorCode.ALREADY_EXISTS, () -> agents().create(agent));
  }

  @Test
  default void listShowsTheTenantsAgentsOldestFirst() {
    TenantId tenant = newTenant();
    Agent second = agents().create(Fixtures.agent(tenant, Fixtures.at(20)));
    Agent first = agents().create(Fixtures.agent(tenant, Fixtures.at(10)));
    Agent third = agents().create(Fixtures.agent(tenant, Fixtures.at(30)));
    agents().create(Fixtures.agent(newTenant(), Fixtures.at(15)));

    assertThat(agents().list(tenant)).containsExactly(first, second, third);
  }

  @Test
  default void updateReplacesTheAgentAndIncrementsItsRevision() {
    TenantId tenant = newTenant();
    Agent agent = agents().create(Fixtures.agent(tenant));

    Agent updated = agents().update(improved(agent, 60));

    assertThat(updated.revision()).isEqualTo(1);
    assertThat(updated.statsFor("research")).isEqualTo(new SkillStats(1, 1, 0.9));
    assertThat(agents().find(tenant, agent.id())).contains(updated);
  }

  @Test
  default void updateWithStaleRevisionIsAConflict() {
    TenantId tenant = newTenant();
    Agent agent = agents().create(Fixtures.agent(tenant));
    Agent updated = agents().update(improved(agent, 60));

    assertPortError(
        ConflictException.class,
        ErrorCode.CONCURRENT_MODIFICATION,
        () -> agents().update(improved(agent, 120)));
    assertThat(agents().find(tenant, agent.id())).contains(updated);
  }

  @Test
  default void ofConcurrentUpdatesFromOneRevisionExactlyOneApplies() throws Exception {
    TenantId tenant = newTenant();
    Agent agent = agents().create(Fixtures.agent(tenant));
    int racers = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      List<Future<Boolean>> outcomes = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        Agent change = improved(agent, i + 1);
        Callable<Boolean> race =
            () -> {
              start.await();
              try {
                agents().update(change);
                return true;
              } catch (ConflictException e) {
                return false;
              }
            };
        outcomes.add(pool.submit(race));
      }
      start.countDown();
      int applied = 0;
      for (Future<Boolean> outcome : outcomes) {
        applied += outcome.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(applied).isEqualTo(1);
      assertThat(agents().find(tenant, agent.id()).orElseThrow().revision()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  default void deleteRemovesTheAgentOnce() {
    TenantId tenant = newTenant();
    Agent agent = agents().create(Fixtures.agent(tenant));

    assertThat(agents().delete(tenant, agent.id())).isTrue();
    assertThat(agents().delete(tenant, agent.id())).isFalse();
    assertThat(agents().find(tenant, agent.id())).isEmpty();
  }

  @Test
  default void anotherTenantCannotReadListUpdateOrDeleteAnAgent() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    Agent agent = agents().create(Fixtures.agent(a));
    AgentId id = agent.id();

    assertThat(agents().find(b, id)).isEmpty();
    assertThat(agents().list(b)).isEmpty();
    assertPortError(
        NotFoundException.class,
        ErrorCode.AGENT_NOT_FOUND,
        () -> agents().update(Fixtures.forTenant(improved(agent, 60), b)));
    assertThat(agents().delete(b, id)).isFalse();
    assertThat(agents().find(a, id)).contains(agent);
  }
}
