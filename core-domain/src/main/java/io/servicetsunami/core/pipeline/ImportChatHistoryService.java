package io.servicetsunami.core.pipeline;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.core.workflow.WorkflowIds;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.in.ImportChatHistoryUseCase;
import io.servicetsunami.ports.model.ChatSession;
import io.servicetsunami.ports.model.ChatSessionId;
import io.servicetsunami.ports.model.ChatSource;
import io.servicetsunami.ports.model.TenantId;
import io.servicetsunami.ports.model.WorkflowInput;
import io.servicetsunami.ports.out.ChatExportParser;
import io.servicetsunami.ports.out.ChatExportParser.Conversation;
import io.servicetsunami.ports.out.ChatSessionRepository;
import io.servicetsunami.ports.out.Clock;
import io.servicetsunami.ports.out.IdGenerator;
import io.servicetsunami.ports.out.WorkflowEngine;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Imports a chat export: each conversation becomes a chat session, stored once per tenant, source
 * and conversation id, and gets a KnowledgeExtractionWorkflow ({@code
 * knowledge-extraction-{session_id}}).
 *
 * <p>Importing the same export again is harmless: session ids are derived from the tenant, source
 * and conversation id, stored sessions are kept, a running extraction is not started twice, and an
 * extraction of an already mined session stores nothing.
 */
public final class ImportChatHistoryService implements ImportChatHistoryUseCase {

  private final ChatExportParser parser;
  private final ChatSessionRepository sessions;
  private final WorkflowEngine workflows;
  private final Clock clock;
  private final IdGenerator ids;

  public ImportChatHistoryService(
      ChatExportParser parser,
      ChatSessionRepository sessions,
      WorkflowEngine workflows,
      Clock clock,
      IdGenerator ids) {
    this.parser = requireNonNull(parser, "parser is null");
    this.sessions = requireNonNull(sessions, "sessions is null");
    this.workflows = requireNonNull(workflows, "workflows is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.ids = requireNonNull(ids, "ids is null");
  }

  /** The id a conversation's session gets, the same in every import and every process. */
  public static String sessionIdName(TenantId tenant, ChatSource source, String externalId) {
    return "chat-session:" + tenant + ":" + source.wire() + ":" + externalId;
  }

  @Override
  public ImportResult importExport(TenantId tenant, ChatSource source, InputStream export) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(source, "source is null");
    requireNonNull(export, "export is null");
    List<Conversation> conversations = parser.parse(source, export);
    // Checked before anything is stored, so a bad export imports nothing rather than half.
    for (Conversation conversation : conversations) {
      if (conversation.externalId().isBlank()) {
        throw new InvalidInputException(
            ErrorCode.UNSUPPORTED_FORMAT,
            "a conversation of the " + source.wire() + " export has no id");
      }
    }
    Instant now = clock.now();
    Set<ChatSessionId> stored = new LinkedHashSet<>();
    for (Conversation conversation : conversations) {
      ChatSession session =
          sessions.saveIfAbsent(
              new ChatSession(
                  new ChatSessionId(
                      ids.idFor(sessionIdName(tenant, source, conversation.externalId()))),
                  tenant,
                  source,
                  conversation.externalId(),
                  conversation.title(),
                  conversation.messages(),
                  now,
                  Optional.empty()));
      stored.add(session.id());
    }
    List<String> workflowIds = new ArrayList<>();
    for (ChatSessionId session : stored) {
      String workflowId = WorkflowIds.knowledgeExtraction(session);
      // Already running is fine: that run mines the same session.
      workflows.start(workflowId, new WorkflowInput.KnowledgeExtraction(tenant, session));
      workflowIds.add(workflowId);
    }
    return new ImportResult(List.copyOf(stored), workflowIds);
  }
}
