package io.servicetsunami.ports.testing;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.model.ChatSession;
import io.servicetsunami.ports.model.ChatSessionId;
import io.servicetsunami.ports.model.ChatSource;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.ChatSessionRepository;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link ChatSessionRepository} in memory, unique per tenant, source and external id. */
public final class InMemoryChatSessionRepository implements ChatSessionRepository {

  private final Map<ChatSessionId, ChatSession> sessions = new LinkedHashMap<>();

  @Override
  public synchronized ChatSession saveIfAbsent(ChatSession session) {
    requireNonNull(session, "session is null");
    Optional<ChatSession> existing =
        byExternalId(session.tenantId(), session.source(), session.externalId());
    if (existing.isPresent()) {
      return existing.get();
    }
    if (sessions.containsKey(session.id())) {
      throw new ConflictException(
          ErrorCode.ALREADY_EXISTS, "chat session " + session.id() + " exists");
    }
    sessions.put(session.id(), session);
    return session;
  }

  @Override
  public synchronized Optional<ChatSession> find(TenantId tenant, ChatSessionId id) {
    return Optional.ofNullable(sessions.get(id)).filter(s -> s.tenantId().equals(tenant));
  }

  @Override
  public synchronized void markExtracted(TenantId tenant, ChatSessionId id, Instant at) {
    requireNonNull(at, "at is null");
    find(tenant, id)
        .ifPresent(
            s ->
                sessions.put(
                    id,
                    new ChatSession(
                        s.id(),
                        s.tenantId(),
                        s.source(),
                        s.externalId(),
                        s.title(),
                        s.messages(),
                        s.importedAt(),
                        Optional.of(at))));
  }

  /** Every stored session of every tenant, in import order. */
  public synchronized List<ChatSession> all() {
    return List.copyOf(sessions.values());
  }

  private Optional<ChatSession> byExternalId(
      TenantId tenant, ChatSource source, String externalId) {
    return sessions.values().stream()
        .filter(
            s ->
                s.tenantId().equals(tenant)
                    && s.source() == source
                    && s.externalId().equals(externalId))
        .findFirst();
  }
}
