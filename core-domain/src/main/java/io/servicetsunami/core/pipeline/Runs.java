package io.servicetsunami.core.pipeline;

import io.servicetsunami.ports.model.PipelineId;
import io.servicetsunami.ports.model.PipelineRun;
import io.servicetsunami.ports.model.RunId;
import io.servicetsunami.ports.model.RunStatus;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.TriggerSource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** New and changed {@link PipelineRun} values; the record has no withers of its own. */
final class Runs {

  private Runs() {}

  static PipelineRun opened(
      RunId id,
      PipelineId pipeline,
      TenantId tenant,
      TriggerSource trigger,
      String workflowId,
      Instant startedAt) {
    return new PipelineRun(
        id,
        pipeline,
        tenant,
        RunStatus.RUNNING,
        trigger,
        workflowId,
        Map.of(),
        Optional.empty(),
        startedAt,
        Optional.empty());
  }

  static PipelineRun withOutput(PipelineRun run, Map<String, Object> output) {
    return new PipelineRun(
        run.id(),
        run.pipelineId(),
        run.tenantId(),
        run.status(),
        run.trigger(),
        run.workflowId(),
        output,
        run.error(),
        run.startedAt(),
        run.completedAt());
  }

  /**
   * The run closed as {@code failed} when {@code error} is present, else {@code completed}. The
   * output is the stored one with {@code output} laid over it, so that what a step recorded while
   * the run went on (an agent kit's task ids) survives a failure reported with no output.
   */
  static PipelineRun closed(
      PipelineRun run, Optional<String> error, Map<String, Object> output, Instant at) {
    Map<String, Object> merged = new LinkedHashMap<>(run.output());
    merged.putAll(output);
    return new PipelineRun(
        run.id(),
        run.pipelineId(),
        run.tenantId(),
        error.isPresent() ? RunStatus.FAILED : RunStatus.COMPLETED,
        run.trigger(),
        run.workflowId(),
        merged,
        error,
        run.startedAt(),
        // The run may have been opened by another process whose clock ran ahead of ours; a run
        // never ends before it started.
        Optional.of(at.isBefore(run.startedAt()) ? run.startedAt() : at));
  }
}
