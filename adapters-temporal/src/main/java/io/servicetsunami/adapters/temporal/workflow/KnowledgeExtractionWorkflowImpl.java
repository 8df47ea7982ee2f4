package io.servicetsunami.adapters.temporal.workflow;

import io.servicetsunami.ports.model.WorkflowDefinition;
import io.temporal.failure.ActivityFailure;
import java.util.List;

/** One step; a permanent failure fails the workflow with the step's error code. */
final class KnowledgeExtractionWorkflowImpl implements KnowledgeExtractionWorkflow {

  static final String EXTRACT = "extract_knowledge_from_session";

  static final List<String> STEPS = List.of(EXTRACT);
  static final List<String> AUXILIARY = List.of();

  private final DataSyncActivities activities;

  KnowledgeExtractionWorkflowImpl(WorkflowDefinition definition) {
    this.activities = StepOptions.stub(DataSyncActivities.class, definition);
  }

  @Override
  public int extract(KnowledgeExtractionPayload input) {
    try {
      return activities.extractKnowledgeFromSession(input.tenantId(), input.sessionId());
    } catch (ActivityFailure failure) {
      throw Failures.workflowFailure(EXTRACT, failure);
    }
  }
}
