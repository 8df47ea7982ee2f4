package io.servicetsunami.ports.in;

import static java.util.Objects.requireNonNull;

import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.model.ChatSessionId;
import io.servicetsunami.ports.model.ChatSource;
import io.servicetsunami.ports.model.TenantId;
import java.io.InputStream;
import java.util.List;

/** Imports a ChatGPT or Claude export and mines each conversation for knowledge. */
public interface ImportChatHistoryUseCase {

  /**
   * @param workflowIds one {@code knowledge-extraction-{session_id}} per conversation
   */
  record ImportResult(List<ChatSessionId> sessions, List<String> workflowIds) {
    public ImportResult {
      sessions = List.copyOf(requireNonNull(sessions, "sessions is null"));
      workflowIds = List.copyOf(requireNonNull(workflowIds, "workflowIds is null"));
    }
  }

  /**
   * Stores each conversation (idempotently, by its id in the export) and starts
   * KnowledgeExtractionWorkflow for it.
   *
   * @throws InvalidInputException {@code unsupported_format} if the content is not such an export
   */
  ImportResult importExport(TenantId tenant, ChatSource source, InputStream export);
}
