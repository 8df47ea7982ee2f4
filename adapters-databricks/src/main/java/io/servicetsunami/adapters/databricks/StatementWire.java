package io.servicetsunami.adapters.databricks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The JSON of Databricks' SQL Statement Execution API (2.0) as this adapter uses it: {@code POST
 * /api/2.0/sql/statements}, {@code GET /api/2.0/sql/statements/{id}}, {@code GET
 * /api/2.0/sql/statements/{id}/result/chunks/{n}} and the workspace's error body. Field names are
 * the API's snake_case ones (the mapper's naming strategy); unknown fields are ignored, so that new
 * fields the service adds do not break parsing.
 */
final class StatementWire {

  private StatementWire() {}

  /** The body of {@code POST /api/2.0/sql/statements}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ExecuteRequest(
      String warehouseId,
      String statement,
      String waitTimeout,
      String onWaitTimeout,
      String disposition,
      String format,
      List<Parameter> parameters) {}

  /**
   * A named parameter: {@code :name} in the statement. The value is always text, which the
   * warehouse casts to {@code type}; an absent value is SQL NULL.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Parameter(String name, String value, String type) {}

  /** What {@code POST} and {@code GET} of a statement answer. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record StatementResponse(
      String statementId, Status status, Manifest manifest, ResultData result) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Status(String state, ServiceError error, String sqlState) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ServiceError(String errorCode, String message) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Manifest(
      String format,
      Schema schema,
      Integer totalChunkCount,
      Long totalRowCount,
      Boolean truncated) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Schema(Integer columnCount, List<ColumnInfo> columns) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ColumnInfo(String name, String typeName, String typeText, Integer position) {}

  /** One chunk of a result: the {@code result} of a statement, or a chunk fetched by index. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ResultData(
      Integer chunkIndex,
      Long rowOffset,
      Long rowCount,
      List<List<String>> dataArray,
      Integer nextChunkIndex,
      String nextChunkInternalLink) {}

  /** The body of a workspace API error (HTTP 4xx/5xx). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ErrorBody(String errorCode, String message) {}
}
