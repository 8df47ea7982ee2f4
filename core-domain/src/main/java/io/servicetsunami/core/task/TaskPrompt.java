package io.servicetsunami.core.task;

import io.servicetsunami.ports.model.AgentMemory;
import io.servicetsunami.ports.model.AgentTask;
import java.util.List;

/**
 * The prompt an agent runtime receives for a task, bounded in size so that a long objective, long
 * instructions or many memories cannot blow up a model's context or a runtime's request limit.
 *
 * <p>Layout, in this order: the agent's instructions, the recalled memories (most relevant first),
 * then the task itself (type and objective) last, where models attend to it best:
 *
 * <pre>
 * ## Instructions
 * {instructions, at most 4,000 characters}
 *
 * ## Relevant memories
 * - {memory, at most 1,000 characters each}
 *
 * ## Task ({task type})
 * {objective, at most 8,000 characters}
 * </pre>
 *
 * A section that would be empty is left out. Text cut to its cap ends with {@value #CUT_MARK}. The
 * whole prompt is at most {@value #MAX_PROMPT_CHARS} characters: the objective and instructions
 * always fit, and memories that would not fit whole are dropped, least relevant first.
 *
 * @param text the prompt
 * @param memoriesIncluded how many of the given memories made it into the prompt
 * @param truncated whether anything was cut or dropped to respect the bounds
 */
record TaskPrompt(String text, int memoriesIncluded, boolean truncated) {

  static final int MAX_PROMPT_CHARS = 16_000;
  static final int MAX_INSTRUCTIONS_CHARS = 4_000;
  static final int MAX_MEMORY_CHARS = 1_000;
  static final int MAX_OBJECTIVE_CHARS = 8_000;
  static final int MAX_TASK_TYPE_CHARS = 100;
  static final String CUT_MARK = " […]";

  /** Builds the prompt for {@code task} from the agent's instructions and recalled memories. */
  static TaskPrompt build(String instructions, List<AgentMemory> memories, AgentTask task) {
    boolean[] cut = {false};
    String instructionSection =
        instructions.isBlank()
            ? ""
            : "## Instructions\n" + cap(instructions.strip(), MAX_INSTRUCTIONS_CHARS, cut) + "\n\n";
    String taskSection =
        "## Task ("
            + cap(task.taskType().strip(), MAX_TASK_TYPE_CHARS, cut)
            + ")\n"
            + cap(task.objective().strip(), MAX_OBJECTIVE_CHARS, cut);

    int budget = MAX_PROMPT_CHARS - instructionSection.length() - taskSection.length();
    String header = "## Relevant memories\n";
    StringBuilder memorySection = new StringBuilder();
    int included = 0;
    for (AgentMemory memory : memories) {
      String line = "- " + cap(oneLine(memory.content()), MAX_MEMORY_CHARS, cut) + "\n";
      int needed = line.length() + (included == 0 ? header.length() + 1 : 0);
      if (memorySection.length() + needed > budget) {
        cut[0] = true;
        break;
      }
      if (included == 0) {
        memorySection.append(header);
      }
      memorySection.append(line);
      included++;
    }
    if (included > 0) {
      memorySection.append('\n');
    }
    return new TaskPrompt(instructionSection + memorySection + taskSection, included, cut[0]);
  }

  /**
   * The agent's instructions within {@value #MAX_INSTRUCTIONS_CHARS} characters, for runtimes that
   * take them apart from the prompt.
   */
  static String boundedInstructions(String instructions) {
    return cap(instructions.strip(), MAX_INSTRUCTIONS_CHARS, new boolean[1]);
  }

  /** Memories are listed one per line; their own line breaks would break the list. */
  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  private static String cap(String text, int max, boolean[] cut) {
    if (text.length() <= max) {
      return text;
    }
    cut[0] = true;
    int end = max - CUT_MARK.length();
    // Never split a surrogate pair: half an emoji is not valid text for a JSON body.
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + CUT_MARK;
  }
}
