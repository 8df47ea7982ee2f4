package io.servicetsunami.core.task;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a finished task is scored, deterministically, from what it produced. The score in [0, 1] is
 * the sum of four parts:
 *
 * <ul>
 *   <li><b>answered</b>, {@value #ANSWERED}: the output has a non-blank {@code text} or any other
 *       non-null field. A task that produced nothing scores 0 altogether.
 *   <li><b>substance</b>, up to {@value #SUBSTANCE}: grows with the length of {@code text} and is
 *       full from {@value #SUBSTANTIAL_CHARS} characters, so a bare "done" earns less than an
 *       answer.
 *   <li><b>tool reliability</b>, up to {@value #RELIABILITY}: the share of the run's tool calls
 *       that did not fail; full when no tool was called.
 *   <li><b>knowledge</b>, up to {@value #KNOWLEDGE}: grows with the entities the output reported
 *       and is full from {@value #ENTITIES_FOR_FULL_CREDIT}.
 * </ul>
 *
 * A score of at least {@value #SUCCESS_THRESHOLD} counts as a success in the agent's skill
 * statistics. The experience memory written for the task has importance {@code 0.2 + 0.6 × score}:
 * a task scoring below about 0.17 is remembered below the recall threshold (nothing worth
 * recalling), and even a perfect score (0.8) stays below what a human-curated fact can carry.
 *
 * @param score rounded to three decimals
 */
record TaskEvaluation(
    double score,
    boolean answered,
    double substance,
    double reliability,
    double knowledge,
    int toolCalls,
    int toolErrors,
    int entities) {

  static final double ANSWERED = 0.5;
  static final double SUBSTANCE = 0.2;
  static final double RELIABILITY = 0.2;
  static final double KNOWLEDGE = 0.1;
  static final int SUBSTANTIAL_CHARS = 500;
  static final int ENTITIES_FOR_FULL_CREDIT = 3;
  static final double SUCCESS_THRESHOLD = 0.6;

  static TaskEvaluation of(
      Map<String, Object> output, int toolCalls, int toolErrors, int entities) {
    String text = output.get("text") instanceof String s ? s.strip() : "";
    boolean answered =
        !text.isEmpty()
            || output.entrySet().stream()
                .anyMatch(e -> !e.getKey().equals("text") && e.getValue() != null);
    if (!answered) {
      return new TaskEvaluation(0.0, false, 0, 0, 0, toolCalls, toolErrors, entities);
    }
    double substance = SUBSTANCE * Math.min(1.0, (double) text.length() / SUBSTANTIAL_CHARS);
    double reliability =
        toolCalls == 0 ? RELIABILITY : RELIABILITY * (toolCalls - toolErrors) / toolCalls;
    double knowledge = KNOWLEDGE * Math.min(1.0, (double) entities / ENTITIES_FOR_FULL_CREDIT);
    double score = AgentSelection.round(ANSWERED + substance + reliability + knowledge);
    return new TaskEvaluation(
        Math.min(1.0, score),
        true,
        substance,
        reliability,
        knowledge,
        toolCalls,
        toolErrors,
        entities);
  }

  boolean success() {
    return score >= SUCCESS_THRESHOLD;
  }

  /** The importance of the experience memory written for a task of {@code score}. */
  static double memoryImportance(double score) {
    return AgentSelection.round(0.2 + 0.6 * score);
  }

  Map<String, Object> details() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("score", score);
    details.put("success", success());
    details.put("answered", answered);
    details.put("substance", AgentSelection.round(substance));
    details.put("tool_reliability", AgentSelection.round(reliability));
    details.put("knowledge", AgentSelection.round(knowledge));
    details.put("tool_calls", toolCalls);
    details.put("tool_errors", toolErrors);
    details.put("entities", entities);
    return details;
  }
}
