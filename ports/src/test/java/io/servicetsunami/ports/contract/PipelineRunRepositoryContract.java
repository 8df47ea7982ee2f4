package io.servicetsunami.ports.contract;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.PipelineRun;
import io.servicetsunami.ports.model.RunStatus;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TriggerSource;
import io.servicetsunami.ports.out.Page;
import io.servicetsunami.ports.out.PipelineRunRepository;
import io.servicetsunami.ports.testing.Fixtures;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link PipelineRunRepository} does. */
public interface PipelineRunRepositoryContract extends Prerequisites {

  PipelineRunRepository pipelineRuns();

  @Test
  default void createdRunIsFound() {
    TenantId tenant = newTenant();
    PipelineRun run = Fixtures.run(tenant, newPipeline(tenant));

    assertThat(pipelineRuns().create(run)).isEqualTo(run);
    assertThat(pipelineRuns().find(tenant, run.id())).contains(run);
  }

  @Test
  default void creatingTheSameIdAgainKeepsTheFirstRun() {
    TenantId tenant = newTenant();
    PipelineId pipeline = newPipeline(tenant);
    PipelineRun first = pipelineRuns().create(Fixtures.run(tenant, pipeline));
    PipelineRun retry =
        new PipelineRun(
            first.id(),
            pipeline,
            tenant,
            RunStatus.RUNNING,
            TriggerSource.SCHEDULE,
            first.workflowId(),
            Map.of("retried", true),
            Optional.empty(),
            Fixtures.at(60),
            Optional.empty());

    assertThat(pipelineRuns().create(retry)).isEqualTo(first);
    assertThat(pipelineRuns().listByPipeline(tenant, pipeline, Page.first(10)))
        .containsExactly(first);
  }

  @Test
  default void unknownRunIsNotFound() {
    TenantId tenant = newTenant();
    PipelineId pipeline = newPipeline(tenant);

    assertThat(pipelineRuns().find(tenant, Fixtures.runId())).isEmpty();
    assertThat(pipelineRuns().listByPipeline(tenant, pipeline, Page.first(10))).isEmpty();
    assertPortError(
        NotFoundException.class,
        ErrorCode.PIPELINE_RUN_NOT_FOUND,
        () -> pipelineRuns().update(Fixtures.run(tenant, pipeline)));
  }

  @Test
  default void runsOfAPipelineAreNewestFirstAndPaged() {
    TenantId tenant = newTenant();
    PipelineId pipeline = newPipeline(tenant);
    PipelineRun old = pipelineRuns().create(Fixtures.run(tenant, pipeline, Fixtures.at(10)));
    PipelineRun recent = pipelineRuns().create(Fixtures.run(tenant, pipeline, Fixtures.at(30)));
    PipelineRun middle = pipelineRuns().create(Fixtures.run(tenant, pipeline, Fixtures.at(20)));
    pipelineRuns().create(Fixtures.run(tenant, newPipeline(tenant), Fixtures.at(40)));

    assertThat(pipelineRuns().listByPipeline(tenant, pipeline, Page.first(10)))
        .containsExactly(recent, middle, old);
    assertThat(pipelineRuns().listByPipeline(tenant, pipeline, new Page(1, 1)))
        .containsExactly(middle);
  }

  @Test
  default void updateRecordsTheOutcome() {
    TenantId tenant = newTenant();
    PipelineRun run = pipelineRuns().create(Fixtures.run(tenant, newPipeline(tenant)));
    PipelineRun failed = Fixtures.finished(run, RunStatus.FAILED, Fixtures.at(90));

    assertThat(pipelineRuns().update(failed)).isEqualTo(failed);
    PipelineRun stored = pipelineRuns().find(tenant, run.id()).orElseThrow();
    assertThat(stored).isEqualTo(failed);
    assertThat(stored.error()).contains("source unreachable");
    assertThat(stored.completedAt()).contains(Fixtures.at(90));
  }

  @Test
  default void anotherTenantCannotReadListOrUpdateARun() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    PipelineId pipeline = newPipeline(a);
    PipelineRun run = pipelineRuns().create(Fixtures.run(a, pipeline));

    assertThat(pipelineRuns().find(b, run.id())).isEmpty();
    assertThat(pipelineRuns().listByPipeline(b, pipeline, Page.first(10))).isEmpty();
    assertPortError(
        NotFoundException.class,
        ErrorCode.PIPELINE_RUN_NOT_FOUND,
        () ->
            pipelineRuns()
                .update(
                    Fixtures.forTenant(
                        Fixtures.finished(run, RunStatus.COMPLETED, Fixtures.at(9)), b)));
    assertThat(pipelineRuns().find(a, run.id())).contains(run);
  }
}
