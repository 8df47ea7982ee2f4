package io.servicetsunami.adapters.chatexport;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicetsunami.ports.model.ChatMessage;
import io.servicetsunami.ports.out.ChatExportParser.Conversation;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One conversation of a Claude {@code conversations.json}: {@code uuid}, {@code name}, {@code
 * created_at} and {@code chat_messages} in order. Where the export records branches ({@code
 * current_leaf_message_uuid} on the conversation and {@code parent_message_uuid} on messages), the
 * branch ending at the current leaf is returned; otherwise the messages as listed.
 *
 * <p>{@code sender} {@code human} becomes role {@code user}, {@code assistant} stays; others are
 * left out. Text is the {@code text} blocks of {@code content} joined by blank lines (tool use,
 * tool results and thinking are left out), or the message's {@code text} when it has no content
 * blocks. Attachments follow the text as {@code [attachment: name]} with their extracted content,
 * files (images, PDFs without extracted text) as {@code [file: name]}. A message left with no text
 * is skipped.
 */
final class ClaudeExport {

  private ClaudeExport() {}

  static Conversation conversation(JsonNode conversation) {
    String id = text(conversation, "uuid").orElseThrow(() -> new ExportException("has no uuid"));
    JsonNode chat = conversation.get("chat_messages");
    if (chat == null || !chat.isArray()) {
      throw new ExportException("(" + id + ") has no chat_messages");
    }
    List<ChatMessage> messages = new ArrayList<>();
    for (JsonNode message : branch(conversation, chat)) {
      if (!message.isObject()) {
        throw new ExportException("(" + id + ") has a chat message that is not an object");
      }
      message(message).ifPresent(messages::add);
    }
    String title = text(conversation, "name").filter(t -> !t.isBlank()).orElse("Untitled");
    return new Conversation(id, title, messages, time(conversation.get("created_at")));
  }

  private static List<JsonNode> branch(JsonNode conversation, JsonNode chat) {
    Optional<String> leaf = text(conversation, "current_leaf_message_uuid");
    Map<String, JsonNode> byId = new HashMap<>();
    for (JsonNode message : chat) {
      text(message, "uuid").ifPresent(uuid -> byId.put(uuid, message));
    }
    List<JsonNode> listed = new ArrayList<>();
    chat.forEach(listed::add);
    if (leaf.isEmpty() || !byId.containsKey(leaf.get())) {
      return listed;
    }
    Deque<JsonNode> path = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode node = byId.get(leaf.get()); node != null; ) {
      if (!seen.add(text(node, "uuid").orElse("?"))) {
        return listed;
      }
      path.addFirst(node);
      node = text(node, "parent_message_uuid").map(byId::get).orElse(null);
    }
    return List.copyOf(path);
  }

  private static Optional<ChatMessage> message(JsonNode message) {
    String role =
        switch (text(message, "sender").orElse("")) {
          case "human" -> "user";
          case "assistant" -> "assistant";
          default -> "";
        };
    if (role.isEmpty()) {
      return Optional.empty();
    }
    List<String> pieces = new ArrayList<>();
    JsonNode content = message.get("content");
    if (content != null && content.isArray() && !content.isEmpty()) {
      for (JsonNode block : content) {
        if ("text".equals(text(block, "type").orElse(""))) {
          text(block, "text").filter(t -> !t.isBlank()).ifPresent(t -> pieces.add(t.strip()));
        }
      }
    } else {
      text(message, "text").filter(t -> !t.isBlank()).ifPresent(t -> pieces.add(t.strip()));
    }
    JsonNode attachments = message.get("attachments");
    if (attachments != null && attachments.isArray()) {
      for (JsonNode attachment : attachments) {
        String name = text(attachment, "file_name").orElse("unnamed");
        String extracted = text(attachment, "extracted_content").orElse("").strip();
        pieces.add(
            extracted.isEmpty()
                ? "[attachment: " + name + "]"
                : "[attachment: " + name + "]\n" + extracted);
      }
    }
    JsonNode files = message.get("files");
    if (files != null && files.isArray()) {
      for (JsonNode file : files) {
        text(file, "file_name").ifPresent(name -> pieces.add("[file: " + name + "]"));
      }
    }
    String text = String.join("\n\n", pieces);
    if (text.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new ChatMessage(role, text, time(message.get("created_at"))));
  }

  private static Optional<Instant> time(JsonNode value) {
    if (value == null || !value.isTextual()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(value.asText()).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }
}
