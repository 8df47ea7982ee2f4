package io.servicetsunami.adapters.persistence;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.model.ChatSession;
import io.servicetsunami.ports.model.ChatSessionId;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.ChatSessionRepository;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link ChatSessionRepository} on the {@code chat_sessions} table. Saving is {@code INSERT … ON
 * CONFLICT (tenant_id, source, external_id) DO NOTHING} followed by reading the stored session, so
 * re-importing an export, even concurrently, keeps the first import.
 */
public final class JpaChatSessionRepository implements ChatSessionRepository {

  private static final String SAVE =
      "INSERT INTO chat_sessions"
          + " (id, tenant_id, source, external_id, title, messages, imported_at, extracted_at)"
          + " VALUES (:id, :tenant, :source, :externalId, :title, CAST(:messages AS jsonb),"
          + " :importedAt, :extractedAt)"
          + " ON CONFLICT (tenant_id, source, external_id) DO NOTHING";

  private final Transactions transactions;

  JpaChatSessionRepository(Transactions transactions) {
    this.transactions = requireNonNull(transactions, "transactions is null");
  }

  @Override
  public ChatSession saveIfAbsent(ChatSession session) {
    requireNonNull(session, "session is null");
    String messages = JsonColumns.write(ChatSessionEntity.messagesJson(session));
    return transactions.call(
        "storing a chat session",
        s -> {
          s.createNativeMutationQuery(SAVE)
              .setParameter("id", session.id().value())
              .setParameter("tenant", session.tenantId().value())
              .setParameter("source", session.source().wire())
              .setParameter("externalId", session.externalId())
              .setParameter("title", session.title())
              .setParameter("messages", messages)
              .setParameter("importedAt", Rows.micros(session.importedAt()))
              .setParameter("extractedAt", Rows.micros(session.extractedAt()), Instant.class)
              .executeUpdate();
          return s.createSelectionQuery(
                  "from ChatSessionEntity c where c.tenantId = :tenant and c.source = :source"
                      + " and c.externalId = :externalId",
                  ChatSessionEntity.class)
              .setParameter("tenant", session.tenantId().value())
              .setParameter("source", session.source().wire())
              .setParameter("externalId", session.externalId())
              .getSingleResult()
              .toRecord();
        });
  }

  @Override
  public Optional<ChatSession> find(TenantId tenant, ChatSessionId id) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(id, "id is null");
    return transactions.call(
        "reading a chat session",
        s ->
            s.createSelectionQuery(
                    "from ChatSessionEntity c where c.id = :id and c.tenantId = :tenant",
                    ChatSessionEntity.class)
                .setParameter("id", id.value())
                .setParameter("tenant", tenant.value())
                .uniqueResultOptional()
                .map(ChatSessionEntity::toRecord));
  }

  @Override
  public void markExtracted(TenantId tenant, ChatSessionId id, Instant at) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(id, "id is null");
    requireNonNull(at, "at is null");
    transactions.call(
        "marking a chat session extracted",
        s ->
            s.createMutationQuery(
                    "update ChatSessionEntity c set c.extractedAt = :at"
                        + " where c.id = :id and c.tenantId = :tenant")
                .setParameter("at", Rows.micros(at))
                .setParameter("id", id.value())
                .setParameter("tenant", tenant.value())
                .executeUpdate());
  }
}
