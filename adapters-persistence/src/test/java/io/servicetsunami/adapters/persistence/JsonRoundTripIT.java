package io.servicetsunami.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.DataPipeline;
import io.servicetsunami.ports.model.ExecutionTrace;
import io.servicetsunami.ports.model.KnowledgeEntity;
import io.servicetsunami.ports.model.PipelineRun;
import io.servicetsunami.ports.model.PipelineType;
import io.servicetsunami.ports.model.StepType;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TraceId;
import io.servicetsunami.ports.out.Page;
import io.servicetsunami.ports.testing.Fixtures;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** JSON trees survive every {@code jsonb} column exactly: numbers, nesting, nulls, text. */
class JsonRoundTripIT implements PostgresPrerequisites {

  /** A tree with every kind of JSON value the core may store. */
  static Map<String, Object> tree() {
    Map<String, Object> nested = new HashMap<>();
    nested.put("nothing", null);
    nested.put("empty_object", Map.of());
    nested.put("empty_list", List.of());
    nested.put("deeper", Map.of("list", List.of(Map.of("k", 1), List.of(2, 3.5), "four")));
    Map<String, Object> tree = new HashMap<>();
    tree.put("int", 42);
    tree.put("negative", -7);
    tree.put("long", 9_007_199_254_740_993L);
    tree.put("big", new BigInteger("123456789012345678901234567890"));
    tree.put("double", 0.1);
    tree.put("tiny", 1.0e-7);
    tree.put("large_double", 3.0e10);
    tree.put("huge_double", Double.MAX_VALUE);
    tree.put("whole_double", 2.0);
    tree.put("true", true);
    tree.put("false", false);
    tree.put("text", "Grüße, \"quotes\", back\\slash, tab\t, emoji 🚀, 中文");
    tree.put("list_with_null", Arrays.asList(1, null, "x"));
    tree.put("nested", nested);
    return tree;
  }

  @Test
  void taskContextAndOutputRoundTrip() {
    TenantId tenant = newTenant();
    AgentTask created =
        db().tasks()
            .create(
                AgentTask.submitted(
                    Fixtures.taskId(),
                    tenant,
                    "objective",
                    "research",
                    io.servicetsunami.ports.model.TaskPriority.HIGH,
                    List.of("research"),
                    tree(),
                    true,
                    Fixtures.NOW));
    AgentTask updated = db().tasks().update(created.withOutput(tree(), Fixtures.at(1)));

    AgentTask stored = db().tasks().find(tenant, created.id()).orElseThrow();
    assertThat(stored.context()).isEqualTo(tree());
    assertThat(stored.output()).isEqualTo(tree());
    assertThat(stored).isEqualTo(updated);
  }

  @Test
  void traceDetailsRoundTrip() {
    TenantId tenant = newTenant();
    TaskId task = newTask(tenant);
    ExecutionTrace trace =
        new ExecutionTrace(
            new TraceId(UUID.randomUUID()),
            task,
            tenant,
            StepType.SKILL_CALL,
            3,
            Optional.empty(),
            tree(),
            15,
            Fixtures.NOW);

    db().traces().append(trace);

    assertThat(db().traces().listByTask(tenant, task)).containsExactly(trace);
  }

  @Test
  void pipelineConfigRunOutputAndEntityAttributesRoundTrip() {
    TenantId tenant = newTenant();
    DataPipeline pipeline =
        db().pipelines()
            .create(
                new DataPipeline(
                    Fixtures.pipelineId(),
                    tenant,
                    "kit",
                    PipelineType.AGENT_KIT,
                    tree(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Fixtures.NOW,
                    Fixtures.NOW));
    PipelineRun run = Fixtures.run(tenant, pipeline.id());
    PipelineRun finished =
        new PipelineRun(
            run.id(),
            run.pipelineId(),
            tenant,
            run.status(),
            run.trigger(),
            run.workflowId(),
            tree(),
            Optional.empty(),
            run.startedAt(),
            Optional.empty());
    db().pipelineRuns().create(finished);
    KnowledgeEntity entity =
        new KnowledgeEntity(
            new io.servicetsunami.ports.model.EntityId(UUID.randomUUID()),
            tenant,
            "Acme",
            "org",
            tree(),
            0.5,
            Optional.empty(),
            Fixtures.NOW,
            Fixtures.NOW);
    db().knowledge().upsertEntity(entity);

    assertThat(db().pipelines().find(tenant, pipeline.id()).orElseThrow().config())
        .isEqualTo(tree());
    assertThat(db().pipelineRuns().find(tenant, run.id()).orElseThrow().output()).isEqualTo(tree());
    assertThat(db().knowledge().listEntities(tenant, Optional.empty(), Page.first(1)))
        .containsExactly(entity);
  }
}
