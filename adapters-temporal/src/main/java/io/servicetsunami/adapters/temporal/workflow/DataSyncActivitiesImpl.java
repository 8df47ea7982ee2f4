package io.servicetsunami.adapters.temporal.workflow;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.in.DataSyncSteps;
import io.servicetsunami.ports.model.ChatSessionId;
import io.servicetsunami.ports.model.DatasetId;
import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.RunId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TriggerSource;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Thin calls into {@link DataSyncSteps}; port errors map at this edge. */
final class DataSyncActivitiesImpl implements DataSyncActivities {

  private final DataSyncSteps steps;
  private final ScheduledExecutorService heartbeats;

  /**
   * @param heartbeats beats for steps that wait without reporting progress themselves
   */
  DataSyncActivitiesImpl(DataSyncSteps steps, ScheduledExecutorService heartbeats) {
    this.steps = requireNonNull(steps, "steps is null");
    this.heartbeats = requireNonNull(heartbeats, "heartbeats is null");
  }

  @Override
  public long syncToBronze(String tenantId, String datasetId, String runId) {
    return Failures.call(
        () -> steps.syncToBronze(TenantId.parse(tenantId), DatasetId.parse(datasetId), run(runId)));
  }

  @Override
  public long transformToSilver(String tenantId, String datasetId, String runId) {
    return Failures.call(
        () ->
            steps.transformToSilver(
                TenantId.parse(tenantId), DatasetId.parse(datasetId), run(runId)));
  }

  @Override
  public void updateDatasetMetadata(String tenantId, String datasetId, String runId) {
    Failures.run(
        () ->
            steps.updateDatasetMetadata(
                TenantId.parse(tenantId), DatasetId.parse(datasetId), run(runId)));
  }

  /**
   * Extraction streams a whole table and {@link DataSyncSteps#extractFromConnector} takes no
   * progress callback, so this activity heartbeats on the step's behalf while it runs, at a third
   * of the step's heartbeat timeout: a dead worker is then noticed after that timeout instead of
   * the step's 30-minute start-to-close timeout. (A beat proves the worker process lives, not that
   * the extract advances; a progress callback in the port would prove both.)
   */
  @Override
  public Map<String, Object> extractFromConnector(
      String tenantId, String pipelineId, String table, String runId) {
    return whileBeating(
        () ->
            Failures.call(
                () ->
                    steps.extractFromConnector(
                        TenantId.parse(tenantId),
                        PipelineId.parse(pipelineId),
                        table,
                        run(runId))));
  }

  @Override
  public long loadToBronze(String tenantId, String pipelineId, String table, String runId) {
    return Failures.call(
        () ->
            steps.loadToBronze(
                TenantId.parse(tenantId), PipelineId.parse(pipelineId), table, run(runId)));
  }

  @Override
  public long loadToSilver(String tenantId, String pipelineId, String table, String runId) {
    return Failures.call(
        () ->
            steps.loadToSilver(
                TenantId.parse(tenantId), PipelineId.parse(pipelineId), table, run(runId)));
  }

  @Override
  public void updateSyncMetadata(
      String tenantId, String pipelineId, String table, String runId, String watermark) {
    Failures.run(
        () ->
            steps.updateSyncMetadata(
                TenantId.parse(tenantId),
                PipelineId.parse(pipelineId),
                table,
                run(runId),
                Optional.ofNullable(watermark)));
  }

  @Override
  public List<String> startScheduledRun(
      String tenantId, String pipelineId, String runId, String trigger) {
    return Failures.call(
        () ->
            steps.startScheduledRun(
                TenantId.parse(tenantId),
                PipelineId.parse(pipelineId),
                run(runId),
                TriggerSource.fromWire(trigger)));
  }

  @Override
  public void finishRun(String tenantId, String runId, String error, Map<String, Object> output) {
    Failures.run(
        () ->
            steps.finishRun(
                TenantId.parse(tenantId),
                run(runId),
                Optional.ofNullable(error),
                output == null ? Map.of() : output));
  }

  @Override
  public int extractKnowledgeFromSession(String tenantId, String sessionId) {
    return Failures.call(
        () ->
            steps.extractKnowledgeFromSession(
                TenantId.parse(tenantId), ChatSessionId.parse(sessionId)));
  }

  @Override
  public Map<String, Object> executeAgentKit(String tenantId, String pipelineId, String runId) {
    return Failures.call(
        () ->
            steps.executeAgentKit(
                TenantId.parse(tenantId), PipelineId.parse(pipelineId), run(runId)));
  }

  private static RunId run(String runId) {
    return RunId.parse(runId);
  }

  private <T> T whileBeating(Supplier<T> step) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    Duration timeout = context.getInfo().getHeartbeatTimeout();
    if (timeout == null || timeout.isZero()) {
      return step.get();
    }
    long every = Math.max(1, timeout.toMillis() / 3);
    ScheduledFuture<?> beat =
        heartbeats.scheduleAtFixedRate(
            () -> {
              try {
                context.heartbeat("running");
              } catch (RuntimeException cancelledOrShuttingDown) {
                // The attempt is over for Temporal; the step finds out when it returns.
              }
            },
            every,
            every,
            TimeUnit.MILLISECONDS);
    try {
      return step.get();
    } finally {
      beat.cancel(false);
    }
  }
}
