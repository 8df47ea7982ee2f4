package io.servicetsunami.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.in.ImportChatHistoryUseCase.ImportResult;
import io.servicetsunami.ports.model.ChatMessage;
import io.servicetsunami.ports.model.ChatSession;
import io.servicetsunami.ports.model.ChatSessionId;
import io.servicetsunami.ports.model.ChatSource;
import io.servicetsunami.ports.model.WorkflowInput;
import io.servicetsunami.ports.model.WorkflowType;
import io.servicetsunami.ports.out.ChatExportParser.Conversation;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImportChatHistoryServiceTest {

  private static final Conversation LAUNCH =
      new Conversation(
          "conv-launch",
          "Planning the launch",
          List.of(
              new ChatMessage("user", "Who runs the launch at Acme?", Optional.empty()),
              new ChatMessage("assistant", "Grace Hopper leads it.", Optional.empty())),
          Optional.empty());
  private static final Conversation BUDGET =
      new Conversation(
          "conv-budget",
          "Budget",
          List.of(new ChatMessage("user", "What is the Q3 budget?", Optional.empty())),
          Optional.empty());

  private final PipelineWorld world = new PipelineWorld();
  private final ImportChatHistoryService service = world.importService;

  @Test
  void storesEachConversationAndStartsItsKnowledgeExtraction() {
    world.parser.returns(ChatSource.CHATGPT, List.of(LAUNCH, BUDGET));

    ImportResult result = service.importExport(world.tenant, ChatSource.CHATGPT, export());

    ChatSessionId launch =
        new ChatSessionId(world.ids.idFor("chat-session:" + world.tenant + ":chatgpt:conv-launch"));
    ChatSessionId budget =
        new ChatSessionId(world.ids.idFor("chat-session:" + world.tenant + ":chatgpt:conv-budget"));
    assertThat(result.sessions()).containsExactly(launch, budget);
    assertThat(result.workflowIds())
        .containsExactly("knowledge-extraction-" + launch, "knowledge-extraction-" + budget);
    ChatSession stored = world.sessions.find(world.tenant, launch).orElseThrow();
    assertThat(stored.externalId()).isEqualTo("conv-launch");
    assertThat(stored.source()).isEqualTo(ChatSource.CHATGPT);
    assertThat(stored.messages()).isEqualTo(LAUNCH.messages());
    assertThat(stored.importedAt()).isEqualTo(world.clock.peek());
    assertThat(stored.extractedAt()).isEmpty();
    assertThat(world.engine.inputOf("knowledge-extraction-" + launch))
        .isEqualTo(new WorkflowInput.KnowledgeExtraction(world.tenant, launch));
  }

  @Test
  void importingTheSameExportAgainStoresAndStartsNothingNew() {
    world.parser.returns(ChatSource.CLAUDE, List.of(LAUNCH, BUDGET));
    ImportResult first = service.importExport(world.tenant, ChatSource.CLAUDE, export());

    ImportResult second = service.importExport(world.tenant, ChatSource.CLAUDE, export());

    assertThat(second).isEqualTo(first);
    assertThat(world.sessions.all()).hasSize(2);
    assertThat(world.engine.started(WorkflowType.KNOWLEDGE_EXTRACTION)).hasSize(2);
  }

  @Test
  void aConversationListedTwiceInOneExportIsOneSession() {
    world.parser.returns(ChatSource.CHATGPT, List.of(LAUNCH, LAUNCH));

    ImportResult result = service.importExport(world.tenant, ChatSource.CHATGPT, export());

    assertThat(result.sessions()).hasSize(1);
    assertThat(result.workflowIds()).hasSize(1);
  }

  @Test
  void theSameConversationIdOfAnotherSourceOrTenantIsAnotherSession() {
    world
        .parser
        .returns(ChatSource.CHATGPT, List.of(LAUNCH))
        .returns(ChatSource.CLAUDE, List.of(LAUNCH));

    ChatSessionId chatgpt =
        service.importExport(world.tenant, ChatSource.CHATGPT, export()).sessions().get(0);
    ChatSessionId claude =
        service.importExport(world.tenant, ChatSource.CLAUDE, export()).sessions().get(0);
    ChatSessionId otherTenant =
        service.importExport(world.otherTenant, ChatSource.CHATGPT, export()).sessions().get(0);

    assertThat(List.of(chatgpt, claude, otherTenant)).doesNotHaveDuplicates();
    assertThat(world.sessions.find(world.tenant, otherTenant)).isEmpty();
  }

  @Test
  void anExportOfTheWrongKindIsUnsupportedAndStoresNothing() {
    assertThatThrownBy(() -> service.importExport(world.tenant, ChatSource.CLAUDE, export()))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((PortException) e).code())
        .isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
    assertThat(world.sessions.all()).isEmpty();
    assertThat(world.engine.started()).isEmpty();
  }

  @Test
  void aConversationWithoutAnIdRejectsTheWholeExport() {
    Conversation anonymous = new Conversation(" ", "No id", List.of(), Optional.empty());
    world.parser.returns(ChatSource.CHATGPT, List.of(LAUNCH, anonymous));

    assertThatThrownBy(() -> service.importExport(world.tenant, ChatSource.CHATGPT, export()))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((PortException) e).code())
        .isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
    assertThat(world.sessions.all()).isEmpty();
  }

  private static InputStream export() {
    return new ByteArrayInputStream("[]".getBytes(StandardCharsets.UTF_8));
  }
}
