package io.servicetsunami.adapters.persistence;

import io.servicetsunami.ports.model.ChatMessage;
import io.servicetsunami.ports.model.ChatSession;
import io.servicetsunami.ports.model.ChatSessionId;
import io.servicetsunami.ports.model.ChatSource;
import io.servicetsunami.ports.model.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "chat_sessions")
class ChatSessionEntity {

  @Id
  @Column(name = "id")
  UUID id;

  @Column(name = "tenant_id", nullable = false)
  UUID tenantId;

  @Column(name = "source", nullable = false)
  String source;

  @Column(name = "external_id", nullable = false)
  String externalId;

  @Column(name = "title", nullable = false)
  String title;

  /** {@code [{role, text, created_at}]}, {@code created_at} as ISO-8601 text or null. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "messages", nullable = false)
  List<Map<String, Object>> messages;

  @Column(name = "imported_at", nullable = false)
  Instant importedAt;

  @Column(name = "extracted_at")
  Instant extractedAt;

  protected ChatSessionEntity() {}

  /** The JSON of {@code session}'s messages, as the {@code messages} column holds it. */
  static List<Map<String, Object>> messagesJson(ChatSession session) {
    List<Map<String, Object>> json = new ArrayList<>();
    for (ChatMessage message : session.messages()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("role", message.role());
      item.put("text", message.text());
      item.put("created_at", message.createdAt().map(Instant::toString).orElse(null));
      json.add(item);
    }
    return json;
  }

  ChatSession toRecord() {
    List<ChatMessage> parsed = new ArrayList<>();
    for (Map<String, Object> item : messages) {
      parsed.add(
          new ChatMessage(
              (String) item.get("role"),
              (String) item.get("text"),
              Optional.ofNullable((String) item.get("created_at")).map(Instant::parse)));
    }
    return new ChatSession(
        new ChatSessionId(id),
        new TenantId(tenantId),
        ChatSource.fromWire(source),
        externalId,
        title,
        parsed,
        importedAt,
        Optional.ofNullable(extractedAt));
  }
}
