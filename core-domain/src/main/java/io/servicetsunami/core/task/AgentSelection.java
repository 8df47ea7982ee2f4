package io.servicetsunami.core.task;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.core.agent.Capabilities;
import io.servicetsunami.ports.model.Agent;
import io.servicetsunami.ports.model.AgentId;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.SkillStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How dispatch picks the agent for a task.
 *
 * <p>An agent qualifies when its capabilities cover every capability the task requires (ignoring
 * case); a task that requires none can go to any agent. Qualifying agents are ranked by
 *
 * <ol>
 *   <li>mean {@link SkillStats#proficiency() proficiency} over the task's <em>skills</em> — its
 *       required capabilities, or its task type when it requires none (an untried skill counts as
 *       {@link SkillStats#NEW}, 0.5);
 *   <li>then mean {@link SkillStats#successRate() success rate} over the same skills;
 *   <li>then name, then id, so that equal agents are always chosen the same way.
 * </ol>
 */
final class AgentSelection {

  private AgentSelection() {}

  /**
   * An agent chosen for a task, with the evidence for the choice.
   *
   * @param matched the agent's spelling of the task's required capabilities
   * @param skills what the scores were averaged over
   * @param qualifying how many agents covered the requirement
   * @param considered how many agents the tenant has
   */
  record Choice(
      Agent agent,
      List<String> matched,
      List<String> skills,
      double proficiency,
      double successRate,
      int qualifying,
      int considered) {

    Choice {
      requireNonNull(agent, "agent is null");
      matched = List.copyOf(matched);
      skills = List.copyOf(skills);
    }

    /** Why this agent, in words, as the dispatched trace records it. */
    String reason() {
      String coverage =
          matched.isEmpty()
              ? "no capabilities are required, so every agent qualifies"
              : "covers " + String.join(", ", matched);
      return String.format(
          Locale.ROOT,
          "%s %s; proficiency %.3f and success rate %.3f over [%s]; best of %d qualifying of %d"
              + " agents",
          agent.name(),
          coverage,
          proficiency,
          successRate,
          String.join(", ", skills),
          qualifying,
          considered);
    }

    /** The trace details of the choice; ids and numbers only. */
    Map<String, Object> details() {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("agent_id", agent.id().toString());
      details.put("agent_name", agent.name());
      details.put("matched_capabilities", matched);
      details.put("skills", skills);
      details.put("proficiency", round(proficiency));
      details.put("success_rate", round(successRate));
      details.put("qualifying_agents", qualifying);
      details.put("candidates", considered);
      details.put("reason", reason());
      return details;
    }
  }

  /** The best agent of {@code agents} for {@code task}; empty if none qualifies. */
  static Optional<Choice> choose(List<Agent> agents, AgentTask task) {
    List<Choice> ranked = rank(agents, task);
    return ranked.isEmpty() ? Optional.empty() : Optional.of(ranked.get(0));
  }

  /**
   * How {@code agent} ranks for {@code task} among {@code agents}, e.g. to explain again a choice
   * made by an earlier attempt; empty if it no longer qualifies.
   */
  static Optional<Choice> explain(List<Agent> agents, AgentTask task, AgentId agent) {
    return rank(agents, task).stream().filter(c -> c.agent().id().equals(agent)).findFirst();
  }

  /** The skills a task exercises: its required capabilities, or its task type if it has none. */
  static List<String> skillsOf(AgentTask task) {
    List<String> required = required(task);
    return required.isEmpty() ? List.of(task.taskType().strip()) : required;
  }

  /** The statistics {@code agent} has for {@code skill}, ignoring case. */
  static SkillStats statsFor(Agent agent, String skill) {
    return Capabilities.find(agent.skillStats().keySet(), skill)
        .map(agent.skillStats()::get)
        .orElse(SkillStats.NEW);
  }

  private static List<Choice> rank(List<Agent> agents, AgentTask task) {
    List<String> required = required(task);
    List<String> skills = skillsOf(task);
    List<Choice> qualifying = new ArrayList<>();
    for (Agent agent : agents) {
      List<String> matched = new ArrayList<>();
      for (String capability : required) {
        Capabilities.find(agent.capabilities(), capability).ifPresent(matched::add);
      }
      if (matched.size() < required.size()) {
        continue;
      }
      double proficiency = 0;
      double successRate = 0;
      for (String skill : skills) {
        SkillStats stats = statsFor(agent, skill);
        proficiency += stats.proficiency();
        successRate += stats.successRate();
      }
      qualifying.add(
          new Choice(
              agent,
              matched,
              skills,
              proficiency / skills.size(),
              successRate / skills.size(),
              0,
              agents.size()));
    }
    qualifying.sort(
        Comparator.comparingDouble(Choice::proficiency)
            .reversed()
            .thenComparing(Comparator.comparingDouble(Choice::successRate).reversed())
            .thenComparing(c -> c.agent().name(), String.CASE_INSENSITIVE_ORDER)
            .thenComparing(c -> c.agent().name())
            .thenComparing(c -> c.agent().id().toString()));
    int count = qualifying.size();
    return qualifying.stream()
        .map(
            c ->
                new Choice(
                    c.agent(),
                    c.matched(),
                    c.skills(),
                    c.proficiency(),
                    c.successRate(),
                    count,
                    c.considered()))
        .toList();
  }

  private static List<String> required(AgentTask task) {
    // Submission normalises capabilities; a task stored by other means may still carry blanks.
    List<String> required = new ArrayList<>();
    for (String capability : task.requiredCapabilities()) {
      if (capability != null
          && !capability.isBlank()
          && Capabilities.find(required, capability).isEmpty()) {
        required.add(capability.strip());
      }
    }
    return required;
  }

  static double round(double value) {
    return Math.round(value * 1000.0) / 1000.0;
  }
}
