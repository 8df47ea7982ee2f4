package io.servicetsunami.app.wiring;

import dagger.Module;
import dagger.Provides;
import io.servicetsunami.adapters.temporal.TemporalConnection;
import io.servicetsunami.adapters.temporal.TemporalWorkers;
import io.servicetsunami.app.config.AdapterConfig;
import io.servicetsunami.core.workflow.WorkflowCatalog;
import io.servicetsunami.ports.in.DataSyncSteps;
import io.servicetsunami.ports.in.ProvisionInstanceSteps;
import io.servicetsunami.ports.in.TaskExecutionSteps;
import io.servicetsunami.ports.out.WorkflowEngine;
import io.servicetsunami.ports.out.WorkflowSchedules;
import jakarta.inject.Singleton;

/**
 * Temporal: the in-process server on 127.0.0.1 unless {@code TEMPORAL_ADDRESS} names one, the
 * workflow engine and schedules over it, and the workers of both queues ({@code
 * servicetsunami-orchestration}, {@code servicetsunami-databricks}) with every workflow and
 * activity bound to the core's step services. The workers are built here and started by {@link
 * AppLifecycle}.
 */
@Module
public final class TemporalModule {

  private TemporalModule() {}

  @Provides
  @Singleton
  static TemporalConnection temporal(AdapterConfig config) {
    return TemporalConnection.open(config.temporal());
  }

  @Provides
  @Singleton
  static WorkflowEngine workflowEngine(TemporalConnection temporal) {
    return temporal.engine(WorkflowCatalog.all());
  }

  @Provides
  @Singleton
  static WorkflowSchedules workflowSchedules(TemporalConnection temporal) {
    return temporal.schedules(WorkflowCatalog.all());
  }

  @Provides
  @Singleton
  static TemporalWorkers workers(
      TemporalConnection temporal,
      TaskExecutionSteps taskExecution,
      ProvisionInstanceSteps provision,
      DataSyncSteps dataSync) {
    return temporal
        .workers(WorkflowCatalog.all())
        .taskExecutionSteps(taskExecution)
        .provisionSteps(provision)
        .dataSyncSteps(dataSync)
        .build();
  }
}
