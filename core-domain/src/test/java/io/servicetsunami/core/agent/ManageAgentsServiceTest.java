package io.servicetsunami.core.agent;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.in.AgentDraft;
import io.servicetsunami.ports.model.Agent;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.SkillStats;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.AgentRepository;
import io.servicetsunami.ports.testing.Fixtures;
import io.servicetsunami.ports.testing.InMemoryAgentRepository;
import io.servicetsunami.ports.testing.MutableClock;
import io.servicetsunami.ports.testing.SequentialIdGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManageAgentsServiceTest {

  private final MutableClock clock = new MutableClock();
  private final InMemoryAgentRepository agents = new InMemoryAgentRepository();
  private final ManageAgentsService service =
      new ManageAgentsService(agents, clock, new SequentialIdGenerator());
  private final TenantId tenant = Fixtures.tenantId();

  private static AgentDraft draft(String name, List<String> capabilities) {
    return new AgentDraft(
        name, "Finds sources", capabilities, "Cite every source.", Optional.empty());
  }

  @Test
  void createsAnAgentWithTrimmedNameAndTrimmedDeduplicatedCapabilities() {
    Agent agent =
        service.create(
            tenant, draft("  Researcher ", List.of(" research", "Research", "summarize ")));

    assertThat(agent.id()).isEqualTo(new AgentId(SequentialIdGenerator.nth(1)));
    assertThat(agent.tenantId()).isEqualTo(tenant);
    assertThat(agent.name()).isEqualTo("Researcher");
    assertThat(agent.capabilities()).containsExactly("research", "summarize");
    assertThat(agent.skillStats()).isEmpty();
    assertThat(agent.revision()).isZero();
    assertThat(agent.createdAt()).isEqualTo(Fixtures.NOW);
    assertThat(service.get(tenant, agent.id())).isEqualTo(agent);
  }

  @Test
  void treatsABlankModelAsTheTenantDefault() {
    Agent agent =
        service.create(tenant, new AgentDraft("Researcher", "", List.of(), "", Optional.of("  ")));

    assertThat(agent.llmModel()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "\t"})
  void rejectsABlankName(String name) {
    assertPortError(
        InvalidInputException.class,
        ErrorCode.INVALID_INPUT,
        () -> service.create(tenant, draft(name, List.of("research"))));

    assertThat(agents.all()).isEmpty();
  }

  @Test
  void rejectsABlankCapability() {
    assertPortError(
        InvalidInputException.class,
        ErrorCode.INVALID_INPUT,
        () -> service.create(tenant, draft("Researcher", List.of("research", " "))));

    assertThat(agents.all()).isEmpty();
  }

  @Test
  void updateChangesTheEditableFieldsAndKeepsWhatTheAgentLearned() {
    Agent created = service.create(tenant, draft("Researcher", List.of("research")));
    Map<String, SkillStats> learned = Map.of("research", new SkillStats(3, 2, 0.8));
    agents.update(created.withSkillStats(learned, clock.now()));
    clock.advance(Duration.ofMinutes(5));

    Agent updated =
        service.update(
            tenant,
            created.id(),
            new AgentDraft(
                "Analyst",
                "Crunches numbers",
                List.of("analysis"),
                "Be brief.",
                Optional.of("gpt-5")));

    assertThat(updated.name()).isEqualTo("Analyst");
    assertThat(updated.description()).isEqualTo("Crunches numbers");
    assertThat(updated.capabilities()).containsExactly("analysis");
    assertThat(updated.instructions()).isEqualTo("Be brief.");
    assertThat(updated.llmModel()).contains("gpt-5");
    assertThat(updated.skillStats()).isEqualTo(learned);
    assertThat(updated.createdAt()).isEqualTo(created.createdAt());
    assertThat(updated.updatedAt()).isEqualTo(Fixtures.NOW.plus(Duration.ofMinutes(5)));
    assertThat(updated.revision()).isEqualTo(2);
  }

  @Test
  void updateValidatesLikeCreate() {
    Agent created = service.create(tenant, draft("Researcher", List.of("research")));

    assertPortError(
        InvalidInputException.class,
        ErrorCode.INVALID_INPUT,
        () -> service.update(tenant, created.id(), draft(" ", List.of("research"))));
    assertThat(service.get(tenant, created.id())).isEqualTo(created);
  }

  @Test
  void updateThatLosesARaceIsAConcurrentModification() {
    Agent created = service.create(tenant, draft("Researcher", List.of("research")));
    // Another writer slips in between this service's read and its write.
    AgentRepository racing =
        new ForwardingAgentRepository(agents) {
          @Override
          public Agent update(Agent agent) {
            Agent current = agents.find(tenant, agent.id()).orElseThrow();
            agents.update(current.withSkillStats(Map.of(), clock.now()));
            return super.update(agent);
          }
        };
    ManageAgentsService losing =
        new ManageAgentsService(racing, clock, new SequentialIdGenerator());

    assertPortError(
        ConflictException.class,
        ErrorCode.CONCURRENT_MODIFICATION,
        () -> losing.update(tenant, created.id(), draft("Analyst", List.of())));
  }

  @Test
  void deleteRemovesTheAgentAndASecondDeleteIsNotFound() {
    Agent created = service.create(tenant, draft("Researcher", List.of("research")));

    service.delete(tenant, created.id());

    assertThat(service.list(tenant)).isEmpty();
    assertPortError(
        NotFoundException.class,
        ErrorCode.AGENT_NOT_FOUND,
        () -> service.delete(tenant, created.id()));
  }

  @Test
  void anotherTenantCanNeitherSeeNorChangeNorDeleteTheAgent() {
    Agent created = service.create(tenant, draft("Researcher", List.of("research")));
    TenantId other = Fixtures.tenantId();

    assertThat(service.list(other)).isEmpty();
    assertPortError(
        NotFoundException.class, ErrorCode.AGENT_NOT_FOUND, () -> service.get(other, created.id()));
    assertPortError(
        NotFoundException.class,
        ErrorCode.AGENT_NOT_FOUND,
        () -> service.update(other, created.id(), draft("Mine", List.of())));
    assertPortError(
        NotFoundException.class,
        ErrorCode.AGENT_NOT_FOUND,
        () -> service.delete(other, created.id()));
    assertThat(service.get(tenant, created.id())).isEqualTo(created);
  }

  @Test
  void listsTheTenantsAgentsOldestFirst() {
    Agent first = service.create(tenant, draft("First", List.of()));
    clock.advance(Duration.ofSeconds(1));
    Agent second = service.create(tenant, draft("Second", List.of()));

    assertThat(service.list(tenant)).containsExactly(first, second);
  }

  /** Passes every call to a real store; tests override one method to stage a race. */
  private static class ForwardingAgentRepository implements AgentRepository {
    private final AgentRepository store;

    ForwardingAgentRepository(AgentRepository store) {
      this.store = store;
    }

    @Override
    public Agent create(Agent agent) {
      return store.create(agent);
    }

    @Override
    public Optional<Agent> find(TenantId tenant, AgentId id) {
      return store.find(tenant, id);
    }

    @Override
    public List<Agent> list(TenantId tenant) {
      return store.list(tenant);
    }

    @Override
    public Agent update(Agent agent) {
      return store.update(agent);
    }

    @Override
    public boolean delete(TenantId tenant, AgentId id) {
      return store.delete(tenant, id);
    }
  }
}
