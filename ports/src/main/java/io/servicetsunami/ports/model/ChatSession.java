package io.servicetsunami.ports.model;

import static io.servicetsunami.ports.model.Checks.requireOptional;
import static io.servicetsunami.ports.model.Checks.requireText;
import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An imported conversation, mined for knowledge by KnowledgeExtractionWorkflow.
 *
 * @param externalId the conversation's id in the export, so re-importing it is idempotent
 * @param extractedAt when its knowledge was extracted, once it was
 */
public record ChatSession(
    ChatSessionId id,
    TenantId tenantId,
    ChatSource source,
    String externalId,
    String title,
    List<ChatMessage> messages,
    Instant importedAt,
    Optional<Instant> extractedAt) {

  public ChatSession {
    requireNonNull(id, "id is null");
    requireNonNull(tenantId, "tenantId is null");
    requireNonNull(source, "source is null");
    requireText(externalId, "externalId");
    requireNonNull(title, "title is null");
    messages = List.copyOf(requireNonNull(messages, "messages is null"));
    requireNonNull(importedAt, "importedAt is null");
    requireOptional(extractedAt, "extractedAt");
  }
}
