package io.servicetsunami.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicetsunami.ports.model.ChatSession;
import io.servicetsunami.ports.model.ChatSessionId;
import io.servicetsunami.ports.model.ChatSource;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.ChatSessionRepository;
import io.servicetsunami.ports.testing.Fixtures;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link ChatSessionRepository} does. */
public interface ChatSessionRepositoryContract extends Prerequisites {

  ChatSessionRepository chatSessions();

  private static String externalId() {
    return "conv-" + UUID.randomUUID();
  }

  private static ChatSession reimport(ChatSession session, TenantId tenant, ChatSource source) {
    return new ChatSession(
        new ChatSessionId(UUID.randomUUID()),
        tenant,
        source,
        session.externalId(),
        "Imported again",
        List.of(),
        Fixtures.at(60),
        Optional.empty());
  }

  @Test
  default void savedSessionIsFoundWithItsMessages() {
    TenantId tenant = newTenant();
    ChatSession session = Fixtures.chatSession(tenant, externalId());

    assertThat(chatSessions().saveIfAbsent(session)).isEqualTo(session);
    ChatSession found = chatSessions().find(tenant, session.id()).orElseThrow();
    assertThat(found).isEqualTo(session);
    assertThat(found.messages()).hasSize(2);
  }

  @Test
  default void unknownSessionIsNotFound() {
    assertThat(chatSessions().find(newTenant(), new ChatSessionId(UUID.randomUUID()))).isEmpty();
  }

  @Test
  default void reimportingTheSameConversationReturnsTheStoredSession() {
    TenantId tenant = newTenant();
    ChatSession first = chatSessions().saveIfAbsent(Fixtures.chatSession(tenant, externalId()));
    ChatSession again = reimport(first, tenant, first.source());

    assertThat(chatSessions().saveIfAbsent(again)).isEqualTo(first);
    assertThat(chatSessions().find(tenant, again.id())).isEmpty();
  }

  @Test
  default void sameExternalIdFromAnotherSourceIsAnotherSession() {
    TenantId tenant = newTenant();
    ChatSession chatgpt = chatSessions().saveIfAbsent(Fixtures.chatSession(tenant, externalId()));
    ChatSession claude = reimport(chatgpt, tenant, ChatSource.CLAUDE);

    assertThat(chatSessions().saveIfAbsent(claude)).isEqualTo(claude);
    assertThat(chatSessions().find(tenant, chatgpt.id())).contains(chatgpt);
  }

  @Test
  default void markExtractedRecordsTheTimeIdempotently() {
    TenantId tenant = newTenant();
    ChatSession session = chatSessions().saveIfAbsent(Fixtures.chatSession(tenant, externalId()));

    chatSessions().markExtracted(tenant, session.id(), Fixtures.at(60));
    chatSessions().markExtracted(tenant, session.id(), Fixtures.at(60));

    assertThat(chatSessions().find(tenant, session.id()).orElseThrow().extractedAt())
        .contains(Fixtures.at(60));
  }

  @Test
  default void markExtractedOfAnUnknownSessionDoesNothing() {
    TenantId tenant = newTenant();
    ChatSessionId unknown = new ChatSessionId(UUID.randomUUID());

    chatSessions().markExtracted(tenant, unknown, Fixtures.at(60));

    assertThat(chatSessions().find(tenant, unknown)).isEmpty();
  }

  @Test
  default void anotherTenantCannotReadDeduplicateAgainstOrMarkASession() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    ChatSession session = chatSessions().saveIfAbsent(Fixtures.chatSession(a, externalId()));

    assertThat(chatSessions().find(b, session.id())).isEmpty();
    chatSessions().markExtracted(b, session.id(), Fixtures.at(60));
    ChatSession own = reimport(session, b, session.source());

    assertThat(chatSessions().saveIfAbsent(own)).isEqualTo(own);
    assertThat(chatSessions().find(a, session.id())).contains(session);
  }
}
