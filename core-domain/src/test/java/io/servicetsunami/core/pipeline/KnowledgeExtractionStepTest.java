package io.servicetsunami.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.ChatMessage;
import io.servicetsunami.ports.model.ChatSession;
import io.servicetsunami.ports.model.ChatSessionId;
import io.servicetsunami.ports.model.ChatSource;
import io.servicetsunami.ports.model.KnowledgeEntity;
import io.servicetsunami.ports.model.KnowledgeRelation;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.out.ChatExportParser.Conversation;
import io.servicetsunami.ports.out.ChatSessionRepository;
import io.servicetsunami.ports.out.LlmClient;
import io.servicetsunami.ports.out.Page;
import io.servicetsunami.ports.testing.FakeLlmClient;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KnowledgeExtractionStepTest {

  private static final Map<String, Object> ANSWER =
      Map.of(
          "entities",
          List.of(
              entity("Grace Hopper", "person", "Leads the launch", 0.9),
              entity("Acme", "Organisation", "The company launching", 0.8),
              entity("  grace   HOPPER ", "Person", "Same person, other spelling", 0.7)),
          "relations",
          List.of(relation("Grace Hopper", "ACME", "works for", 0.6)));

  private final PipelineWorld world = new PipelineWorld();
  private final DataSyncStepsService steps = world.steps;

  @Test
  void storesDeduplicatedEntitiesAndTheirRelationsAndMarksTheSessionExtracted() {
    ChatSessionId session = importConversation("conv-1", messages("Who runs the launch?"));
    world.llm.respondStructured(ANSWER);

    int stored = steps.extractKnowledgeFromSession(world.tenant, session);

    assertThat(stored).isEqualTo(2);
    List<KnowledgeEntity> entities = world.knowledge.allEntities();
    assertThat(entities)
        .extracting(KnowledgeEntity::name, KnowledgeEntity::entityType, KnowledgeEntity::confidence)
        .containsExactly(tuple("Grace Hopper", "person", 0.9), tuple("Acme", "organisation", 0.8));
    assertThat(entities)
        .allSatisfy(
            entity -> {
              assertThat(entity.tenantId()).isEqualTo(world.tenant);
              assertThat(entity.source()).contains("chatgpt:conv-1");
            });
    assertThat(entities.get(1).attributes()).containsEntry("description", "The company launching");
    KnowledgeRelation relation = world.knowledge.allRelations().get(0);
    assertThat(world.knowledge.allRelations()).hasSize(1);
    assertThat(relation.fromEntityId()).isEqualTo(entities.get(0).id());
    assertThat(relation.toEntityId()).isEqualTo(entities.get(1).id());
    assertThat(relation.relationType()).isEqualTo("works_for");
    assertThat(relation.strength()).isEqualTo(0.6);
    assertThat(world.sessions.find(world.tenant, session).orElseThrow().extractedAt())
        .contains(world.clock.peek());
  }

  @Test
  void asksTheConfiguredModelForStructuredEntitiesAndRelations() {
    ChatSessionId session = importConversation("conv-1", messages("Who runs the launch?"));
    world.llm.respondStructured(ANSWER);

    steps.extractKnowledgeFromSession(world.tenant, session);

    LlmClient.Request request = world.llm.requests().get(0);
    assertThat(request.model()).isEqualTo(PipelineWorld.MODEL);
    assertThat(request.messages().get(0).content())
        .contains("user: Who runs the launch?")
        .contains("Planning");
    Map<String, Object> schema = request.responseSchema().orElseThrow();
    assertThat(schema).containsEntry("required", List.of("entities", "relations"));
    @SuppressWarnings("unchecked")
    Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
    assertThat(properties.toString())
        .contains("name", "type", "description", "confidence", "from", "to", "strength");
  }

  @Test
  void aSessionAlreadyExtractedStoresNothingAndCallsNoModel() {
    ChatSessionId session = importConversation("conv-1", messages("Who runs the launch?"));
    world.llm.respondStructured(ANSWER);
    steps.extractKnowledgeFromSession(world.tenant, session);

    int again = steps.extractKnowledgeFromSession(world.tenant, session);

    assertThat(again).isZero();
    assertThat(world.llm.requests()).hasSize(1);
    assertThat(world.knowledge.allEntities()).hasSize(2);
  }

  @Test
  void aRetryAfterTheSessionCouldNotBeMarkedStoresNoDuplicates() {
    FailingOnceSessions flaky = new FailingOnceSessions(world.sessions);
    DataSyncStepsService flakySteps = world.stepsWith(flaky);
    ChatSessionId session = importConversation("conv-1", messages("Who runs the launch?"));
    world.llm.respondStructured(ANSWER).respondStructured(ANSWER);

    assertThatThrownBy(() -> flakySteps.extractKnowledgeFromSession(world.tenant, session))
        .isInstanceOf(TransientException.class);
    int stored = flakySteps.extractKnowledgeFromSession(world.tenant, session);

    assertThat(stored).isEqualTo(2);
    assertThat(world.knowledge.allEntities()).hasSize(2);
    assertThat(world.knowledge.allRelations()).hasSize(1);
    assertThat(world.sessions.find(world.tenant, session).orElseThrow().extractedAt()).isPresent();
  }

  @Test
  void entitiesFoundAgainInAnotherSessionMergeIntoTheStoredOnes() {
    ChatSessionId first = importConversation("conv-1", messages("Who runs the launch?"));
    ChatSessionId second = importConversation("conv-2", messages("Grace Hopper again"));
    world.llm.respondStructured(ANSWER).respondStructured(ANSWER);

    steps.extractKnowledgeFromSession(world.tenant, first);
    int stored = steps.extractKnowledgeFromSession(world.tenant, second);

    assertThat(stored).isEqualTo(2);
    assertThat(world.knowledge.allEntities()).hasSize(2);
    assertThat(world.knowledge.allRelations()).hasSize(1);
  }

  @Test
  void malformedItemsAreSkippedAndTheRestStored() {
    ChatSessionId session = importConversation("conv-1", messages("Who runs the launch?"));
    Map<String, Object> noName = new HashMap<>(entity("x", "person", "d", 0.5));
    noName.remove("name");
    world.llm.respondStructured(
        Map.of(
            "entities",
            List.of(
                "not an object",
                noName,
                entity("   ", "person", "blank name", 0.5),
                Map.of("name", "Bad score", "type", "concept", "confidence", "high"),
                entity("Overconfident", "concept", "clamped", 7.5),
                Map.of("name", "No score", "type", "concept")),
            "relations",
            List.of(
                relation("Overconfident", "Nobody we stored", "knows", 0.5),
                Map.of("from", "Overconfident"),
                relation("Overconfident", "No score", "related to", 0.4))));

    int stored = steps.extractKnowledgeFromSession(world.tenant, session);

    assertThat(stored).isEqualTo(2);
    assertThat(world.knowledge.allEntities())
        .extracting(KnowledgeEntity::name, KnowledgeEntity::confidence)
        .containsExactly(tuple("Overconfident", 1.0), tuple("No score", 0.5));
    assertThat(world.knowledge.allRelations())
        .singleElement()
        .satisfies(relation -> assertThat(relation.relationType()).isEqualTo("related_to"));
  }

  @Test
  void anAnswerWithoutEntitiesStoresNothingButMarksTheSession() {
    ChatSessionId session = importConversation("conv-1", messages("Hello"));

    int stored = steps.extractKnowledgeFromSession(world.tenant, session);

    assertThat(stored).isZero();
    assertThat(world.knowledge.allEntities()).isEmpty();
    assertThat(world.sessions.find(world.tenant, session).orElseThrow().extractedAt()).isPresent();
  }

  @Test
  void aSessionWithNothingSaidIsMarkedWithoutAskingTheModel() {
    ChatSessionId session =
        importConversation("conv-1", List.of(new ChatMessage("user", "  ", Optional.empty())));

    assertThat(steps.extractKnowledgeFromSession(world.tenant, session)).isZero();

    assertThat(world.llm.requests()).isEmpty();
    assertThat(world.sessions.find(world.tenant, session).orElseThrow().extractedAt()).isPresent();
  }

  @Test
  void anAnswerWithoutStructuredOutputFailsPermanentlyAndLeavesTheSessionToRetry() {
    ChatSessionId session = importConversation("conv-1", messages("Who runs the launch?"));
    world.llm.byDefault(
        request -> FakeLlmClient.response(request, "Grace Hopper is a person.", Optional.empty()));

    assertThatThrownBy(() -> steps.extractKnowledgeFromSession(world.tenant, session))
        .isInstanceOf(PermanentException.class)
        .extracting(e -> ((PortException) e).code())
        .isEqualTo(ErrorCode.LLM_REJECTED);
    assertThat(world.sessions.find(world.tenant, session).orElseThrow().extractedAt()).isEmpty();
  }

  @Test
  void anUnavailableModelLeavesTheSessionUnextractedForTheRetry() {
    ChatSessionId session = importConversation("conv-1", messages("Who runs the launch?"));
    world.llm.failNextWith(new TransientException(ErrorCode.LLM_UNAVAILABLE, "rate limited"));

    assertThatThrownBy(() -> steps.extractKnowledgeFromSession(world.tenant, session))
        .isInstanceOf(TransientException.class);

    assertThat(world.sessions.find(world.tenant, session).orElseThrow().extractedAt()).isEmpty();
    world.llm.respondStructured(ANSWER);
    assertThat(steps.extractKnowledgeFromSession(world.tenant, session)).isEqualTo(2);
  }

  @Test
  void theTranscriptSentIsBoundedWhateverTheConversationsLength() {
    List<ChatMessage> chatter = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      chatter.add(
          new ChatMessage(i % 2 == 0 ? "user" : "assistant", "x".repeat(10_000), Optional.empty()));
    }
    ChatSessionId session = importConversation("conv-1", chatter);

    steps.extractKnowledgeFromSession(world.tenant, session);

    String content = world.llm.requests().get(0).messages().get(0).content();
    assertThat(content.length()).isLessThan(KnowledgePrompt.MAX_TRANSCRIPT_CHARS + 500);
    assertThat(content).contains("later messages left out for length");
    assertThat(content).doesNotContain("x".repeat(KnowledgePrompt.MAX_MESSAGE_CHARS + 1));
  }

  @Test
  void anotherTenantCannotExtractTheSession() {
    ChatSessionId session = importConversation("conv-1", messages("Who runs the launch?"));

    assertThatThrownBy(() -> steps.extractKnowledgeFromSession(world.otherTenant, session))
        .isInstanceOf(NotFoundException.class)
        .extracting(e -> ((PortException) e).code())
        .isEqualTo(ErrorCode.CHAT_SESSION_NOT_FOUND);
    assertThat(world.llm.requests()).isEmpty();
    assertThat(world.knowledge.listEntities(world.otherTenant, Optional.empty(), Page.first(10)))
        .isEmpty();
  }

  private ChatSessionId importConversation(String externalId, List<ChatMessage> messages) {
    world.parser.returns(
        ChatSource.CHATGPT,
        List.of(new Conversation(externalId, "Planning", messages, Optional.empty())));
    return world
        .importService
        .importExport(world.tenant, ChatSource.CHATGPT, new ByteArrayInputStream(new byte[0]))
        .sessions()
        .get(0);
  }

  private static List<ChatMessage> messages(String question) {
    return List.of(
        new ChatMessage("user", question, Optional.empty()),
        new ChatMessage("assistant", "Grace Hopper at Acme leads it.", Optional.empty()));
  }

  private static Map<String, Object> entity(
      String name, String type, String description, double confidence) {
    return Map.of("name", name, "type", type, "description", description, "confidence", confidence);
  }

  private static Map<String, Object> relation(
      String from, String to, String type, double strength) {
    return Map.of("from", from, "to", to, "type", type, "strength", strength);
  }

  /** Sessions whose first {@code markExtracted} fails, as if the step died just before it. */
  private static final class FailingOnceSessions implements ChatSessionRepository {

    private final ChatSessionRepository delegate;
    private boolean failed;

    FailingOnceSessions(ChatSessionRepository delegate) {
      this.delegate = delegate;
    }

    @Override
    public ChatSession saveIfAbsent(ChatSession session) {
      return delegate.saveIfAbsent(session);
    }

    @Override
    public Optional<ChatSession> find(TenantId tenant, ChatSessionId id) {
      return delegate.find(tenant, id);
    }

    @Override
    public void markExtracted(TenantId tenant, ChatSessionId id, Instant at) {
      if (!failed) {
        failed = true;
        throw new TransientException(ErrorCode.DATABASE_UNAVAILABLE, "the database went away");
      }
      delegate.markExtracted(tenant, id, at);
    }
  }
}
