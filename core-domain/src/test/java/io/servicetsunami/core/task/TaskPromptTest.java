package io.servicetsunami.core.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.model.AgentMemory;
import io.servicetsunami.ports.model.AgentTask;
import io.servicetsunami.ports.model.TaskId;
import io.servicetsunami.ports.model.TaskPriority;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskPromptTest {

  private final TenantId tenant = Fixtures.tenantId();

  private AgentTask task(String objective) {
    return AgentTask.submitted(
        new TaskId(Fixtures.taskId().value()),
        tenant,
        objective,
        "research",
        TaskPriority.NORMAL,
        List.of(),
        Map.of(),
        false,
        Fixtures.NOW);
  }

  private AgentMemory memory(String content) {
    AgentMemory template = Fixtures.memory(tenant, Fixtures.agentId(), 0.9);
    return new AgentMemory(
        template.id(),
        tenant,
        template.agentId(),
        template.memoryType(),
        content,
        template.importance(),
        template.sourceTaskId(),
        0,
        template.createdAt(),
        template.lastAccessedAt());
  }

  @Test
  void putsInstructionsThenMemoriesThenTheTaskLast() {
    TaskPrompt prompt =
        TaskPrompt.build(
            "Cite every source.",
            List.of(memory("Acme reports in euros"), memory("Bob prefers bullets")),
            task("Summarise the report"));

    assertThat(prompt.text())
        .isEqualTo(
            "## Instructions\nCite every source.\n\n"
                + "## Relevant memories\n- Acme reports in euros\n- Bob prefers bullets\n\n"
                + "## Task (research)\nSummarise the report");
    assertThat(prompt.memoriesIncluded()).isEqualTo(2);
    assertThat(prompt.truncated()).isFalse();
  }

  @Test
  void leavesOutEmptySections() {
    TaskPrompt prompt = TaskPrompt.build(" ", List.of(), task("Summarise the report"));

    assertThat(prompt.text()).isEqualTo("## Task (research)\nSummarise the report");
  }

  @Test
  void cutsEachMemoryAndTheInstructionsAndTheObjectiveToTheirCaps() {
    TaskPrompt prompt =
        TaskPrompt.build(
            "i".repeat(10_000), List.of(memory("m".repeat(5_000))), task("o".repeat(20_000)));

    assertThat(prompt.truncated()).isTrue();
    assertThat(prompt.text())
        .contains("i".repeat(TaskPrompt.MAX_INSTRUCTIONS_CHARS - TaskPrompt.CUT_MARK.length()))
        .doesNotContain("i".repeat(TaskPrompt.MAX_INSTRUCTIONS_CHARS))
        .contains(
            "- "
                + "m".repeat(TaskPrompt.MAX_MEMORY_CHARS - TaskPrompt.CUT_MARK.length())
                + TaskPrompt.CUT_MARK
                + "\n")
        .doesNotContain("o".repeat(TaskPrompt.MAX_OBJECTIVE_CHARS))
        .endsWith(TaskPrompt.CUT_MARK);
    assertThat(TaskPrompt.boundedInstructions("i".repeat(10_000)))
        .hasSize(TaskPrompt.MAX_INSTRUCTIONS_CHARS);
  }

  @Test
  void staysWithinTheTotalBoundByDroppingTheLeastRelevantMemoriesFirst() {
    List<AgentMemory> memories = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      memories.add(memory(i + "-" + "m".repeat(2_000)));
    }

    TaskPrompt prompt = TaskPrompt.build("i".repeat(10_000), memories, task("o".repeat(20_000)));

    assertThat(prompt.text().length()).isLessThanOrEqualTo(TaskPrompt.MAX_PROMPT_CHARS);
    assertThat(prompt.memoriesIncluded()).isBetween(1, 4);
    assertThat(prompt.text()).contains("- 0-mmm");
    assertThat(prompt.text()).doesNotContain("- 4-mmm");
    assertThat(prompt.truncated()).isTrue();
  }

  @Test
  void flattensLineBreaksInsideAMemory() {
    TaskPrompt prompt =
        TaskPrompt.build("", List.of(memory("first line\n\n  second line")), task("Go"));

    assertThat(prompt.text()).contains("- first line second line\n");
  }
}
