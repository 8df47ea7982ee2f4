package io.servicetsunami.app.http;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.servicetsunami.adapters.chatexport.JacksonChatExportParser;
import io.servicetsunami.ports.in.ImportChatHistoryUseCase;
import io.servicetsunami.ports.in.ImportChatHistoryUseCase.ImportResult;
import io.servicetsunami.ports.model.ChatSessionId;
import io.servicetsunami.ports.model.ChatSource;
import io.servicetsunami.ports.model.Principal;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Chat-history imports: {@code POST /api/v1/integrations/import/chatgpt} and {@code …/claude} take
 * the export's {@code conversations.json} (or the export's zip) as the multipart {@code file} part
 * or as the raw body, store each conversation as a chat session and start one
 * KnowledgeExtractionWorkflow per conversation. 202: the knowledge is mined afterwards.
 */
public final class ImportRoutes implements RouteGroup {

  /**
   * @param workflowIds one {@code knowledge-extraction-{session_id}} per conversation, in the
   *     export's order; {@code workflow_id} is the first, for clients that track one
   */
  record ImportResponse(
      String source,
      int imported,
      List<String> sessionIds,
      List<String> workflowIds,
      String workflowId) {

    static ImportResponse of(ChatSource source, ImportResult result) {
      return new ImportResponse(
          source.wire(),
          result.sessions().size(),
          result.sessions().stream().map(ChatSessionId::toString).toList(),
          result.workflowIds(),
          result.workflowIds().isEmpty() ? null : result.workflowIds().get(0));
    }
  }

  private final ImportChatHistoryUseCase imports;
  private final long maxUploadBytes;

  /** Uploads up to what the export parser reads ({@link JacksonChatExportParser} as wired). */
  @Inject
  public ImportRoutes(ImportChatHistoryUseCase imports) {
    this(imports, JacksonChatExportParser.DEFAULT_MAX_BYTES);
  }

  ImportRoutes(ImportChatHistoryUseCase imports, long maxUploadBytes) {
    this.imports = requireNonNull(imports, "imports is null");
    if (maxUploadBytes < 1) {
      throw new IllegalArgumentException("maxUploadBytes must be positive");
    }
    this.maxUploadBytes = maxUploadBytes;
  }

  @Override
  public void register(ApiRoutes routes) {
    String imports = ApiRoutes.API + "/integrations/import";
    routes.post(
        imports + "/chatgpt", (ctx, principal) -> handle(ctx, principal, ChatSource.CHATGPT));
    routes.post(imports + "/claude", (ctx, principal) -> handle(ctx, principal, ChatSource.CLAUDE));
  }

  void handle(Context ctx, Principal principal, ChatSource source) {
    Uploads.Upload file = Uploads.file(ctx, "file", maxUploadBytes);
    ImportResult result;
    try (InputStream content = file.content()) {
      result = imports.importExport(principal.tenantId(), source, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ctx.status(202).json(ImportResponse.of(source, result));
  }
}
