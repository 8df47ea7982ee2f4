package io.servicetsunami.adapters.temporal.workflow;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Mines one imported chat session for knowledge-graph entities. */
@WorkflowInterface
public interface KnowledgeExtractionWorkflow {

  /** Returns the number of entities stored. */
  @WorkflowMethod(name = "KnowledgeExtractionWorkflow")
  int extract(KnowledgeExtractionPayload input);
}
