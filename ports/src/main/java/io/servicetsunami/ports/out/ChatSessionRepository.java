package io.servicetsunami.ports.out;

import io.servicetsunami.ports.model.ChatSession;
import io.servicetsunami.ports.model.ChatSessionId;
import io.servicetsunami.ports.model.TenantId;
import java.time.Instant;
import java.util.Optional;

/** Stores imported chat sessions, scoped by tenant. */
public interface ChatSessionRepository {

  /**
   * Stores the session unless the tenant already imported one with the same source and external id,
   * and returns the stored session (so re-importing an export is idempotent). If the id is taken by
   * another tenant's row, throws {@link io.servicetsunami.ports.error.ConflictException} ({@code
   * already_exists}) and reveals nothing of that row.
   */
  ChatSession saveIfAbsent(ChatSession session);

  /** The session, or empty if {@code tenant} has none with this id. */
  Optional<ChatSession> find(TenantId tenant, ChatSessionId id);

  /** Records that the session's knowledge was extracted. Idempotent; no-op for unknown ids. */
  void markExtracted(TenantId tenant, ChatSessionId id, Instant at);
}
