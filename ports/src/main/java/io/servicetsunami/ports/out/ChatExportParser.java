package io.servicetsunami.ports.out;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.model.ChatMessage;
import io.servicetsunami.ports.model.ChatSource;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads the conversations of a chat export ({@code conversations.json}). */
public interface ChatExportParser {

  /** One conversation of an export, messages in order along the current branch. */
  record Conversation(
      String externalId, String title, List<ChatMessage> messages, Optional<Instant> createdAt) {
    public Conversation {
      requireNonNull(externalId, "externalId is null");
      requireNonNull(title, "title is null");
      messages = List.copyOf(requireNonNull(messages, "messages is null"));
      requireNonNull(createdAt, "createdAt is null");
    }
  }

  /**
   * Parses an export of {@code source}.
   *
   * @throws InvalidInputException {@code unsupported_format} if the content is not such an export
   */
  List<Conversation> parse(ChatSource source, InputStream export);
}
