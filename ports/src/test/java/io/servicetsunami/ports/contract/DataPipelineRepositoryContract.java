package io.servicetsunami.ports.contract;

import static io.servicetsunami.ports.testing.PortAssertions.assertPortError;
import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.model.DataPipeline;
import io.servicetsunami.ports.model.PipelineRun;
import io.servicetsunami.ports.model.Schedule;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.DataPipelineRepository;
import io.servicetsunami.ports.out.Page;
import io.servicetsunami.ports.out.PipelineRunRepository;
import io.servicetsunami.ports.out.WatermarkRepository;
import io.servicetsunami.ports.testing.Fixtures;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DataPipelineRepository} does. Deleting a pipeline deletes its runs and
 * watermarks, so the contract also needs the run and watermark stores that share its data.
 */
public interface DataPipelineRepositoryContract extends Prerequisites {

  DataPipelineRepository pipelines();

  /** The run store that shares data with {@link #pipelines()}. */
  PipelineRunRepository pipelineRuns();

  /** The watermark store that shares data with {@link #pipelines()}. */
  WatermarkRepository watermarks();

  private static DataPipeline renamed(DataPipeline pipeline, Optional<Schedule> schedule) {
    return new DataPipeline(
        pipeline.id(),
        pipeline.tenantId(),
        "Daily digest",
        pipeline.type(),
        Map.of("kit", "digest", "cadence", "daily"),
        pipeline.datasetId(),
        pipeline.connector(),
        schedule,
        pipeline.createdAt(),
        Fixtures.at(60));
  }

  @Test
  default void createdPipelineIsFound() {
    TenantId tenant = newTenant();
    DataPipeline pipeline = Fixtures.pipeline(tenant);

    assertThat(pipelines().create(pipeline)).isEqualTo(pipeline);
    assertThat(pipelines().find(tenant, pipeline.id())).contains(pipeline);
  }

  @Test
  default void connectorSettingsAndScheduleSurviveTheRoundTrip() {
    TenantId tenant = newTenant();
    DataPipeline pipeline =
        Fixtures.connectorPipeline(
            tenant, Optional.of(new Schedule.Interval(Duration.ofMinutes(15), false)));

    pipelines().create(pipeline);

    assertThat(pipelines().find(tenant, pipeline.id())).contains(pipeline);
  }

  @Test
  default void unknownPipelineIsNotFound() {
    TenantId tenant = newTenant();

    assertThat(pipelines().find(tenant, Fixtures.pipelineId())).isEmpty();
    assertThat(pipelines().list(tenant)).isEmpty();
    assertPortError(
        NotFoundException.class,
        ErrorCode.PIPELINE_NOT_FOUND,
        () -> pipelines().update(Fixtures.pipeline(tenant)));
    assertThat(pipelines().delete(tenant, Fixtures.pipelineId())).isFalse();
  }

  @Test
  default void creatingATakenIdIsAConflict() {
    DataPipeline pipeline = pipelines().create(Fixtures.pipeline(newTenant()));

    assertPortError(
        ConflictException.class, ErrorCode.ALREADY_EXISTS, () -> pipelines().create(pipeline));
  }

  @Test
  default void listShowsNewestFirst() {
    TenantId tenant = newTenant();
    DataPipeline old = pipelines().create(Fixtures.pipeline(tenant, Fixtures.at(10)));
    DataPipeline recent = pipelines().create(Fixtures.pipeline(tenant, Fixtures.at(30)));
    DataPipeline middle = pipelines().create(Fixtures.pipeline(tenant, Fixtures.at(20)));

    assertThat(pipelines().list(tenant)).containsExactly(recent, middle, old);
  }

  @Test
  default void listScheduledShowsScheduledPipelinesOfEveryTenant() {
    DataPipeline cron =
        pipelines()
            .create(
                Fixtures.connectorPipeline(
                    newTenant(), Optional.of(new Schedule.Cron("0 3 * * *", false))));
    DataPipeline paused =
        pipelines()
            .create(
                Fixtures.connectorPipeline(
                    newTenant(), Optional.of(new Schedule.Interval(Duration.ofHours(1), true))));
    DataPipeline unscheduled = pipelines().create(Fixtures.pipeline(newTenant()));

    assertThat(pipelines().listScheduled()).contains(cron, paused).doesNotContain(unscheduled);
  }

  @Test
  default void updateReplacesThePipeline() {
    TenantId tenant = newTenant();
    DataPipeline pipeline = pipelines().create(Fixtures.pipeline(tenant));
    DataPipeline changed = renamed(pipeline, Optional.of(new Schedule.Cron("30 6 * * 1-5", false)));

    assertThat(pipelines().update(changed)).isEqualTo(changed);
    assertThat(pipelines().find(tenant, pipeline.id())).contains(changed);
    assertThat(pipelines().listScheduled()).contains(changed);
  }

  @Test
  default void deleteRemovesThePipelineWithItsRunsAndWatermarksOnce() {
    TenantId tenant = newTenant();
    DataPipeline pipeline = pipelines().create(Fixtures.pipeline(tenant));
    PipelineRun run = pipelineRuns().create(Fixtures.run(tenant, pipeline.id()));
    watermarks()
        .save(Fixtures.watermark(tenant, pipeline.id(), "public.orders", "2025-01-01T00:00:00Z"));
    DataPipeline other = pipelines().create(Fixtures.pipeline(tenant));
    PipelineRun otherRun = pipelineRuns().create(Fixtures.run(tenant, other.id()));

    assertThat(pipelines().delete(tenant, pipeline.id())).isTrue();
    assertThat(pipelines().delete(tenant, pipeline.id())).isFalse();
    assertThat(pipelines().find(tenant, pipeline.id())).isEmpty();
    assertThat(pipelineRuns().find(tenant, run.id())).isEmpty();
    assertThat(watermarks().find(tenant, pipeline.id(), "public.orders")).isEmpty();
    assertThat(pipelineRuns().listByPipeline(tenant, other.id(), Page.first(10)))
        .containsExactly(otherRun);
  }

  @Test
  default void anotherTenantCannotReadListUpdateOrDeleteAPipeline() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    DataPipeline pipeline = pipelines().create(Fixtures.pipeline(a));

    assertThat(pipelines().find(b, pipeline.id())).isEmpty();
    assertThat(pipelines().list(b)).isEmpty();
    assertPortError(
        NotFoundException.class,
        ErrorCode.PIPELINE_NOT_FOUND,
        () -> pipelines().update(Fixtures.forTenant(renamed(pipeline, Optional.empty()), b)));
    assertThat(pipelines().delete(b, pipeline.id())).isFalse();
    assertThat(pipelines().find(a, pipeline.id())).contains(pipeline);
  }
}
