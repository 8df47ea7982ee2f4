package io.servicetsunami.ports.in;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** The editable fields of an agent, for create and update. */
public record AgentDraft(
    String name,
    String description,
    List<String> capabilities,
    String instructions,
    Optional<String> llmModel) {

  public AgentDraft {
    requireNonNull(name, "name is null");
    requireNonNull(description, "description is null");
    capabilities = List.copyOf(requireNonNull(capabilities, "capabilities is null"));
    requireNonNull(instructions, "instructions is null");
    requireNonNull(llmModel, "llmModel is null");
  }
}
