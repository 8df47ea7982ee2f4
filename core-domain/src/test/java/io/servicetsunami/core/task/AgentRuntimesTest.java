package io.servicetsunami.core.task;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.core.task.AgentRuntimes.Choice;
import io.servicetsunami.core.task.AgentRuntimes.ChosenBy;
import io.servicetsunami.core.task.AgentRuntimes.Policy;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.AgentRuntime;
import io.servicetsunami.ports.testing.FakeAgentRuntime;
import io.servicetsunami.ports.testing.Fixtures;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AgentRuntimesTest {

  private final TenantId tenant = Fixtures.tenantId();
  private final AgentId agent = new AgentId(UUID.randomUUID());
  private final TaskId task = new TaskId(UUID.randomUUID());
  private final FakeAgentRuntime adk = new FakeAgentRuntime();
  private final FakeAgentRuntime openClaw = new FakeAgentRuntime();

  @Test
  void choosesTheAgentsOverrideThenTheTenantsThenTheDefault() {
    Policy policy =
        new Policy(
            AgentRuntimeKind.ADK,
            Map.of(tenant, AgentRuntimeKind.OPENCLAW),
            Map.of(agent, AgentRuntimeKind.ADK));
    AgentRuntimes runtimes = new AgentRuntimes(Map.of(AgentRuntimeKind.ADK, adk), policy);

    assertThat(runtimes.choose(tenant, agent))
        .isEqualTo(new Choice(AgentRuntimeKind.ADK, ChosenBy.AGENT));
    assertThat(runtimes.choose(tenant, new AgentId(UUID.randomUUID())))
        .isEqualTo(new Choice(AgentRuntimeKind.OPENCLAW, ChosenBy.TENANT));
    assertThat(runtimes.choose(Fixtures.tenantId(), new AgentId(UUID.randomUUID())))
        .isEqualTo(new Choice(AgentRuntimeKind.ADK, ChosenBy.DEFAULT));
  }

  @Test
  void givesTheRuntimeOfTheChosenKind() {
    AgentRuntimes runtimes =
        new AgentRuntimes(
            Map.of(AgentRuntimeKind.ADK, adk, AgentRuntimeKind.OPENCLAW, openClaw),
            Policy.always(AgentRuntimeKind.OPENCLAW));

    assertThat(
            runtimes.runtimeFor(
                task, tenant, agent, new Choice(AgentRuntimeKind.OPENCLAW, ChosenBy.DEFAULT)))
        .isSameAs(openClaw);
    assertThat(runtimes.find(AgentRuntimeKind.ADK)).containsSame(adk);
  }

  @Test
  void refusesAChosenKindThatIsNotConfiguredAsNoAgentRuntimeSayingWhatChoseIt() {
    AgentRuntimes runtimes =
        new AgentRuntimes(
            Map.of(AgentRuntimeKind.OPENCLAW, openClaw),
            new Policy(AgentRuntimeKind.OPENCLAW, Map.of(tenant, AgentRuntimeKind.ADK), Map.of()));

    PermanentException error =
        assertPortError(
            PermanentException.class,
            ErrorCode.NO_AGENT_RUNTIME,
            () -> runtimes.runtimeFor(task, tenant, agent, runtimes.choose(tenant, agent)));

    assertThat(error.getMessage())
        .isEqualTo(
            "task "
                + task
                + " cannot run: the adk agent runtime, chosen by the override for tenant "
                + tenant
                + ", is not configured in this deployment. Configure it, or choose one of the"
                + " configured runtimes [openclaw] for this tenant");
  }

  @Test
  void keepsItsOwnCopyOfTheRuntimesAndOverrides() {
    Map<AgentRuntimeKind, AgentRuntime> available = new HashMap<>();
    available.put(AgentRuntimeKind.ADK, adk);
    Map<TenantId, AgentRuntimeKind> byTenant = new HashMap<>();
    AgentRuntimes runtimes =
        new AgentRuntimes(available, new Policy(AgentRuntimeKind.ADK, byTenant, Map.of()));

    available.clear();
    byTenant.put(tenant, AgentRuntimeKind.OPENCLAW);

    assertThat(runtimes.find(AgentRuntimeKind.ADK)).containsSame(adk);
    assertThat(runtimes.choose(tenant, agent).kind()).isEqualTo(AgentRuntimeKind.ADK);
  }

  @Test
  void parsesKindsByTheirWireNameOnly() {
    assertThat(AgentRuntimeKind.fromWire("adk")).isEqualTo(AgentRuntimeKind.ADK);
    assertThat(AgentRuntimeKind.fromWire("openclaw")).isEqualTo(AgentRuntimeKind.OPENCLAW);
    assertThatThrownBy(() -> AgentRuntimeKind.fromWire("langchain"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected one of: adk, openclaw");
  }
}
