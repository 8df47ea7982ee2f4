package io.servicetsunami.adapters.chatexport;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicetsunami.ports.model.ChatMessage;
import io.servicetsunami.ports.out.ChatExportParser.Conversation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One conversation of a ChatGPT {@code conversations.json}.
 *
 * <p>A conversation is a tree: {@code mapping} holds nodes ({@code id}, {@code message}, {@code
 * parent}, {@code children}), and every edited prompt or regenerated answer opens a new branch. The
 * conversation as the user last saw it is the path from the root to {@code current_node}, found by
 * following {@code parent} links back from it; this is the branch returned, in order, whatever the
 * order of children. An export without a usable {@code current_node} gets the branch that always
 * takes the last (newest) child.
 *
 * <p>Of that branch, the messages a person sees in ChatGPT become chat messages: those of {@code
 * user} and {@code assistant} addressed to everyone ({@code recipient} {@code all}), unless marked
 * {@code is_visually_hidden_from_conversation}. System messages (including custom instructions),
 * tool calls (an assistant message addressed to {@code browser}, {@code python}…), tool output
 * ({@code role: tool}) and reasoning ({@code thoughts}, {@code reasoning_recap}) are left out. Text
 * is the message's string parts joined by blank lines; in multimodal messages an image becomes
 * {@code [image]}, audio {@code [audio]} and a voice transcription its text. A message left with no
 * text is skipped. Times are {@code create_time} (epoch seconds, fraction kept) where present.
 */
final class ChatGptExport {

  private ChatGptExport() {}

  static Conversation conversation(JsonNode conversation) {
    String id =
        text(conversation, "conversation_id")
            .or(() -> text(conversation, "id"))
            .orElseThrow(() -> new ExportException("has no conversation_id"));
    JsonNode mapping = conversation.get("mapping");
    if (mapping == null || !mapping.isObject()) {
      throw new ExportException("(" + id + ") has no mapping of messages");
    }
    List<ChatMessage> messages = new ArrayList<>();
    for (JsonNode node : branch(id, conversation, mapping)) {
      message(node.get("message")).ifPresent(messages::add);
    }
    String title = text(conversation, "title").filter(t -> !t.isBlank()).orElse("Untitled");
    return new Conversation(id, title, messages, time(conversation.get("create_time")));
  }

  /** The nodes from the root to the current node. */
  private static List<JsonNode> branch(String id, JsonNode conversation, JsonNode mapping) {
    Optional<JsonNode> current =
        text(conversation, "current_node").map(mapping::get).filter(JsonNode::isObject);
    JsonNode leaf = current.orElseGet(() -> newestLeaf(id, mapping));
    Deque<JsonNode> path = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode node = leaf; node != null; ) {
      String nodeId = text(node, "id").orElse("?");
      if (!seen.add(nodeId) || seen.size() > mapping.size()) {
        throw new ExportException("(" + id + ") has a cycle in its message tree at " + nodeId);
      }
      path.addFirst(node);
      Optional<String> parent = text(node, "parent");
      if (parent.isEmpty()) {
        break;
      }
      node = mapping.get(parent.get());
      if (node == null || !node.isObject()) {
        throw new ExportException(
            "(" + id + ") has a message whose parent " + parent.get() + " is not in the mapping");
      }
    }
    return List.copyOf(path);
  }

  private static JsonNode newestLeaf(String id, JsonNode mapping) {
    JsonNode root = null;
    for (Iterator<JsonNode> nodes = mapping.elements(); nodes.hasNext(); ) {
      JsonNode node = nodes.next();
      if (node.isObject() && text(node, "parent").isEmpty()) {
        root = node;
        break;
      }
    }
    if (root == null) {
      if (mapping.isEmpty()) {
        return null;
      }
      throw new ExportException("(" + id + ") has no root in its message tree");
    }
    JsonNode node = root;
    Set<String> seen = new HashSet<>();
    while (true) {
      if (!seen.add(text(node, "id").orElse("?")) || seen.size() > mapping.size()) {
        throw new ExportException("(" + id + ") has a cycle in its message tree");
      }
      JsonNode children = node.get("children");
      if (children == null || !children.isArray() || children.isEmpty()) {
        return node;
      }
      JsonNode next = mapping.get(children.get(children.size() - 1).asText());
      if (next == null || !next.isObject()) {
        return node;
      }
      node = next;
    }
  }

  private static Optional<ChatMessage> message(JsonNode message) {
    if (message == null || !message.isObject()) {
      return Optional.empty();
    }
    JsonNode author = message.get("author");
    String role = author == null ? "" : text(author, "role").orElse("");
    if (!role.equals("user") && !role.equals("assistant")) {
      return Optional.empty();
    }
    if (!text(message, "recipient").orElse("all").equals("all")) {
      return Optional.empty();
    }
    JsonNode metadata = message.get("metadata");
    if (metadata != null
        && metadata.path("is_visually_hidden_from_conversation").asBoolean(false)) {
      return Optional.empty();
    }
    String text = content(message.get("content")).strip();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ChatMessage(role, text, time(message.get("create_time"))));
  }

  private static String content(JsonNode content) {
    if (content == null || !content.isObject()) {
      return "";
    }
    String type = text(content, "content_type").orElse("");
    switch (type) {
      case "text", "multimodal_text" -> {
        List<String> pieces = new ArrayList<>();
        JsonNode parts = content.get("parts");
        if (parts != null && parts.isArray()) {
          for (JsonNode part : parts) {
            part(part).filter(p -> !p.isBlank()).ifPresent(p -> pieces.add(p.strip()));
          }
        }
        return String.join("\n\n", pieces);
      }
      case "code" -> {
        return text(content, "text").orElse("");
      }
      default -> {
        // thoughts, reasoning_recap, user_editable_context, tether_*, execution_output, …
        return "";
      }
    }
  }

  private static Optional<String> part(JsonNode part) {
    if (part.isTextual()) {
      return Optional.of(part.asText());
    }
    if (!part.isObject()) {
      return Optional.empty();
    }
    String type = text(part, "content_type").orElse("");
    return switch (type) {
      case "image_asset_pointer" -> Optional.of("[image]");
      case "audio_transcription" -> text(part, "text");
      case "audio_asset_pointer", "real_time_user_audio_video_asset_pointer" ->
          Optional.of("[audio]");
      default -> text(part, "text");
    };
  }

  private static Optional<Instant> time(JsonNode value) {
    if (value == null || !value.isNumber()) {
      return Optional.empty();
    }
    BigDecimal seconds = value.decimalValue();
    long whole = seconds.longValue();
    long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
    return Optional.of(Instant.ofEpochSecond(whole, nanos));
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }
}
